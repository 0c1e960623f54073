/**
 * The shapes of a Mandate program definition (format version 1) and of what the engine returns.
 *
 * The JSON Schema `engine/schema/program.v1.json` validates documents at the door; these types describe a
 * document that passed it. Keep the two in step: `tests/engine/schema-types.test.ts` checks every shipped
 * program against both.
 */

/** ISO calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

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

export interface LegalReference {
  title?: string;
  citation?: string;
  url?: string;
}

export interface ProgramMetadata {
  $schema?: string;
  id: string;
  title: string;
  description: string;
  owner: { name: string; url?: string; email?: string; phone?: string };
  languages: string[];
  version: number;
  effectiveFrom: IsoDate;
  effectiveTo?: IsoDate;
  changelog: string;
  /** What happens to pending applications when this version takes effect. */
  inFlight?: 'reevaluate' | 'keep';
  /** How to apply when this program is run by another organisation (used by screening referrals). */
  referral?: { organisation: string; url?: string; phone?: string; instructions?: string };
}

export interface FormPage {
  id: string;
  title: string;
  description?: string;
  fields: string[];
  showWhen?: ConditionTree;
}

export interface FormDefinition {
  schema: JsonSchema;
  uiSchema?: Record<string, unknown>;
  pages: FormPage[];
}

export type JsonSchema = Record<string, unknown>;

export type ParameterType = 'scalar' | 'table' | 'list';

export type ScalarValue = number | string | boolean;
export interface TableValue {
  rows: Record<string, number>;
  increment?: number;
}
/** A dated value; the long form carries its own source. */
export type ParameterValue =
  | ScalarValue
  | ScalarValue[]
  | TableValue
  | { value: ScalarValue | ScalarValue[] | TableValue; reference?: LegalReference };

export interface Parameter {
  description: string;
  unit?: string;
  reference: LegalReference;
  type?: ParameterType;
  /** Tables only: what the row key means, e.g. "household size". */
  key?: string;
  values: Record<IsoDate, ParameterValue>;
}

export interface DerivedValue {
  title: string;
  formula: string;
  unit?: string;
  description?: string;
}

/** json-rules-engine condition format. */
export type ConditionTree = AllCondition | AnyCondition | NotCondition | LeafCondition;
export interface AllCondition {
  all: ConditionTree[];
}
export interface AnyCondition {
  any: ConditionTree[];
}
export interface NotCondition {
  not: ConditionTree;
}
export interface LeafCondition {
  fact: string;
  operator: string;
  value: ConditionValue;
  path?: string;
}
export type ConditionValue =
  | ScalarValue
  | ScalarValue[]
  | null
  | { fact: string; path?: string }
  | { param: string }
  | MemberCondition;
/** The value of a member-wise operator (`anyMember`, `allMembers`, `noMember`). */
export interface MemberCondition {
  field: string;
  operator: string;
  value: ScalarValue | ScalarValue[] | null | { param: string };
}

export interface RuleMessages {
  pass: string;
  fail: string;
  unknown?: string;
}

export interface Rule {
  id: string;
  title: string;
  description?: string;
  reference?: LegalReference;
  conditions: ConditionTree;
  waiver?: { conditions: ConditionTree; message: string };
  messages: RuleMessages;
}

export interface Benefit {
  id: string;
  title: string;
  period: 'month' | 'week' | 'year' | 'once';
  formula: string;
  unit?: string;
  rounding?: { mode: 'nearest' | 'down' | 'up'; to: number };
  minimum?: { param: string; when?: string };
  maximum?: { param: string };
  reference?: LegalReference;
  messages?: { explanation?: string };
}

export type Role = 'applicant' | 'intermediary' | 'caseworker' | 'supervisor' | 'analyst' | 'administrator';
export const ROLES: readonly Role[] = ['applicant', 'intermediary', 'caseworker', 'supervisor', 'analyst', 'administrator'];

export interface WorkflowState {
  title: string;
  description?: string;
  terminal?: boolean;
}

export interface WorkflowAction {
  type: string;
  [param: string]: unknown;
}

export interface Transition {
  event: string;
  title: string;
  from: string[];
  to: string;
  roles: Role[];
  guard?: { conditions: ConditionTree; message: string };
  actions?: WorkflowAction[];
}

export interface Deadline {
  id: string;
  title: string;
  /** The clock starts when the case enters this state. */
  from: string;
  days: number | { param: string };
  /** The clock stops when the case reaches one of these states. */
  until: string[];
}

export interface Workflow {
  initial: string;
  states: Record<string, WorkflowState>;
  transitions: Transition[];
  deadlines?: Deadline[];
}

export interface TestExpectation {
  eligibility?: Eligibility;
  benefits?: Record<string, number>;
  reasons?: Record<string, RuleOutcome>;
  values?: Record<string, unknown>;
  missing?: string[];
}

export interface TestCase {
  name: string;
  date: IsoDate;
  input: Record<string, unknown>;
  expected: TestExpectation;
  note?: string;
}

/** A whole program version, as one JSON document. */
export interface Program extends ProgramMetadata {
  form: FormDefinition;
  parameters: Record<string, Parameter>;
  derived?: Record<string, DerivedValue>;
  rules: Rule[];
  benefits?: Benefit[];
  workflow: Workflow;
  translations?: Record<string, Record<string, string>>;
  tests?: TestCase[];
}

// ---------------------------------------------------------------------------------------------------------------
// What the engine returns

export type Eligibility = 'eligible' | 'ineligible' | 'needs-more-information';
export type RuleOutcome = 'pass' | 'fail' | 'unknown' | 'waived';

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
}

export interface BenefitResult {
  id: string;
  title: string;
  amount: number;
  period: Benefit['period'];
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
