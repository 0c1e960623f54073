/**
 * The one rule of when a case's re-determination may be APPLIED, used by every path that applies one: the request
 * `POST /api/cases/:id/redetermine {"apply": true}`, the mass re-determination job, and a workflow transition with a
 * `redetermine` action.
 *
 * - A decided case (in a state that is terminal in the workflow of any of the program's published versions) is never
 *   re-determined by a request or a job: its decision stands. A change after a decision goes through a transition
 *   the workflow defines (a non-terminal "approved, receiving" state with a change-of-circumstances event carrying a
 *   `redetermine` action); a terminal state has no way out at all.
 * - A case never moves to a version older than the one it is under unless the case's workflow says
 *   `"redetermineToOlderVersion": true`.
 *
 * Dry runs change nothing and are always allowed.
 */
import type { Program } from '../../engine/index.ts';
import type { CaseRecord } from '../store/types.ts';

/** Who applies the re-determination: a person's request, the mass job, or a workflow transition's action. */
export type RedeterminationPath = 'request' | 'job' | 'transition';

/** Why a re-determination may not be applied: the response code and the params of its words. */
export interface RedeterminationRefusal {
  code: 'case-decided' | 'older-version';
  params: Record<string, unknown>;
}

/** The states terminal in any of `docs`' workflows: a case in one is decided, whichever version it is under. */
export function decidedStates(docs: readonly Program[]): Set<string> {
  const out = new Set<string>();
  for (const doc of docs) for (const [name, s] of Object.entries(doc.workflow.states)) if (s.terminal) out.add(name);
  return out;
}

/**
 * Null when applying a re-determination of `kase` under `targetVersion` by `path` is allowed, else why not.
 * `caseProgram` is the definition the case is under (its workflow says whether older versions are allowed);
 * `decided` comes from `decidedStates`.
 */
export function redeterminationRefusal(input: {
  kase: Pick<CaseRecord, 'id' | 'state' | 'version'>;
  caseProgram: Program;
  decided: ReadonlySet<string>;
  targetVersion: number;
  path: RedeterminationPath;
}): RedeterminationRefusal | null {
  const { kase, caseProgram, decided, targetVersion, path } = input;
  if (path !== 'transition' && decided.has(kase.state)) {
    return {
      code: 'case-decided',
      params: { caseId: kase.id, state: caseProgram.workflow.states[kase.state]?.title ?? kase.state, version: kase.version },
    };
  }
  if (targetVersion < kase.version && caseProgram.workflow.redetermineToOlderVersion !== true) {
    return { code: 'older-version', params: { caseId: kase.id, version: targetVersion, current: kase.version } };
  }
  return null;
}
