/** The shapes the staff pages read from `/api/cases` (docs/design.md §4), tolerant of optional fields. */
import type { DeadlineStatus, Determination } from '../../../engine/types.ts';

/** One line of the inbox. */
export interface CaseRow {
  id: string;
  programId: string;
  programTitle?: string;
  version: number;
  state: string;
  stateTitle?: string;
  assignee?: string | null;
  assigneeName?: string | null;
  deadlines?: DeadlineStatus[];
  overdue?: boolean;
  createdAt?: string;
  applicationId?: string;
}

/** `GET /api/cases` → the cases and their counts. */
export interface CaseList {
  cases: CaseRow[];
  counts?: { total?: number; overdue?: number; byState?: Record<string, number> };
}

/** A determination as stored. */
export interface DeterminationRecord {
  id: string;
  kind: 'initial' | 'redetermination' | 'dry-run';
  applied?: boolean;
  version: number;
  hash: string;
  asOf: string;
  createdAt?: string;
  result: Determination;
}

/** `GET /api/cases/:id`. */
export interface CaseDetail {
  case: CaseRow & { hash?: string; performedBy?: Record<string, string[]>; stateEnteredAt?: string };
  application: { id: string; answers: Record<string, unknown>; submittedAt?: string; lang?: string; version?: number };
  program?: { id: string; title: string; version: number; form?: { schema: Record<string, unknown>; uiSchema?: Record<string, unknown>; pages: { id: string; title: string; fields: string[] }[] }; workflow?: { states: Record<string, { title: string }> } };
  determinations: DeterminationRecord[];
  history: { id?: string; at: string; actorId?: string; actorName?: string; event: string; eventTitle?: string; from: string; to: string }[];
  notes: { id: string; at: string; authorId?: string; authorName?: string; text: string }[];
  documents: { id: string; name: string; status: 'requested' | 'received'; requestedAt?: string; receivedAt?: string }[];
  availableTransitions: { event: string; title: string; to?: string }[];
  deadlines?: DeadlineStatus[];
}
