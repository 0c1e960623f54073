/**
 * The one regular-expression engine for patterns that come from a definition: RE2 (`re2js`, a pure JavaScript port),
 * which matches in time linear in the answer's length whatever the pattern, so no crafted answer can keep a page or
 * the server busy. Every ajv of Mandate (`strictAjv`, hence `formAjv`: the server's checks, the batch path, the
 * pages' precompiled validators and the studio) runs `pattern` and `patternProperties` through `linearRegExp`.
 *
 * A pattern is written in JSON Schema's (ECMAScript) syntax and translated for RE2 (`\u00e9` → `\x{00e9}`, named
 * groups). What RE2 cannot run (backreferences, lookarounds) does not compile: ajv then refuses the form schema at
 * validation, naming the pattern and its path.
 */
import { RE2JS } from 're2js';

/** What ajv needs of a compiled pattern. */
export interface LinearPattern {
  test(text: string): boolean;
  toString(): string;
}

/** A pattern RE2 cannot run; `detail` says why (RE2's words). */
export class UnsupportedPattern extends SyntaxError {
  constructor(
    readonly pattern: string,
    readonly detail: string,
  ) {
    super(
      `The pattern "${pattern}" cannot run in linear time (${detail}): backreferences and lookarounds are not supported; rewrite it without them.`,
    );
    this.name = 'UnsupportedPattern';
  }
}

const compiled = new Map<string, LinearPattern>();
const LIMIT = 2000;

/**
 * The linear-time matcher of `pattern` (JSON Schema semantics: unanchored, Unicode), cached per pattern.
 * Throws `UnsupportedPattern` when RE2 cannot run it.
 */
export function linearPattern(pattern: string): LinearPattern {
  let hit = compiled.get(pattern);
  if (hit) return hit;
  let re: RE2JS;
  try {
    re = RE2JS.compile(RE2JS.translateRegExp(pattern));
  } catch (err) {
    throw new UnsupportedPattern(pattern, (err as Error).message);
  }
  hit = { test: (text: string) => re.test(text), toString: () => `/${pattern}/u` };
  if (compiled.size >= LIMIT) compiled.delete(compiled.keys().next().value!);
  compiled.set(pattern, hit);
  return hit;
}

/**
 * ajv's `code.regExp` engine over `linearPattern` (the flags ajv passes, `u`, are RE2's default). `code` is the
 * expression standalone validators import it by; `runtime/services/form-validators.ts` points it at this module.
 */
export const linearRegExp = Object.assign((pattern: string, _flags: string) => linearPattern(pattern), {
  code: 'require("mandate/engine/validate/linear-regexp").linearRegExp',
});
