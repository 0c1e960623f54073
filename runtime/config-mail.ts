/**
 * The email part of the configuration (README "Email"): the SMTP server, the From address and the outbox sender's
 * pace, from the environment. No SMTP configured = no email (notices are on the status page only).
 */
import { ConfigError } from './config.ts';

/** How to send email. */
export interface MailConfig {
  /** An smtp(s):// URL, or host and port with optional credentials. */
  smtp: string | { host: string; port: number; secure: boolean; auth?: { user: string; pass: string } };
  /** The From address of every notice. */
  from: string;
  /** How often the sender looks for due emails, in ms (MANDATE_MAIL_POLL_MS, default 2000). */
  pollMs: number;
  /** The first retry's delay, in seconds (MANDATE_MAIL_RETRY_SECONDS, default 30); doubled per attempt. */
  retrySeconds: number;
  /** Attempts before an email is marked failed (MANDATE_MAIL_MAX_ATTEMPTS, default 8). */
  maxAttempts: number;
  /** How long a claim holds, in seconds, before another attempt may take the email (default 120). */
  claimSeconds: number;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(name, `"${raw}" is not a whole number from ${min} to ${max}.`);
  return n;
}

/** The mail configuration of the environment, or null when no SMTP server is configured; a bad value throws `ConfigError`. */
export function loadMailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig | null {
  const url = env.MANDATE_SMTP_URL?.trim();
  const host = env.MANDATE_SMTP_HOST?.trim();
  if (!url && !host) return null;
  let smtp: MailConfig['smtp'];
  if (url) {
    if (!/^smtps?:\/\/[^\s]+$/.test(url))
      throw new ConfigError(
        'MANDATE_SMTP_URL',
        `"${url.replace(/:[^:@/]*@/, ':***@')}" is not an smtp:// or smtps:// URL, like smtps://user:pass@smtp.example.org:465.`,
      );
    smtp = url;
  } else {
    const secure = ['1', 'true', 'yes'].includes((env.MANDATE_SMTP_SECURE ?? '').trim().toLowerCase());
    const user = env.MANDATE_SMTP_USER?.trim();
    const pass = env.MANDATE_SMTP_PASS ?? '';
    if (!user && pass) throw new ConfigError('MANDATE_SMTP_USER', 'is not set but MANDATE_SMTP_PASS is; set both, or neither.');
    smtp = { host: host!, port: int(env, 'MANDATE_SMTP_PORT', secure ? 465 : 587, 1, 65535), secure, ...(user ? { auth: { user, pass } } : {}) };
  }
  const from = env.MANDATE_MAIL_FROM?.trim();
  if (!from)
    throw new ConfigError(
      'MANDATE_MAIL_FROM',
      'is not set; notices need a From address, like MANDATE_MAIL_FROM="Benefits Office <notices@example.org>".',
    );
  return {
    smtp,
    from,
    pollMs: int(env, 'MANDATE_MAIL_POLL_MS', 2000, 50, 3_600_000),
    retrySeconds: int(env, 'MANDATE_MAIL_RETRY_SECONDS', 30, 1, 86_400),
    maxAttempts: int(env, 'MANDATE_MAIL_MAX_ATTEMPTS', 8, 1, 100),
    claimSeconds: int(env, 'MANDATE_MAIL_CLAIM_SECONDS', 120, 1, 86_400),
  };
}

/** What the status page and uploads are configured with (README "The status page", "Documents"). */
export interface AfterSubmissionConfig {
  /** Wrong resume code or second factor attempts allowed per address per 15 minutes (MANDATE_STATUS_RATE_LIMIT, default 10). */
  statusRateLimit: number;
  /** A command that scans an uploaded file given on stdin and exits 0 when it is clean (MANDATE_SCAN_COMMAND, e.g. "clamdscan --no-summary -"). */
  scanCommand: string | null;
}

/** The status page and upload settings of the environment. */
export function loadAfterSubmissionConfig(env: NodeJS.ProcessEnv = process.env): AfterSubmissionConfig {
  return { statusRateLimit: int(env, 'MANDATE_STATUS_RATE_LIMIT', 10, 1, 100_000), scanCommand: env.MANDATE_SCAN_COMMAND?.trim() || null };
}
