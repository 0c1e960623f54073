/**
 * The shapes of a Mandate program definition (format version 1) and of what the engine returns.
 *
 * The document types are generated from the format's JSON Schema (`engine/format/program.v1.json` →
 * `engine/format/program.v1.ts`, `npm run generate:types`) and re-exported here; this file holds only what is not
 * part of the document: diagnostics, determinations, traces, workflow results.
 */
import type { Benefit, LegalReference, Role, RuleEvent, RuleOutcome, Eligibility, IsoDate, WorkflowAction } from './program.v1.ts';

export type * from './program.v1.ts';

export const FORMAT_SCHEMA_ID = 'https://mandate.dev/schema/program/v1.json';

export type Severity = 'error' | 'warning' | 'info';

/** One problem found in a definition or a submission. `path` is a JSON Pointer into the document checked. */
export interface Diagnostic {
  code: string;
  severity: Severity;
  path: string;
  message: string;
  params?: Record<string, unknown>;
  /** Set by the folder loader: the file the pointer lands in, and the pointer inside that file. */
  file?: string;
  filePath?: string;
}

/** A JSON Schema (the form's answers, or part of it), as plain data. */
export type JsonSchema = Record<string, unknown>;

/** Every role of the format's `role` enum, in the schema's order (the compiler checks none is missing). */
export const ROLES = [
  'applicant',
  'intermediary',
  'caseworker',
  'supervisor',
  'analyst',
  'administrator',
  'platform-administrator',
] as const satisfies readonly Role[];
// A role added to the schema but not to ROLES makes this line fail to compile.
const _everyRole: Record<Exclude<Role, (typeof ROLES)[number]>, never> = {};
void _everyRole;

// ---------------------------------------------------------------------------------------------------------------
// What the engine returns

export interface ParameterUse {
  name: string;
  key?: string | number;
  value: unknown;
  effectiveFrom: IsoDate;
  reference: LegalReference;
}

export interface ConditionTrace {
  /** JSON Pointer of the condition inside the program document. */
  path: string;
  /** The name of the innermost named condition holding this test (its own `name`, a group's, a shared condition's). */
  name?: string;
  fact: string;
  factPath?: string;
  value: unknown;
  operator: string;
  threshold: unknown;
  thresholdFact?: string;
  /** Parameters that produced the threshold (directly, or through the derived value named as threshold). */
  parameters?: ParameterUse[];
  outcome: 'true' | 'false' | 'unknown';
}

export interface RuleTrace {
  rule: string;
  outcome: RuleOutcome;
  conditions: ConditionTrace[];
  waiver?: ConditionTrace[];
}

export interface Reason {
  rule: string;
  title: string;
  outcome: RuleOutcome;
  text: string;
  reference?: LegalReference;
  /** The rule's json-rules-engine `event`, as written (Mandate fires nothing; the caller may act on it). */
  event?: RuleEvent;
}

export interface BenefitResult {
  id: string;
  title: string;
  amount: number;
  period: Benefit['period'];
  /** The benefit's unit when it declares one (e.g. "kg"); an amount without one, or in USD, is money. */
  unit?: string;
  explanation: string;
  reference?: LegalReference;
}

export interface MissingInput {
  path: string;
  title: string;
}

export interface Determination {
  programId: string;
  version: number;
  hash: string;
  asOf: IsoDate;
  lang: string;
  eligibility: Eligibility;
  benefits: BenefitResult[];
  reasons: Reason[];
  missing: MissingInput[];
  inputErrors: Diagnostic[];
  values: Record<string, unknown>;
  parameters: ParameterUse[];
  trace: RuleTrace[];
}

/** What the batch path returns per input: the same outcomes as `Determination`, without explanations. */
export interface BatchResult {
  eligibility: Eligibility;
  outcomes: Record<string, RuleOutcome>;
  benefits: Record<string, number>;
  missing: string[];
  invalid: boolean;
}

export interface Actor {
  id: string;
  roles: Role[];
}

export interface GuardContext {
  state: string;
  assignee?: string | null;
  performedBy: Record<string, string[]>;
  determination?: { eligibility: Eligibility; benefits: Record<string, number> } | null;
  data?: Record<string, unknown>;
}

export type TransitionResult =
  | { ok: true; from: string; to: string; event: string; actions: WorkflowAction[] }
  | { ok: false; code: RefusalCode; reason: string; params: Record<string, unknown> };

/** Which check of a workflow transition refused it. */
export type RefusalCode = 'unknown-event' | 'wrong-state' | 'role' | 'guard' | 'terminal';

export interface DeadlineStatus {
  id: string;
  title: string;
  startedAt: IsoDate;
  dueOn: IsoDate;
  met: boolean;
  overdue: boolean;
  daysLeft: number;
}

// Results of the tools beside the pipeline (the test runner and the version comparison): data the API returns and the
// pages read, so they live with the other result types and reach the pages through the browser-safe entry.

/** One expectation that did not hold. */
export interface TestFailure {
  /** What was compared: `eligibility`, `benefit <id>`, `reason <rule>`, `value <name>`, `missing`, or `error`. */
  what: string;
  expected: unknown;
  actual: unknown;
  /** The trace of the rules that explain the actual result. */
  trace: RuleTrace[];
}

/** The outcome of one test case. */
export interface TestResult {
  index: number;
  /** JSON Pointer of the case in the program document. */
  path: string;
  name: string;
  date: string;
  ok: boolean;
  failures: TestFailure[];
}

/** The outcome of all test cases of one program version. */
export interface TestReport {
  programId: string;
  version: number;
  total: number;
  passed: number;
  failed: number;
  results: TestResult[];
}

/** The part of the program a change belongs to (also the section `formatDiff` lists it under). */
export type ChangeArea = 'metadata' | 'form' | 'parameters' | 'derived' | 'rules' | 'benefits' | 'workflow' | 'translations' | 'tests';

/** One change: what kind, where (a JSON Pointer into the newer document, or the older one for removals), and in words. */
export interface Change {
  kind: 'added' | 'removed' | 'changed';
  area: ChangeArea;
  path: string;
  text: string;
  before?: unknown;
  after?: unknown;
}

/** The one-line header data: the two versions compared. */
export interface VersionHeader {
  id: string;
  from: { version: number; effectiveFrom: string };
  to: { version: number; effectiveFrom: string; changelog: string };
  /** Set when `to` is a layer compared with its base (`from` is then the base). */
  base?: { id: string; version: number };
}

/** A list of changes, carrying the version header `formatDiff` prints first. */
export type ChangeList = Change[] & { header?: VersionHeader };
