/**
 * Test data for the store contract: a minimal program document and determination, and helpers that walk an
 * application to a submitted case.
 */
import type { Determination, Program } from '../../../engine/format/types.ts';
import type { AuditInput, Store, SubmitApplicationResult } from '../../../runtime/store/types.ts';

/** A small but complete program document (content is opaque to the store; only round-tripping matters). */
export function programDoc(id = 'test-program', version = 1): Program {
  return {
    $schema: 'https://mandate.dev/schema/program/v1.json',
    id,
    title: `Program ${id}`,
    description: 'A test program.',
    owner: { name: 'Test' },
    languages: ['en'],
    version,
    effectiveFrom: '2025-01-01',
    changelog: 'First version.',
    inFlight: 'keep',
    form: {
      schema: { type: 'object', properties: { income: { type: 'number', title: 'Income', $comment: 'dollars.per.month' } } },
      pages: [{ id: 'p', title: 'Page', fields: ['income'] }],
    },
    parameters: { limit: { description: 'Limit', reference: { title: 'Ref' }, values: { '2025-01-01': 1000 } } },
    rules: [],
    workflow: { initial: 'submitted', states: { submitted: { title: 'Submitted' } }, transitions: [] },
  };
}

/** The version fields a draft or published version needs, for `programDoc(id, version)`. */
export function versionContent(id = 'test-program', version = 1, hash = `hash-${id}-${version}`) {
  const doc = programDoc(id, version);
  return { doc, hash, effectiveFrom: doc.effectiveFrom, title: doc.title, changelog: doc.changelog, inFlight: 'keep' as const };
}

/** A determination as the engine would return it (only shape matters to the store). */
export function determination(programId = 'test-program', version = 1, hash = `hash-${programId}-${version}`): Determination {
  return {
    programId,
    version,
    hash,
    asOf: '2025-06-01',
    lang: 'en',
    eligibility: 'eligible',
    benefits: [{ id: 'amount', title: 'Amount', amount: 123.45, period: 'month', explanation: 'Because.' }],
    reasons: [{ rule: 'r', title: 'Rule', outcome: 'pass', text: 'Passed.' }],
    missing: [],
    inputErrors: [],
    values: { 'weird.key': 1, $dollar: 2 },
    parameters: [],
    trace: [{ rule: 'r', outcome: 'pass', conditions: [] }],
  };
}

/** An audit input with a recognisable action. */
export function auditOf(action: string, entityId = 'x', details: Record<string, unknown> = {}): AuditInput {
  return { actorId: 'actor-1', action, entity: action.split('.')[0], entityId, details };
}

let resumeCounter = 0;

/** Creates an application and submits it; returns the submission result. */
export async function submitted(
  store: Store,
  options: { label?: string; state?: string; dueOn?: string | null; programId?: string; assignee?: string | null } = {},
): Promise<SubmitApplicationResult> {
  const programId = options.programId ?? 'test-program';
  resumeCounter += 1;
  const app = await store.createApplication({
    programId,
    version: 1,
    resumeCodeHash: `resume-${Date.now()}-${resumeCounter}-${Math.random()}`,
    lang: 'en',
    createdBy: null,
    answers: { income: 500 },
  });
  return store.submitApplication({
    applicationId: app.id,
    expectedRevision: app.revision,
    case: { state: options.state ?? 'submitted', label: options.label ?? 'Jane Doe', dueOn: options.dueOn ?? null, assignee: options.assignee },
    determination: { asOf: '2025-06-01', kind: 'initial', applied: true, result: determination(programId), createdBy: null },
    event: { event: 'submit', actorId: null },
    audit: auditOf('application.submit', app.id),
  });
}
