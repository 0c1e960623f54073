/**
 * Email delivery of notices: the outbox sender. Every notice to an applicant who gave an email address (and agreed
 * to be contacted) is written to the store's outbox in the same atomic unit as the event that causes it; this loop
 * claims due rows, sends each over SMTP with nodemailer and marks it sent. A failed attempt is retried with
 * exponential backoff (`retrySeconds` × 2^attempts, at most six hours) until `maxAttempts`, then marked failed.
 *
 * Exactly once: a row is marked sent once (`markOutboxSent` only moves a pending row); a sender that dies between
 * claiming and marking leaves a claim that lapses after `claimSeconds`, and the row is sent then. Each email's
 * Message-ID is derived from its outbox id, so a mail server that saw it before a crash (the one gap SMTP leaves)
 * can recognise the repeat.
 *
 * Configuration (environment; see README "Email"): `MANDATE_SMTP_URL` (e.g. smtps://user:pass@smtp.example.org:465)
 * or `MANDATE_SMTP_HOST` + `MANDATE_SMTP_PORT` (+ `MANDATE_SMTP_USER`, `MANDATE_SMTP_PASS`, `MANDATE_SMTP_SECURE`),
 * and `MANDATE_MAIL_FROM`. Without SMTP, nothing is sent (logged once) and notices are on the status page only; the
 * outbox keeps them, so a later start with SMTP configured sends them.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { MailConfig } from '../config-mail.ts';
import type { ServiceContext } from './context.ts';
import type { OutboxRecord } from '../store/types.ts';

/** A running sender. */
export interface OutboxSender {
  /** Look for due emails now (after a write that enqueued one). */
  kick(): void;
  /** Stops after the email being sent, if any. */
  stop(): Promise<void>;
}

const senders = new WeakMap<ServiceContext, OutboxSender>();

/** Asks the context's sender, if one runs, to look for due emails now. */
export function kickOutbox(ctx: ServiceContext): void {
  senders.get(ctx)?.kick();
}

/** The delay before attempt `attempts + 1`, in seconds: exponential, at most six hours. */
export function retryDelaySeconds(config: Pick<MailConfig, 'retrySeconds'>, attempts: number): number {
  return Math.min(config.retrySeconds * 2 ** Math.max(0, attempts - 1), 6 * 3600);
}

/** Starts the outbox sender over `ctx.store` (nothing runs, and it says so once, when `config` is null). */
export function startOutboxSender(ctx: ServiceContext, config: MailConfig | null): OutboxSender {
  if (!config) {
    ctx.log.info('email is not configured (MANDATE_SMTP_URL or MANDATE_SMTP_HOST, and MANDATE_MAIL_FROM): notices are shown on the status page only');
    const idle: OutboxSender = { kick() {}, async stop() {} };
    senders.set(ctx, idle);
    return idle;
  }
  const transporter: Transporter = nodemailer.createTransport(config.smtp as string);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  let again = false;

  const sendOne = async (row: OutboxRecord): Promise<void> => {
    try {
      await transporter.sendMail({
        from: config.from,
        to: row.toAddress,
        subject: row.subject,
        text: row.text,
        messageId: `<${row.id}@outbox.mandate>`,
      });
    } catch (error) {
      const attempts = row.attempts + 1;
      const next = attempts >= config.maxAttempts ? null : new Date(ctx.now().getTime() + retryDelaySeconds(config, attempts) * 1000).toISOString();
      ctx.log.warn(
        { outboxId: row.id, attempts, next, err: (error as Error).message },
        next ? 'sending an email failed; it will be retried' : 'sending an email failed for good',
      );
      await ctx.store.markOutboxAttemptFailed(row.id, (error as Error).message, next);
      return;
    }
    if (!(await ctx.store.markOutboxSent(row.id, ctx.now().toISOString())))
      ctx.log.warn({ outboxId: row.id }, 'an email was sent that another sender had marked already');
  };

  const tick = async (): Promise<void> => {
    do {
      again = false;
      const now = ctx.now();
      const rows = await ctx.store.claimOutbox({
        now: now.toISOString(),
        claimUntil: new Date(now.getTime() + config.claimSeconds * 1000).toISOString(),
        limit: 20,
      });
      for (const row of rows) {
        if (stopped) return;
        await sendOne(row);
      }
      if (rows.length === 20) again = true;
    } while (again && !stopped);
  };

  const schedule = (ms: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(run, ms);
    timer.unref();
  };
  const run = () => {
    if (running) {
      again = true;
      return;
    }
    running = tick()
      .catch((err) => ctx.log.error({ err }, 'the outbox sender failed; it tries again at its next round'))
      .finally(() => {
        running = undefined;
        schedule(config.pollMs);
      });
  };
  schedule(0);
  const sender: OutboxSender = {
    kick: () => schedule(0),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      transporter.close();
    },
  };
  senders.set(ctx, sender);
  return sender;
}
