/**
 * Random secrets (session tokens, CSRF tokens, resume codes) and their stored digests.
 * Only digests are stored; a database leak reveals no usable token.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh 256-bit random token, base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The hex sha256 of a token, as stored. */
export function digest(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time string comparison (false when lengths differ). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

const RESUME_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A resume code an applicant can write down: 16 characters from an alphabet without look-alikes, in groups of
 * four (`K7QM-2HXP-…`), 80 bits of randomness.
 */
export function newResumeCode(): string {
  const bytes = randomBytes(16);
  let code = '';
  for (let i = 0; i < 16; i++) {
    if (i > 0 && i % 4 === 0) code += '-';
    code += RESUME_ALPHABET[bytes[i] % RESUME_ALPHABET.length];
  }
  return code;
}

/** The canonical form of a typed resume code (upper case, no spaces; dashes re-inserted), for hashing. */
export function normalizeResumeCode(code: string): string {
  const raw = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return raw.replace(/(.{4})(?=.)/g, '$1-');
}
