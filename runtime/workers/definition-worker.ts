/**
 * The definition checker thread (started through runtime/workers/boot.js by `definition-checks.ts`): validates and
 * compiles each definition document it is sent and answers with the diagnostics, so that a large imported or saved
 * definition is checked off the server's request loop. A document that makes the engine throw is answered with an
 * error, never a crash of the thread.
 */
import { parentPort } from 'node:worker_threads';
import { compile, type Diagnostic } from '../../engine/index.ts';

/** A request: the document to check. */
export interface DefinitionTask {
  id: number;
  doc: unknown;
}

/** The answer: the diagnostics of validate + compile, or why they could not be made. */
export type DefinitionReply = { id: number; diagnostics: Diagnostic[] } | { id: number; error: string };

parentPort?.on('message', (task: DefinitionTask) => {
  let reply: DefinitionReply;
  try {
    reply = { id: task.id, diagnostics: compile(task.doc).diagnostics };
  } catch (err) {
    reply = { id: task.id, error: (err as Error).message };
  }
  parentPort?.postMessage(reply);
});
