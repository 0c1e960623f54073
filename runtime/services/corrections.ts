/**
 * Corrections (issue 15): a caseworker corrects one answer of a submitted application, with a note saying why,
 * and the case is re-determined on the corrected answers under the version in force today (the path of
 * `redetermineCase` with `apply`). The answers, the note, the applied determination, the correction (the value
 * before and after, and the answers before) and the audit entries are written in one atomic unit.
 *
 * What the audit log keeps: the audit chain is append-only and cannot be edited, so it never holds answer values
 * (incomes, names, dates of birth would stay in it for good). It holds the JSON Pointer of the corrected answer, the
 * sha256 of the value before and after (so an auditor can check the correction record against the chain), the note's
 * id and length, and the eligibility before and after. The values themselves are in the correction record, beside the
 * answers and under the same access (staff who may see the case).
 */
import { createHash } from 'node:crypto';
import { parsePointer, type JsonSchema } from '../../engine/index.ts';
import type { AuthUser } from '../auth/context.ts';
import { conflict, unprocessable, words } from '../http/errors.ts';
import type { ServiceContext } from './context.ts';
import { canonicalJson } from './engine-port.ts';
import { appliedDetermination, evaluateCase, programOf, requireCase, shownIn, summaryOf } from './cases.ts';
import { showDeterminations } from './determinations.ts';
import { versionInForce } from './versions.ts';

/** A correction request: the answer's JSON Pointer, its corrected value (null removes it), the note, the revision seen. */
export interface CorrectionInput {
  path: string;
  value: unknown;
  note: string;
  revision?: number;
}

const valueHash = (value: unknown): string | null => (value === undefined ? null : createHash('sha256').update(canonicalJson(value)).digest('hex'));

/** The schema of the answer at `segments` in the form's schema, or undefined when the form asks no such question. */
function schemaAt(schema: JsonSchema, segments: string[]): JsonSchema | undefined {
  let node: JsonSchema | undefined = schema;
  for (const segment of segments) {
    if (!node) return undefined;
    const properties = node.properties as Record<string, JsonSchema> | undefined;
    if (node.items && typeof node.items === 'object' && !Array.isArray(node.items)) {
      if (!/^(0|[1-9]\d*)$/.test(segment)) return undefined;
      node = node.items as JsonSchema;
    } else if (properties && Object.hasOwn(properties, segment)) node = properties[segment];
    else return undefined;
  }
  return node;
}

/** A copy of `answers` with the answer at `segments` set to `value` (removed for null); undefined when its parent is absent. */
function withAnswer(answers: Record<string, unknown>, segments: string[], value: unknown): Record<string, unknown> | undefined {
  const copy = structuredClone(answers);
  let node: unknown = copy;
  for (const segment of segments.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  if (node === null || typeof node !== 'object') return undefined;
  const last = segments[segments.length - 1];
  if (Array.isArray(node) && Number(last) >= node.length) return undefined;
  if (value === null) {
    if (Array.isArray(node)) return undefined;
    delete (node as Record<string, unknown>)[last];
  } else (node as Record<string, unknown>)[last] = value;
  return copy;
}

function readAnswer(answers: unknown, segments: string[]): unknown {
  let node = answers;
  for (const segment of segments) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/**
 * Corrects the answer at `input.path` of case `id` and re-determines the case. 404 unknown case; 409 when the case is
 * decided (terminal state) or changed since `revision`; 422 when the path names no question of the form or no answer
 * that exists, the value is unchanged, or the corrected answers do not validate (diagnostics name the field).
 */
export async function correctAnswer(ctx: ServiceContext, user: AuthUser, id: string, input: CorrectionInput, lang = 'en') {
  const kase = await requireCase(ctx, id, user);
  if (input.revision !== undefined && input.revision !== kase.revision) {
    throw conflict(words('stale-revision', { expectedRevision: input.revision, currentRevision: kase.revision }), 'stale-revision', {
      currentRevision: kase.revision,
    });
  }
  const version = await programOf(ctx, kase);
  if (version.doc.workflow.states[kase.state]?.terminal) {
    const state = shownIn(version.doc, lang).workflow.states[kase.state]?.title ?? kase.state;
    throw conflict(words('correction-decided', { state }), 'correction-decided', { currentState: kase.state });
  }
  const application = await ctx.store.getApplication(kase.applicationId);
  if (!application) throw new Error(`Case ${kase.id} has no application ${kase.applicationId}.`);
  let segments: string[];
  try {
    segments = parsePointer(input.path);
  } catch {
    segments = [];
  }
  const examples = Object.keys((version.doc.form.schema.properties as Record<string, unknown> | undefined) ?? {})
    .slice(0, 3)
    .map((k) => `/${k}`);
  const unknownField = () =>
    unprocessable(
      words('correction-unknown-field', { path: input.path, examples }),
      [
        {
          code: 'correction-unknown-field',
          severity: 'error',
          path: '/path',
          message: `"${input.path}" is not a question of the form.`,
          params: { path: input.path, examples },
        },
      ],
      'correction-unknown-field',
    );
  if (segments.length === 0 || !schemaAt(version.doc.form.schema, segments)) throw unknownField();
  const before = readAnswer(application.answers, segments);
  const after = input.value === null ? undefined : input.value;
  if (canonicalJson(before ?? null) === canonicalJson(after ?? null)) {
    const value = JSON.stringify(before ?? null);
    throw unprocessable(
      words('correction-unchanged', { path: input.path, value }),
      [
        {
          code: 'correction-unchanged',
          severity: 'error',
          path: '/value',
          message: `The answer already is ${value}.`,
          params: { path: input.path, value },
        },
      ],
      'correction-unchanged',
    );
  }
  const answers = withAnswer(application.answers, segments, input.value);
  if (!answers) throw unknownField();
  const inForce =
    versionInForce(await ctx.store.listProgramVersions({ programId: kase.programId, status: 'published' }), ctx.now().toISOString().slice(0, 10)) ??
    version;
  const { full, determination } = await evaluateCase(ctx, user, kase, inForce, 'redetermination', true, answers);
  const inputErrors = full.inputErrors.filter((d) => d.severity === 'error');
  if (inputErrors.length > 0) throw unprocessable(words('invalid-answers'), inputErrors, 'invalid-answers').toldIn(application.lang);
  const previous = appliedDetermination(await ctx.store.listDeterminations(kase.id));
  const [shownBefore] = previous ? await showDeterminations(ctx, [previous], application.answers) : [null];
  const stored = await ctx.store.correctAnswers({
    caseId: kase.id,
    expectedRevision: kase.revision,
    answers,
    changes: [{ path: input.path, before: before ?? null, after: after ?? null }],
    note: { authorId: user.id, text: input.note.trim() },
    determination,
    audit: [
      {
        actorId: user.id,
        action: 'case.correct',
        entity: 'case',
        entityId: kase.id,
        details: { paths: [input.path], beforeHash: valueHash(before), afterHash: valueHash(after), noteLength: input.note.trim().length },
      },
      {
        actorId: user.id,
        action: 'determination.redetermine',
        entity: 'case',
        entityId: kase.id,
        details: {
          version: inForce.version,
          hash: inForce.hash,
          eligibility: full.eligibility,
          previous: shownBefore ? { version: shownBefore.version, eligibility: shownBefore.result.eligibility } : null,
          cause: 'correction',
        },
      },
    ],
  });
  const { previousAnswers: _, ...correction } = stored.correction;
  return {
    correction,
    previous: shownBefore,
    determination: { ...stored.determination, result: full, source: 'evaluated' as const, check: null },
    case: await summaryOf(ctx, stored.case),
  };
}
