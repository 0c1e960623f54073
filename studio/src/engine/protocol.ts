/**
 * The messages between the studio and its engine worker (`engine.worker.ts`): the pure engine runs in the browser,
 * so every pause in typing is checked (validate, compile, all test cases) without a round trip to the server.
 */
import type { ConditionCoverage, Determination, Diagnostic, IsoDate, ParameterUseSite, TestReport } from '../../../engine/index.ts';

/** What the studio asks the worker. */
export type EngineRequest =
  | { id: number; kind: 'check'; text: string }
  | { id: number; kind: 'evaluate'; text: string; answers: Record<string, unknown>; date: IsoDate; lang?: string; partial: boolean }
  | { id: number; kind: 'test-against'; text: string; otherText: string }
  | { id: number; kind: 'parameter-uses'; text: string };

/** The outcome of checking a definition text. */
export interface CheckResult {
  /** The JSON syntax error, when the text is not JSON (then nothing else was checked). */
  syntax?: { message: string; offset: number };
  diagnostics: Diagnostic[];
  /** The test report, when the program compiled. */
  tests?: TestReport;
  /** Which outcomes of each rule, condition and page condition the test cases exercise (when it compiled). */
  coverage?: ConditionCoverage;
  /** Milliseconds spent: validate + compile, the test cases (with coverage), and the whole check. */
  timing: { compile: number; tests: number; total: number };
}

/** How each test case fares under another version (for Compare). */
export interface TestComparison {
  name: string;
  before: { eligibility?: string; benefits: Record<string, number> } | null;
  after: { eligibility?: string; benefits: Record<string, number> } | null;
  changed: boolean;
}

/** What the worker answers. */
export type EngineResponse =
  | { id: number; kind: 'check'; result: CheckResult }
  | { id: number; kind: 'evaluate'; determination?: Determination; diagnostics: Diagnostic[] }
  | { id: number; kind: 'test-against'; comparisons: TestComparison[]; diagnostics: Diagnostic[] }
  | { id: number; kind: 'parameter-uses'; uses: Record<string, ParameterUseSite[]> | null }
  | { id: number; kind: 'failed'; message: string };
