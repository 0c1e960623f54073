/**
 * The request log at LOG_LEVEL=warn (as `mandate serve` is run in production and in the load benchmark): a 2xx
 * answer writes nothing; a 4xx writes one warn line, a 5xx one error line (and the error middleware's own line with
 * the error), each with the request, the answer and its time; resume codes, tokens, cookies and CSRF tokens never
 * appear in them. `deferredRequestLoggers` (the request loggers made only when a line is written) writes the lines
 * pino-http writes on its own.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { pinoHttp } from 'pino-http';
import { afterEach, describe, expect, it } from 'vitest';
import { deferredRequestLoggers } from '../../runtime/http/request-log.ts';
import type { Store } from '../../runtime/store/types.ts';
import { PROGRAM_ID, startHarness, type Harness } from './api/harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const lines = (collected: string[]) => collected.map((l) => JSON.parse(l) as Record<string, any>);

describe('the request log at warn', () => {
  it('writes nothing for a 2xx, a warn line for a 4xx, with the secrets redacted', async () => {
    const logLines: string[] = [];
    h = await startHarness({ logLines, logLevel: 'warn' });
    const started = await h.call('POST', '/api/applications', { body: { programId: PROGRAM_ID } });
    expect(started.status).toBe(201);
    const { id, resumeCode } = started.body as { id: string; resumeCode: string };
    expect((await h.call('GET', `/api/applications/${id}`, { headers: { 'x-resume-code': resumeCode } })).status).toBe(200);
    expect((await h.call('GET', '/api/health')).status).toBe(200);
    expect(logLines).toEqual([]);

    const wrong = await h.call('GET', `/api/applications/${id}?x=1`, {
      headers: { 'x-resume-code': `${resumeCode}-wrong`, cookie: 'mandate_session=secret-cookie', 'x-csrf-token': 'secret-csrf' },
    });
    expect(wrong.status).toBe(404);
    const bearer = await h.call('GET', '/api/cases', { headers: { authorization: 'Bearer secret-token' } });
    expect(bearer.status).toBe(401);
    const inUrl = await h.call('GET', `/api/applications/${id}?code=${resumeCode}`);
    expect(inUrl.status).toBe(400);
    const text = logLines.join('');
    for (const secret of [resumeCode, 'secret-cookie', 'secret-csrf', 'secret-token']) expect(text).not.toContain(secret);
    const [first, second, third] = lines(logLines);
    expect(logLines).toHaveLength(3);
    expect(first).toMatchObject({
      level: 40,
      msg: 'request completed',
      req: {
        method: 'GET',
        url: `/api/applications/${id}?x=1`,
        query: { x: '1' },
        // As the request arrived: before routing found the route's parameters.
        params: {},
        headers: { 'x-resume-code': '[Redacted]', cookie: '[Redacted]', 'x-csrf-token': '[Redacted]' },
        remoteAddress: '127.0.0.1',
      },
      res: { statusCode: 404 },
    });
    expect(Object.keys(first).sort()).toEqual(['hostname', 'level', 'msg', 'pid', 'req', 'res', 'responseTime', 'time']);
    expect(Object.keys(first.req).sort()).toEqual(['headers', 'id', 'method', 'params', 'query', 'remoteAddress', 'remotePort', 'url']);
    expect(typeof first.responseTime).toBe('number');
    expect(typeof first.req.remotePort).toBe('number');
    expect(second).toMatchObject({ level: 40, req: { url: '/api/cases', headers: { authorization: '[Redacted]' } }, res: { statusCode: 401 } });
    expect(third).toMatchObject({
      level: 40,
      req: { url: `/api/applications/${id}?code=[Redacted]`, query: { code: '[Redacted]' } },
      res: { statusCode: 400 },
    });
    expect(new Set(lines(logLines).map((l) => l.req.id)).size).toBe(3);
  });

  it('writes an error line with the error, and the failed request at error', async () => {
    const logLines: string[] = [];
    let failing = false;
    const wrapStore = (store: Store): Store =>
      new Proxy(store, {
        get(target, key, receiver) {
          if (failing && key === 'listCases') return async () => Promise.reject(new Error('the disk is on fire'));
          return Reflect.get(target, key, receiver);
        },
      });
    h = await startHarness({ logLines, logLevel: 'warn', wrapStore });
    failing = true;
    const r = await h.call('GET', '/api/cases', { token: h.adminToken });
    failing = false;
    expect(r.status).toBe(500);
    const logged = lines(logLines);
    expect(logged.map((l) => [l.level, l.msg])).toEqual([
      [50, 'unexpected error'],
      [50, 'request errored'],
    ]);
    expect(logged[0]).toMatchObject({
      err: { message: 'the disk is on fire' },
      req: { url: '/api/cases', headers: { authorization: '[Redacted]' } },
    });
    expect(logged[1]).toMatchObject({ res: { statusCode: 500 }, err: { message: 'failed with status code 500' } });
    expect(logLines.join('')).not.toContain(h.adminToken);
  });
});

describe('deferredRequestLoggers', () => {
  /** An Express app logging with pino-http over `log` (deferred or not), with a request serializer that counts. */
  async function serve(deferred: boolean, level: string) {
    const lines: string[] = [];
    const serialized = { count: 0 };
    const log = pino({ level }, { write: (line: string) => lines.push(line) });
    const app = express();
    app.use(
      pinoHttp({
        logger: deferred ? deferredRequestLoggers(log) : log,
        redact: ['req.headers["x-resume-code"]'],
        serializers: {
          req: (req: Record<string, unknown>) => {
            serialized.count += 1;
            return req;
          },
        },
        customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      }),
    );
    app.get('/ok/:id', (_req, res) => {
      res.json({ ok: true });
    });
    app.get('/gone/:id', (req, res) => {
      req.log.warn({ why: 'gone' }, 'a handler line');
      res.status(404).json({ gone: true });
    });
    app.get('/broken/:id', () => {
      throw new Error('broken');
    });
    app.use((err: Error, req: express.Request, res: express.Response, _next: express.NextFunction) => {
      req.log.error({ err }, 'unexpected error');
      res.status(500).json({ error: err.message });
    });
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const get = async (p: string) => (await fetch(url + p, { headers: { 'x-resume-code': 'SECRET-CODE' } })).status;
    const close = () => new Promise((resolve) => server.close(resolve));
    return { lines, serialized, get, close };
  }
  const comparable = (line: string) => {
    const { time, responseTime, pid, ...rest } = JSON.parse(line);
    delete rest.req.remotePort;
    delete rest.req.headers.host;
    delete rest.res?.headers?.date;
    delete rest.err?.stack;
    return rest;
  };

  it('at warn, serializes nothing for a 2xx and writes the same lines as pino-http for the rest', async () => {
    const eager = await serve(false, 'warn');
    const lazy = await serve(true, 'warn');
    try {
      for (const side of [eager, lazy]) {
        expect(await side.get('/ok/1')).toBe(200);
        expect(await side.get('/gone/2')).toBe(404);
        expect(await side.get('/broken/3')).toBe(500);
      }
      expect(eager.serialized.count).toBe(3);
      // The 2xx made no request logger; the two others made theirs when their first line was written.
      expect(lazy.serialized.count).toBe(2);
      expect(lazy.lines.map(comparable)).toEqual(eager.lines.map(comparable));
      expect(lazy.lines.map((l) => JSON.parse(l).msg)).toEqual(['a handler line', 'request completed', 'unexpected error', 'request errored']);
      expect(JSON.parse(lazy.lines[1]).req).toMatchObject({ params: {}, headers: { 'x-resume-code': '[Redacted]' } });
      expect(lazy.lines.join('')).not.toContain('SECRET-CODE');
      expect(new Set(lazy.lines.map((l) => JSON.parse(l).req.id))).toEqual(new Set([2, 3]));
    } finally {
      await eager.close();
      await lazy.close();
    }
  });

  it('at info, makes every request logger at once, as pino-http does', async () => {
    const eager = await serve(false, 'info');
    const lazy = await serve(true, 'info');
    try {
      for (const side of [eager, lazy]) for (const p of ['/ok/1', '/gone/2', '/broken/3']) await side.get(p);
      expect(lazy.serialized.count).toBe(3);
      expect(lazy.lines.map(comparable)).toEqual(eager.lines.map(comparable));
    } finally {
      await eager.close();
      await lazy.close();
    }
  });
});
