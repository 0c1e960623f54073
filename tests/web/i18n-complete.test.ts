/**
 * The page chrome is whole in Spanish: every key of web/src/i18n/en.ts exists in es.ts, and each Spanish text
 * differs from its English one unless it is in the allow-list below (names and codes that are the same in both
 * languages). A new English text without its translation, or copied unchanged, fails here.
 */
import { describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en.ts';
import { es } from '../../web/src/i18n/es.ts';

/** Keys whose Spanish text is rightly the same as the English one. */
const SAME_IN_BOTH: ReadonlySet<string> = new Set([
  // "No" is the same word in Spanish.
  'common.no',
  // Only placeholders and punctuation: the words come from the program or the message filled in.
  'apply.member',
  'errors.other',
  'staff.historyEntry',
  'staff.correctionEntry',
]);

const texts = (dictionary: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(dictionary).map(([k, v]) => [k, typeof v === 'function' ? (v as (item: string) => string)('X') : String(v)]));

describe('Spanish page texts', () => {
  it('has every English key', () => {
    const missing = Object.keys(en).filter((k) => !Object.hasOwn(es, k));
    expect(missing).toEqual([]);
  });

  it('has no key English lacks', () => {
    expect(Object.keys(es).filter((k) => !Object.hasOwn(en, k))).toEqual([]);
  });

  it('translates every text, except the allowed ones', () => {
    const english = texts(en);
    const spanish = texts(es);
    const untranslated = Object.keys(english).filter((k) => english[k] === spanish[k] && !SAME_IN_BOTH.has(k));
    expect(untranslated, 'these Spanish texts are still the English ones: translate them or, for names, add them to SAME_IN_BOTH').toEqual([]);
  });

  it('keeps the allow-list honest: each allowed key exists and is still the same in both', () => {
    const english = texts(en);
    const spanish = texts(es);
    for (const key of SAME_IN_BOTH) {
      expect(Object.hasOwn(english, key), key).toBe(true);
      expect(spanish[key], key).toBe(english[key]);
    }
  });
});
