/**
 * The shapes the staff pages read from `/api/cases`: the types generated from the API's component schemas
 * (`../shared/api-types.ts`), under the names the pages use.
 */
export type { CaseDetail, CaseList, DeterminationRecord, RedetermineResult } from '../shared/api-types.ts';

/** One line of the queue. */
export type { CaseSummary as CaseRow } from '../shared/api-types.ts';
