/**
 * Check of the form's regular expressions (issue 11): a `pattern` (or a `patternProperties` key) anywhere in the
 * form schema that can backtrack catastrophically is an error, since one crafted answer would then keep the page or
 * the server busy for seconds or more. Decided by `redos-detector` (which also runs in the studio's worker), with
 * JSON Schema's semantics (unanchored, unicode); each pattern is analysed once per process and the verdict kept. A
 * pattern the linear-time engine (`linear-regexp.ts`, where every pattern runs) cannot compile is an error too.
 */
import { isSafePattern } from 'redos-detector';
import type { CheckContext } from './context.ts';
import { escapeSegment } from '../format/pointer.ts';
import { linearPattern, UnsupportedPattern } from './linear-regexp.ts';

/** At most this long analysing one pattern; a pattern it cannot decide in time gets a warning, not a verdict. */
const TIMEOUT_MS = 250;
const SKIP = new Set(['enum', 'const', 'default', 'examples']);

type Verdict = 'safe' | 'unsafe' | 'undecided';
const verdicts = new Map<string, Verdict>();

/** Whether `pattern` can backtrack catastrophically (remembered per pattern). */
export function patternVerdict(pattern: string): Verdict {
  let verdict = verdicts.get(pattern);
  if (verdict) return verdict;
  try {
    const result = isSafePattern(pattern, { unicode: true, timeout: TIMEOUT_MS });
    verdict = result.safe ? 'safe' : result.trails.length > 0 ? 'unsafe' : 'undecided';
  } catch {
    verdict = 'safe'; // not a pattern redos-detector reads: the form's ajv check reports an invalid one
  }
  verdicts.set(pattern, verdict);
  return verdict;
}

function walk(ctx: CheckContext, node: unknown, at: string): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    node.forEach((child, i) => walk(ctx, child, `${at}/${i}`));
    return;
  }
  for (const [key, value] of Object.entries(node)) {
    const here = `${at}/${escapeSegment(key)}`;
    if (key === 'pattern' && typeof value === 'string') check(ctx, value, here);
    else if (key === 'patternProperties' && value && typeof value === 'object') {
      for (const [pattern, sub] of Object.entries(value)) {
        check(ctx, pattern, `${here}/${escapeSegment(pattern)}`);
        walk(ctx, sub, `${here}/${escapeSegment(pattern)}`);
      }
    } else if (!SKIP.has(key)) walk(ctx, value, here);
  }
}

function check(ctx: CheckContext, pattern: string, at: string): void {
  try {
    linearPattern(pattern);
  } catch (err) {
    ctx.report('form.pattern-unsupported', at, { pattern, detail: err instanceof UnsupportedPattern ? err.detail : (err as Error).message });
    return;
  }
  const verdict = patternVerdict(pattern);
  if (verdict === 'unsafe') ctx.report('form.pattern-backtracking', at, { pattern });
  else if (verdict === 'undecided') ctx.report('form.pattern-undecided', at, { pattern, ms: TIMEOUT_MS });
}

/** Adds the diagnostics of the form schema's patterns. */
export function checkPatterns(ctx: CheckContext): void {
  walk(ctx, ctx.program.form.schema, '/form/schema');
}
