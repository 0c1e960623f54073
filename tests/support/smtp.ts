/**
 * A real SMTP server for tests (the `smtp-server` package on an ephemeral port): every message it accepts is parsed
 * with `mailparser` and kept; `failNext(n)` makes it refuse the next n messages with a temporary error (451).
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { MailConfig } from '../../runtime/config-mail.ts';

/** A running test mail server. */
export interface TestSmtp {
  port: number;
  received: ParsedMail[];
  /** The mail configuration that sends to it. */
  config(overrides?: Partial<MailConfig>): MailConfig;
  failNext(n: number): void;
  /** Resolves once `count` messages (in all) have arrived; rejects after `ms`. */
  waitFor(count: number, ms?: number): Promise<ParsedMail[]>;
  /** Resolves with the first message (in arrival order) that `match` accepts; rejects after `ms`. */
  waitForMatch(match: (mail: ParsedMail) => boolean, ms?: number): Promise<ParsedMail>;
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1. */
export async function startSmtp(): Promise<TestSmtp> {
  const received: ParsedMail[] = [];
  let failing = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      if (failing > 0) {
        failing--;
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('Try again later'), { responseCode: 451 })));
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    received,
    config: (overrides = {}) => ({
      smtp: { host: '127.0.0.1', port, secure: false },
      from: 'Benefits Office <notices@test.local>',
      pollMs: 50,
      retrySeconds: 60,
      maxAttempts: 5,
      claimSeconds: 120,
      ...overrides,
    }),
    failNext(n) {
      failing = n;
    },
    async waitFor(count, ms = 10_000) {
      const until = Date.now() + ms;
      while (received.length < count) {
        if (Date.now() > until) throw new Error(`expected ${count} emails, got ${received.length}: ${received.map((m) => m.subject).join(' | ')}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return received;
    },
    async waitForMatch(match, ms = 10_000) {
      const until = Date.now() + ms;
      for (;;) {
        const found = received.find(match);
        if (found) return found;
        if (Date.now() > until) throw new Error(`no email matched; got: ${received.map((m) => m.subject).join(' | ')}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
