/**
 * Who receives the notices of a case meant for the applicant: the applicant (`applicant`), and, when an
 * intermediary applied on a client's behalf, that intermediary too (by user id), so both learn of every decision.
 */
import type { ApplicationRecord } from '../store/types.ts';

/** The `to` of each message a notice to the applicant becomes: `applicant`, then the intermediary's user id if any. */
export function noticeRecipients(application: Pick<ApplicationRecord, 'createdBy' | 'onBehalfOf'>): string[] {
  return application.createdBy && application.onBehalfOf ? ['applicant', application.createdBy] : ['applicant'];
}
