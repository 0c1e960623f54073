/**
 * Checks of the translations: every translatable text has a translation in every declared language other than
 * English, every translation key points at a translatable text, and no language is translated but undeclared.
 */
import { translatableTexts } from '../tools/translations.ts';
import type { CheckContext } from './context.ts';
import { pointer } from '../format/pointer.ts';
import { suggest } from './suggest.ts';

/** Adds the diagnostics of the translations. */
export function checkTranslations(ctx: CheckContext): void {
  const { program } = ctx;
  const texts = translatableTexts(program);
  const pointers = new Set(texts.map((t) => t.pointer));
  const translations = program.translations;
  for (const lang of program.languages) {
    if (lang === 'en') continue;
    const table = translations[lang] ?? {};
    for (const { pointer: at, text } of texts) {
      if (typeof table[at] !== 'string' || table[at] === '') ctx.report('translation.missing', at, { lang, pointer: at, text });
    }
  }
  for (const [lang, table] of Object.entries(translations)) {
    if (!program.languages.includes(lang)) ctx.report('translation.undeclared-language', pointer('translations', lang), { lang });
    for (const key of Object.keys(table)) {
      if (!pointers.has(key))
        ctx.report('translation.unknown-path', pointer('translations', lang, key), { lang, pointer: key, suggestion: suggest(key, pointers) });
    }
  }
}
