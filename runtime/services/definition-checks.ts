/**
 * Definition size limits and checks off the request loop (issue 14, finding 3). Before a definition is checked or
 * stored, `checkDefinitionSize` refuses one larger than the configured limits: 413 for its bytes, 422 naming the
 * limit and the count for its questions, derived values and rules. Its diagnostics (engine validate + compile) are
 * then made on a worker thread (`definitionDiagnostics`), so the server keeps answering other requests meanwhile.
 *
 *   document ──checkDefinitionSize (bytes, counts)──▶ worker: validate + compile ──▶ diagnostics
 */
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../../engine/index.ts';
import { HttpError, unprocessable, words } from '../http/errors.ts';
import type { DefinitionReply, DefinitionTask } from '../workers/definition-worker.ts';
import type { ServiceContext } from './context.ts';
import { compileDocument } from './engine-port.ts';
import { limitsOf } from './limits.ts';
import { HTTP_MESSAGES } from '../http/messages.ts';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The questions of a form schema: its properties at any depth (in lists, groups and branches). */
export function countQuestions(schema: unknown, depth = 0): number {
  if (!isObject(schema) || depth > 64) return 0;
  let n = 0;
  if (isObject(schema.properties)) for (const sub of Object.values(schema.properties)) n += 1 + countQuestions(sub, depth + 1);
  for (const k of ['items', 'then', 'else', 'if', 'not']) n += countQuestions(schema[k], depth + 1);
  for (const k of ['allOf', 'anyOf', 'oneOf'])
    if (Array.isArray(schema[k])) for (const s of schema[k] as unknown[]) n += countQuestions(s, depth + 1);
  for (const k of ['dependencies', 'dependentSchemas', '$defs', 'definitions'])
    if (isObject(schema[k])) for (const s of Object.values(schema[k] as object)) n += countQuestions(s, depth + 1);
  return n;
}

/**
 * Throws 413 `definition-too-large` when `doc` is larger than `definitionBytes` as JSON, and 422 `definition-over-limit`
 * (a diagnostic per limit exceeded, at `/form/schema`, `/derived` or `/rules`) when it has more questions, derived
 * values or rules than allowed.
 */
export function checkDefinitionSize(ctx: Pick<ServiceContext, 'limits'>, doc: unknown): void {
  const limits = limitsOf(ctx);
  const bytes = Buffer.byteLength(JSON.stringify(doc) ?? '');
  if (bytes > limits.definitionBytes)
    throw new HttpError(413, 'definition-too-large', words('definition-too-large', { bytes, limit: limits.definitionBytes }));
  if (!isObject(doc)) return;
  const form = isObject(doc.form) ? doc.form : {};
  const counts = [
    {
      what: 'questions',
      path: '/form/schema',
      count: countQuestions(form.schema),
      limit: limits.definitionQuestions,
      variable: 'MANDATE_DEFINITION_QUESTIONS',
    },
    {
      what: 'derived values',
      path: '/derived',
      count: isObject(doc.derived) ? Object.keys(doc.derived).length : 0,
      limit: limits.definitionDerived,
      variable: 'MANDATE_DEFINITION_DERIVED',
    },
    {
      what: 'rules',
      path: '/rules',
      count: Array.isArray(doc.rules) ? doc.rules.length : 0,
      limit: limits.definitionRules,
      variable: 'MANDATE_DEFINITION_RULES',
    },
  ];
  const over = counts.filter((c) => c.count > c.limit);
  if (over.length === 0) return;
  const diagnostics: Diagnostic[] = over.map((c) => {
    const params = { what: c.what, count: c.count, limit: c.limit, variable: c.variable };
    return { code: 'definition-over-limit', severity: 'error', path: c.path, message: HTTP_MESSAGES.render('definition-over-limit', params), params };
  });
  const { what, count, limit, variable } = over[0];
  throw unprocessable(words('definition-over-limit', { what, count, limit, variable }), diagnostics, 'definition-over-limit');
}

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, { resolve: (d: Diagnostic[]) => void; reject: (e: Error) => void }>();

function checker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('../workers/boot.js', import.meta.url), {
    workerData: { module: new URL('../workers/definition-worker.ts', import.meta.url).href },
  });
  w.unref();
  w.on('message', (reply: DefinitionReply) => {
    const p = pending.get(reply.id);
    pending.delete(reply.id);
    if (pending.size === 0) w.unref();
    if (!p) return;
    if ('error' in reply) p.reject(new Error(reply.error));
    else p.resolve(reply.diagnostics);
  });
  const lost = (error: Error) => {
    if (worker === w) worker = undefined;
    for (const [id, p] of pending) {
      pending.delete(id);
      p.reject(error);
    }
  };
  w.on('error', lost);
  w.on('exit', (code) => lost(new Error(`the definition checker stopped (exit code ${code})`)));
  worker = w;
  return w;
}

/**
 * The diagnostics of validating and compiling `doc`, made on the checker thread; should the thread fail, made here
 * (the answer is the same, only slower for the other requests).
 */
export async function definitionDiagnostics(ctx: Pick<ServiceContext, 'log'>, doc: unknown): Promise<Diagnostic[]> {
  try {
    const w = checker();
    const id = nextId++;
    const done = new Promise<Diagnostic[]>((resolve, reject) => pending.set(id, { resolve, reject }));
    w.ref();
    w.postMessage({ id, doc } satisfies DefinitionTask);
    return await done;
  } catch (err) {
    ctx.log.warn({ err }, 'the definition checker thread failed; checking on the request loop');
    return compileDocument(doc).diagnostics;
  }
}

/** Stops the checker thread (tests, shutdown). */
export async function closeDefinitionChecker(): Promise<void> {
  const w = worker;
  worker = undefined;
  await w?.terminate();
}
