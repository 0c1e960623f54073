/**
 * The records of networks of care (issue 16): a person's consent to share answers with another organisation's
 * program (an extension of the intermediary's `ConsentRecord`: the same statement-as-shown, language, method, who
 * and when, plus what, with whom, why and until when), the shares made under it, closed-loop referrals with their
 * history, and each program's capacity.
 */
import type { AuditArg, ConsentRecord } from './types.ts';

/** Why answers are shared: to apply to the program, or with a referral to it. */
export type SharingPurpose = 'application' | 'referral';

/** One time answers were shared under a consent: the application they prefilled or the referral that carried them. */
export interface ConsentShare {
  applicationId: string | null;
  referralId: string | null;
  concepts: string[];
  at: string;
}

/**
 * A person's consent to share the answers of one application (the source) under the named concepts with one
 * program's organisation. Revocable: once withdrawn, nothing more is shared; shares made before stay, listed.
 */
export interface SharingConsent extends Omit<ConsentRecord, 'method'> {
  id: string;
  /** `checkbox`: the person ticked it; `staff-recorded`: a caseworker recorded the person's agreement. */
  method: 'checkbox' | 'staff-recorded';
  /** The application whose answers are shared; null for a referral straight from a screening result. */
  sourceApplicationId: string | null;
  /** The recipient: the program and the organisation that runs it. */
  programId: string;
  organisationId: string;
  concepts: string[];
  purpose: SharingPurpose;
  /** Last day (ISO date) the consent holds. */
  until: string;
  withdrawnAt: string | null;
  withdrawnBy: string | null;
  shares: ConsentShare[];
}

/**
 * Where a referral stands, after findhelp's closed loop (docs/design.md maps them to HL7 Gravity Task statuses):
 * pending → accepted → in-progress → got-help, or needs-client-action, declined, cancelled.
 */
export type ReferralStatus = 'pending' | 'accepted' | 'needs-client-action' | 'in-progress' | 'got-help' | 'declined' | 'cancelled';

/** Why a referral was declined (findhelp's failure reasons). */
export type DeclineReason = 'could-not-contact' | 'not-eligible' | 'no-capacity' | 'no-longer-interested' | 'referred-elsewhere';

/** One change of a referral's status. */
export interface ReferralEvent {
  at: string;
  status: ReferralStatus;
  reason: DeclineReason | null;
  note: string | null;
  /** User id, or null when the person did it themselves. */
  by: string | null;
}

/** How the person who referred themselves from a screening result wants to be contacted, as they chose to share it. */
export interface ReferralContact {
  name: string;
  email: string | null;
  phone: string | null;
  /** How they prefer to be contacted. */
  preferred: 'email' | 'phone' | 'text';
  /** When to call, what to know before contacting them (their words). */
  note: string | null;
}

/**
 * A referral to another organisation's program: from one program's application (and its case, when made from one),
 * or straight from a screening result (no application, no referring program; the person follows it by a code).
 */
export interface ReferralRecord {
  id: string;
  /** The referring program; null for a referral from the screener. */
  fromProgramId: string | null;
  /** The application it was made from; null for a referral from the screener. */
  fromApplicationId: string | null;
  fromCaseId: string | null;
  toProgramId: string;
  toOrganisationId: string;
  consentId: string;
  status: ReferralStatus;
  reason: DeclineReason | null;
  /** The person's name as the referrer knows it, for the receiving inbox. */
  personName: string;
  /** The answers shared with the referral (concept id → value), as they were when it was made: the receiver's copy. */
  shared: Record<string, unknown>;
  note: string | null;
  /** User id of the referring caseworker; null when the person referred themselves. */
  referredBy: string | null;
  /** The application the person started from the referral, once they did. */
  targetApplicationId: string | null;
  /** From the screener: the contact details the person chose to share (absent or null otherwise). */
  contact?: ReferralContact | null;
  /** From the screener: the sha256 of the code the person follows it with (never shown; absent or null otherwise). */
  followCodeHash?: string | null;
  history: ReferralEvent[];
  revision: number;
  createdAt: string;
  updatedAt: string;
}

/** A program's intake capacity, set by its organisation's staff; `open` when never set. */
export interface CapacityRecord {
  programId: string;
  capacity: 'open' | 'waitlist' | 'closed';
  note: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** Which referrals to list: by receiving programs, referring programs, source application or case. */
export interface ReferralQuery {
  toProgramIds?: readonly string[];
  fromProgramIds?: readonly string[];
  fromApplicationId?: string;
  fromCaseId?: string;
}

/** The store methods of networks of care; each write appends its audit entries in the same unit. */
export interface ReferralStore {
  /** Stores a new sharing consent. */
  createSharingConsent(consent: SharingConsent, audit?: AuditArg): Promise<SharingConsent>;
  /** The consent with `id`; `NotFoundError('consent')` when there is none. */
  getSharingConsent(id: string): Promise<SharingConsent>;
  /** The consents given from one application, oldest first. */
  listSharingConsents(sourceApplicationId: string): Promise<SharingConsent[]>;
  /** Withdraws a consent; `ConflictError('wrong-state')` when it was withdrawn before. */
  withdrawSharingConsent(id: string, by: string, audit?: AuditArg): Promise<SharingConsent>;
  /** Records that answers were used under a consent; `ConflictError('wrong-state')` when it is withdrawn. */
  recordConsentShare(id: string, share: ConsentShare, audit?: AuditArg): Promise<SharingConsent>;
  /** Stores a new referral. */
  createReferral(referral: ReferralRecord, audit?: AuditArg): Promise<ReferralRecord>;
  /** The referral with `id`; `NotFoundError('referral')` when there is none. */
  getReferral(id: string): Promise<ReferralRecord>;
  /** The referral whose `followCodeHash` is `codeHash`, or null. */
  getReferralByFollowCode(codeHash: string): Promise<ReferralRecord | null>;
  /** Referrals matching every given filter, newest first. */
  listReferrals(query: ReferralQuery): Promise<ReferralRecord[]>;
  /**
   * Writes `next` (its revision one above `expectedRevision`); `ConflictError('stale-revision')` when the stored
   * revision is another.
   */
  saveReferral(next: ReferralRecord, expectedRevision: number, audit?: AuditArg): Promise<ReferralRecord>;
  /** The capacity of `programId` (`open`, never set, when none is stored). */
  getCapacity(programId: string): Promise<CapacityRecord>;
  /** Sets the capacity of a program. */
  setCapacity(record: CapacityRecord, audit?: AuditArg): Promise<CapacityRecord>;
}
