/** The shapes the web pages read from the runtime API (docs/design.md §4), as far as the pages use them. */
import type { Determination, Program } from '../../../engine/browser.ts';

export type { Determination, Program };

/** One entry of `GET /api/programs`. */
export interface ProgramSummary {
  id: string;
  title: string;
  description: string;
  languages?: string[];
  owner?: { name: string; url?: string };
  current?: { version: number; effectiveFrom: string; hash: string } | null;
}

/** `GET /api/programs/:id/current` and `/versions/:v`: a version's record with its (localized) document. */
export interface VersionWithDocument {
  programId: string;
  version: number;
  hash: string;
  lang?: string;
  doc: Program;
  /** The version in force only: URL of its form's validator module (web/src/forms/validator.ts). */
  validator?: string;
}

/** `GET /api/screen/form`: the screener's questions and the URL of their validator module. */
export interface ScreenerFormDocument {
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
  fields: string[];
  validator: string;
}

/** `POST /api/applications` and `POST /api/applications/resume` / `GET /api/applications/:id`. */
export interface ApplicationRecord {
  id: string;
  programId: string;
  version?: number;
  resumeCode?: string;
  answers?: Record<string, unknown>;
  lang?: string;
  status?: 'draft' | 'submitted';
  updatedAt?: string;
  caseId?: string;
  determination?: Determination;
}

/** The workflow's next step after a submission. */
export interface NextStep {
  state: string;
  title: string;
  deadline?: { id: string; title: string; dueOn: string } | null;
}

/** `POST /api/applications/:id/submit` → 201. */
export interface SubmitResult {
  caseId: string;
  determination: Determination;
  nextStep?: NextStep | null;
}

/** One program's line in `POST /api/screen`. */
export interface ScreenResult {
  programId: string;
  title: string;
  eligibility: Determination['eligibility'];
  reasons?: Determination['reasons'];
  missing?: Determination['missing'];
  referral?: { organisation: string; url?: string; phone?: string; instructions?: string } | null;
  applyUrl?: string | null;
}
