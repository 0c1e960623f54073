/**
 * The request log's loggers (pino-http), made only when something is logged with them.
 *
 * pino-http binds a child logger to every request as it arrives: the request serialized (headers, query, address),
 * redacted and turned into JSON, whether or not anything is ever written with it. At LOG_LEVEL=warn (production,
 * the load benchmark) a 2xx answer logs nothing, so all of that was computed for nothing on nearly every request.
 * `deferredRequestLoggers` gives pino-http a logger whose per-request children are made on their first use at an
 * enabled level (a 4xx's warn line, a 5xx's error lines, a handler's `req.log.error`), bound to the request as it
 * arrived: its route parameters as they were then (routing replaces `req.params` later) and its client address read
 * on arrival (as pino-http read it; a closed socket no longer tells). When `info` is enabled (every answer is
 * logged), children are made at once, as before.
 */
import type { Logger } from 'pino';

const LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace']);
const noop = () => {};

/** What this file uses of a pino logger (typed loosely: pino's generics do not survive being wrapped). */
interface PinoLike {
  child(this: PinoLike, bindings: Record<string, unknown>, options?: object): PinoLike;
  isLevelEnabled(level: string): boolean;
}

/** `log` for pino-http's `logger` option: the logger pino-http derives from it makes its per-request children lazily. */
export function deferredRequestLoggers(log: Logger): Logger {
  const base = log as unknown as PinoLike;
  const parent = Object.create(base) as PinoLike;
  parent.child = (bindings, options) => deferChildren(base.child(bindings, options));
  return parent as unknown as Logger;
}

/** `httpLogger` (pino-http's own logger) with its `child({ req })` deferred when `info` is off. */
function deferChildren(httpLogger: PinoLike): PinoLike {
  const pinoChild = httpLogger.child;
  httpLogger.child = function (this: PinoLike, bindings, options) {
    // The children (which inherit this method) and calls with options or other bindings make theirs as pino does.
    if (this !== httpLogger || options !== undefined || httpLogger.isLevelEnabled('info') || !isRequestBinding(bindings)) {
      return pinoChild.call(this, bindings, options);
    }
    const req = bindings.req as RequestLike;
    const params = req.params;
    // Reading the address now keeps it (node caches it on the socket) for a line written after the socket closed.
    void req.socket?.remoteAddress;
    return lazyLogger(httpLogger, () => {
      const asArrived =
        req.params === params ? req : Object.create(req, { params: { value: params, enumerable: true, writable: true, configurable: true } });
      return pinoChild.call(httpLogger, { req: asArrived });
    });
  };
  return httpLogger;
}

interface RequestLike {
  params?: unknown;
  socket?: { remoteAddress?: string };
}

function isRequestBinding(bindings: Record<string, unknown>): boolean {
  const keys = Object.keys(bindings);
  return keys.length === 1 && keys[0] === 'req' && typeof bindings.req === 'object' && bindings.req !== null;
}

/**
 * A logger that is `make()` from its first use on: until then, a level `parent` does not log at is a no-op (and
 * makes nothing).
 */
function lazyLogger(parent: PinoLike, make: () => PinoLike): PinoLike {
  let real: PinoLike | undefined;
  const materialize = () => {
    real ??= make();
    return real;
  };
  return new Proxy(parent, {
    get(_target, key) {
      if (real === undefined && typeof key === 'string' && LEVELS.has(key) && !parent.isLevelEnabled(key)) return noop;
      const target = materialize();
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    set(_target, key, value) {
      return Reflect.set(materialize(), key, value);
    },
    has(_target, key) {
      return Reflect.has(materialize(), key);
    },
  });
}
