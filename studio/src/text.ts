/**
 * The studio's words: `useText()` gives `s(key, params)` over `texts/en.ts` and `texts/es.ts` in the page's language
 * (the same language switch and `{name}` placeholders as the applicant and staff pages, `web/src/shared/i18n.tsx`).
 */
import { useMemo } from 'react';
import { fill, useI18n } from '../../web/src/shared/i18n.tsx';
import { en, type StudioKey } from './texts/en.ts';
import { es } from './texts/es.ts';

/** A translator over the studio's texts. */
export type StudioText = (key: StudioKey, params?: Record<string, unknown>) => string;

const dictionaries: Record<string, Record<StudioKey, string>> = { en, es };

/** The studio translator for the current page language. */
export function useText(): StudioText {
  const { lang } = useI18n();
  return useMemo(() => {
    const dictionary = dictionaries[lang] ?? en;
    return (key: StudioKey, params: Record<string, unknown> = {}) => fill(dictionary[key] ?? en[key] ?? key, params);
  }, [lang]);
}
