/**
 * The server-sent events stream of case changes (`GET /api/cases/feed`): each change the process's `CaseFeed`
 * publishes is written as an event `case` with its JSON, a comment every 25 seconds keeps proxies from closing the
 * connection, and the subscription ends when the client goes away. The route's access check (staff who work cases)
 * has run before; only ids and states are sent, and only of the programs of the caller's organisations (issue 16).
 */
import type { Request, Response } from 'express';
import type { AuthUser } from '../auth/context.ts';
import type { ServiceContext } from '../services/context.ts';
import { staffScope } from '../services/organisations.ts';

const KEEP_ALIVE_MS = 25_000;

/** Streams case changes to `res` until the client disconnects; resolves then. */
export async function streamCaseFeed(ctx: ServiceContext, req: Request, res: Response, user: AuthUser): Promise<void> {
  const organisations = new Set((await staffScope(ctx, user)).organisationIds);
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  // Tell EventSource how long to wait before reconnecting, and that the stream is open.
  res.write('retry: 5000\n: open\n\n');
  return new Promise((resolve) => {
    const stop = ctx.feed?.subscribe(
      (change) => {
        void ctx.store.programOrganisation(change.programId).then((organisationId) => {
          if (organisations.has(organisationId) && !res.writableEnded) res.write(`event: case\ndata: ${JSON.stringify(change)}\n\n`);
        });
      },
      // The server is stopping: close the stream so that it can (EventSource reconnects to the next one).
      () => res.end(),
    );
    const timer = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    timer.unref();
    const end = () => {
      clearInterval(timer);
      stop?.();
      resolve();
    };
    req.on('close', end);
    res.on('error', end);
  });
}
