/** The shapes the staff pages read from `/api/cases` (runtime/services/cases.ts), as far as the pages use them. */
import type { DeadlineStatus, Determination } from '../../../engine/browser.ts';

/** One line of the queue. */
export interface CaseRow {
  id: string;
  applicationId: string;
  programId: string;
  version: number;
  hash: string;
  state: string;
  stateTitle?: string;
  assignee: string | null;
  label?: string | null;
  dueOn?: string | null;
  overdue?: boolean;
  createdAt: string;
  revision: number;
}

/** `GET /api/cases`. */
export interface CaseList {
  items: CaseRow[];
  total: number;
  countsByState: Record<string, number>;
}

/** A stored determination. */
export interface DeterminationRecord {
  id: string;
  kind: 'initial' | 'redetermination' | 'dry-run';
  applied: boolean;
  version: number;
  hash: string;
  asOf: string;
  createdAt: string;
  result: Determination;
}

/** `GET /api/cases/:id`. */
export interface CaseDetail {
  case: CaseRow & { performedBy?: Record<string, string[]>; terminal?: boolean };
  program: { id: string; version: number; title: string; hash: string };
  application: {
    id: string;
    answers: Record<string, unknown>;
    submittedAt?: string | null;
    lang?: string;
    onBehalfOf?: string | null;
  } | null;
  determinations: DeterminationRecord[];
  history: { id: string; at: string; actorId: string | null; event: string; from: string | null; to: string }[];
  notes: { id: string; at: string; authorId: string; text: string }[];
  documents: {
    id: string;
    name: string;
    status: 'requested' | 'received';
    requestedAt?: string | null;
    receivedAt?: string | null;
  }[];
  messages?: { id: string; to: string; text: string; at: string }[];
  /** Names of the users the case mentions (assignee, actors, note authors), by id. */
  people?: Record<string, { name: string; email: string }>;
  deadlines: DeadlineStatus[];
  availableTransitions: { event: string; title: string; to: string }[];
  /** Every transition out of the current state, with whether this user may take it and, if not, why. */
  transitions?: {
    event: string;
    title: string;
    to: string;
    allowed: boolean;
    reason: string | null;
    code: string | null;
  }[];
}

/** `POST /api/cases/:id/redetermine`. */
export interface RedetermineResult {
  previous: DeterminationRecord | null;
  determination: DeterminationRecord;
}
