/**
 * Compact determinations (issue 12): what a case stores of a determination, and the full determination recomputed
 * on demand.
 *
 * The engine is pure and a published version is immutable and content-hashed, so a determination is a function of
 * (version, answers, as-of date, language). A case therefore stores only its decision (eligibility, amounts, rule
 * outcomes, missing inputs), the hash of the answers, the version's hash and the hash of the full determination;
 * a page that shows the explanation gets the determination evaluated again (`expandDeterminations`), checked against
 * those hashes. A mismatch is reported on the record (`check`), never hidden. Rows written before compaction hold
 * the full determination and are returned as they are.
 */
import { createHash } from 'node:crypto';
import type { BatchResult, Determination } from '../../engine/index.ts';
import { COMPACT_FORMAT, decisionOf, isCompact } from '../store/common.ts';
import type { CompactDetermination, Decision, DeterminationRecord, StoredResult } from '../store/types.ts';

export { COMPACT_FORMAT, decisionOf, isCompact };
export type { Decision };
import type { ServiceContext } from './context.ts';
import { canonicalJson, compiledFor, evaluate } from './engine-port.ts';

/**
 * The hash a compact determination keeps of the full one: sha256 of its JSON as the engine built it. (The engine
 * builds a determination's keys in a fixed order, so the same version, answers, date and language give the same
 * text; canonical JSON would cost five times as much per case at caseload scale.)
 */
export function determinationHash(full: Determination, text = JSON.stringify(full)): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The hash of the answers a determination was made from: `contentHash` (sha256 of canonical JSON), with Node's sha256. */
export function inputsHash(answers: unknown): string {
  return createHash('sha256')
    .update(canonicalJson(answers ?? {}))
    .digest('hex');
}

/**
 * The compact form of `full`, evaluated from `answers`; `text` is `JSON.stringify(full)` when the caller has it
 * already (a submission, which answers with it).
 */
export function compactDetermination(full: Determination, answers: unknown, text?: string): CompactDetermination {
  return {
    format: COMPACT_FORMAT,
    programId: full.programId,
    version: full.version,
    hash: full.hash,
    asOf: full.asOf,
    lang: full.lang,
    eligibility: full.eligibility,
    benefits: full.benefits.map((b) => ({ id: b.id, amount: b.amount, period: b.period })),
    outcomes: Object.fromEntries(full.reasons.map((r) => [r.rule, r.outcome])),
    missing: full.missing.map((m) => m.path),
    invalid: full.inputErrors.length > 0,
    inputsHash: inputsHash(answers),
    determinationHash: determinationHash(full, text),
  };
}

function sameRecord<T>(a: Record<string, T>, b: Record<string, T>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) if (!Object.hasOwn(b, k) || a[k] !== b[k]) return false;
  return true;
}

/**
 * Whether a batch result decides as the stored decision did: same eligibility, benefit amounts, rule outcomes,
 * missing inputs and validity. Any difference is a changed result (a new determination and a notice).
 */
export function sameDecision(before: Decision, after: BatchResult | Decision): boolean {
  return (
    before.eligibility === after.eligibility &&
    before.invalid === after.invalid &&
    sameRecord(before.benefits, after.benefits) &&
    sameRecord(before.outcomes, after.outcomes) &&
    before.missing.length === after.missing.length &&
    before.missing.every((m, i) => m === after.missing[i])
  );
}

/** How a recomputed determination compares with what was stored. */
export interface RecomputeCheck {
  ok: boolean;
  /** The answers evaluated now hash as the stored ones. */
  inputsMatch: boolean;
  /** The version evaluated now has the stored version hash. */
  versionMatch: boolean;
  storedHash: string;
  recomputedHash: string;
}

/** A determination record as pages and API clients read it: the full determination, and how it was obtained. */
export type ShownDetermination = Omit<DeterminationRecord, 'result'> & {
  result: Determination;
  /**
   * `full`: stored in full (rows written before compaction); `recomputed`: evaluated again from the compact record;
   * `evaluated`: the evaluation just made (the answer of a re-determination).
   */
  source: 'full' | 'recomputed' | 'evaluated';
  /** For a recomputed determination, the check against the stored hashes; null for one stored in full. */
  check: RecomputeCheck | null;
};

/**
 * The full determination of a stored result, recomputed from `answers` when it is compact, with its check; `lang`
 * words it in another language than it was made in (the check compares the decision, which does not depend on it).
 */
export async function fullResult(
  ctx: ServiceContext,
  result: StoredResult,
  answers: Record<string, unknown>,
  lang?: string,
): Promise<{ result: Determination; source: ShownDetermination['source']; check: RecomputeCheck | null }> {
  if (!isCompact(result)) return { result: await rewordedFull(ctx, result, answers, lang), source: 'full', check: null };
  const version = await ctx.store.getProgramVersion(result.programId, result.version);
  if (!version) throw new Error(`Determination refers to missing program version ${result.programId}@${result.version}.`);
  const full = evaluate(compiledFor(version.doc, version.hash), answers, { asOf: result.asOf, partial: false, lang: result.lang });
  const recomputedHash = determinationHash(full);
  const shown =
    lang && lang !== result.lang ? evaluate(compiledFor(version.doc, version.hash), answers, { asOf: result.asOf, partial: false, lang }) : full;
  const inputsMatch = inputsHash(answers) === result.inputsHash;
  const versionMatch = version.hash === result.hash;
  const ok = inputsMatch && versionMatch && recomputedHash === result.determinationHash;
  if (!ok) {
    ctx.log.warn(
      { programId: result.programId, version: result.version, inputsMatch, versionMatch, storedHash: result.determinationHash, recomputedHash },
      'a recomputed determination does not match the one stored',
    );
  }
  return { result: shown, source: 'recomputed', check: { ok, inputsMatch, versionMatch, storedHash: result.determinationHash, recomputedHash } };
}

/**
 * A determination stored in full (before compaction), worded in `lang`: evaluated again from `answers` in that
 * language when it decides exactly as the stored one did; otherwise (or in its own language) the stored one.
 */
async function rewordedFull(ctx: ServiceContext, result: Determination, answers: Record<string, unknown>, lang?: string): Promise<Determination> {
  if (!lang || lang === result.lang) return result;
  const version = await ctx.store.getProgramVersion(result.programId, result.version);
  if (!version || version.hash !== result.hash) return result;
  const reworded = evaluate(compiledFor(version.doc, version.hash), answers, { asOf: result.asOf, partial: false, lang });
  return sameDecision(decisionOf(result), decisionOf(reworded)) ? reworded : result;
}

/**
 * The records with their full determinations (recomputed from `answers` where compact); `lang` words them in that
 * language (the staff's) whatever language they were made in (the applicant's).
 */
export async function showDeterminations(
  ctx: ServiceContext,
  records: DeterminationRecord[],
  answers: Record<string, unknown>,
  lang?: string,
): Promise<ShownDetermination[]> {
  const out: ShownDetermination[] = [];
  for (const record of records) out.push({ ...record, ...(await fullResult(ctx, record.result, answers, lang)) });
  return out;
}
