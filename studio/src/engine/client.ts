/**
 * The studio's handle on its engine worker: `engine.check(text)` and friends return promises; only the latest
 * `check` matters while typing, so an older check still running is answered but its result is dropped by the caller
 * (`checkLatest`).
 */
import type { Determination, Diagnostic, IsoDate, ParameterUseSite } from '../../../engine/index.ts';
import EngineWorker from './engine.worker.ts?worker';
import type { CheckResult, EngineRequest, EngineResponse, TestComparison } from './protocol.ts';

type Pending = { resolve: (r: EngineResponse) => void; reject: (e: Error) => void };

/** A distributive Omit, so each request kind keeps its own fields. */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

class EngineClient {
  private worker: Worker | null = null;
  private next = 1;
  private pending = new Map<number, Pending>();

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new EngineWorker();
    worker.onmessage = (event: MessageEvent<EngineResponse>) => {
      const waiting = this.pending.get(event.data.id);
      this.pending.delete(event.data.id);
      if (!waiting) return;
      if (event.data.kind === 'failed') waiting.reject(new Error(event.data.message));
      else waiting.resolve(event.data);
    };
    worker.onerror = (event) => {
      for (const waiting of this.pending.values()) waiting.reject(new Error(event.message || 'The engine worker stopped.'));
      this.pending.clear();
      this.worker = null;
    };
    this.worker = worker;
    return worker;
  }

  private ask(request: WithoutId<EngineRequest>): Promise<EngineResponse> {
    const id = this.next++;
    const worker = this.ensure();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id } as EngineRequest);
    });
  }

  async check(text: string): Promise<CheckResult> {
    const response = await this.ask({ kind: 'check', text });
    return (response as Extract<EngineResponse, { kind: 'check' }>).result;
  }

  async evaluate(
    text: string,
    answers: Record<string, unknown>,
    date: IsoDate,
    lang?: string,
    partial = false,
  ): Promise<{ determination?: Determination; diagnostics: Diagnostic[] }> {
    const response = (await this.ask({ kind: 'evaluate', text, answers, date, lang, partial })) as Extract<EngineResponse, { kind: 'evaluate' }>;
    return { determination: response.determination, diagnostics: response.diagnostics };
  }

  async testAgainst(text: string, otherText: string): Promise<{ comparisons: TestComparison[]; diagnostics: Diagnostic[] }> {
    const response = (await this.ask({ kind: 'test-against', text, otherText })) as Extract<EngineResponse, { kind: 'test-against' }>;
    return { comparisons: response.comparisons, diagnostics: response.diagnostics };
  }

  async parameterUses(text: string): Promise<Record<string, ParameterUseSite[]> | null> {
    const response = (await this.ask({ kind: 'parameter-uses', text })) as Extract<EngineResponse, { kind: 'parameter-uses' }>;
    return response.uses;
  }
}

/** The one engine worker of the studio page. */
export const engine = new EngineClient();
