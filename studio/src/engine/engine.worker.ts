/**
 * The studio's engine worker: the same pure engine the server runs (`engine/index.ts`), in a Web Worker so checking
 * a definition never blocks typing. The work itself is in `checks.ts`.
 */
import { check, evaluateText, parameterUsesOf, testAgainst } from './checks.ts';
import type { EngineRequest, EngineResponse } from './protocol.ts';

function handle(request: EngineRequest): EngineResponse {
  switch (request.kind) {
    case 'check':
      return { id: request.id, kind: 'check', result: check(request.text) };
    case 'evaluate':
      return { id: request.id, kind: 'evaluate', ...evaluateText(request.text, request.answers, request.date, request.lang, request.partial) };
    case 'test-against':
      return { id: request.id, kind: 'test-against', ...testAgainst(request.text, request.otherText) };
    case 'parameter-uses':
      return { id: request.id, kind: 'parameter-uses', uses: parameterUsesOf(request.text) };
  }
}

self.onmessage = (event: MessageEvent<EngineRequest>) => {
  let response: EngineResponse;
  try {
    response = handle(event.data);
  } catch (error) {
    response = { id: event.data.id, kind: 'failed', message: (error as Error).message };
  }
  (self as unknown as Worker).postMessage(response);
};
