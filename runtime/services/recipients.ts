/**
 * Who receives the notices of a case meant for the applicant: the applicant (`applicant`), and, when an
 * intermediary applied on a client's behalf, that intermediary too (by user id), so both learn of every decision.
 */
import type { ApplicationRecord, NewMessage } from '../store/types.ts';

/** The `to` of each message a notice to the applicant becomes: `applicant`, then the intermediary's user id if any. */
export function noticeRecipients(application: Pick<ApplicationRecord, 'createdBy' | 'onBehalfOf'>): string[] {
  return application.createdBy && application.onBehalfOf ? ['applicant', application.createdBy] : ['applicant'];
}

/**
 * The messages a notice to the applicant becomes: `message` itself, and its copy to the intermediary (user id
 * `intermediary`) who applied for them, shown in the staff pages, never emailed.
 */
export function withIntermediaryCopy(message: NewMessage, intermediary: string | null | undefined): NewMessage[] {
  return intermediary ? [message, { ...message, to: intermediary, email: null }] : [message];
}

/** The messages a notice to the applicant of `application` becomes (see `withIntermediaryCopy`). */
export function applicantNotices(message: NewMessage, application: Pick<ApplicationRecord, 'createdBy' | 'onBehalfOf'>): NewMessage[] {
  return withIntermediaryCopy(message, noticeRecipients(application)[1]);
}
