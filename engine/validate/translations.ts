/**
 * Checks of the translations: every translatable text has a translation in every declared language other than
 * English, a translation that records its source still translates the English text as it stands (else it is
 * stale), every translation key points at a translatable text, and no language is translated but undeclared. A
 * language with plain-string translations gets one note that their staleness cannot be checked.
 */
import { translatableTexts, translationStatus } from '../tools/translations.ts';
import type { CheckContext } from './context.ts';
import { pointer } from '../format/pointer.ts';
import { suggest } from './suggest.ts';

/** Adds the diagnostics of the translations. */
export function checkTranslations(ctx: CheckContext): void {
  const { program } = ctx;
  const translations = program.translations;
  for (const lang of program.languages) {
    if (lang === 'en') continue;
    const statuses = translationStatus(program, lang);
    let unchecked = 0;
    for (const t of statuses) {
      if (t.state === 'missing') ctx.report('translation.missing', t.pointer, { lang, pointer: t.pointer, text: t.english });
      else if (t.state === 'stale')
        ctx.report('translation.stale', pointer('translations', lang, t.pointer), {
          lang,
          pointer: t.pointer,
          before: t.source,
          after: t.english,
          text: t.text,
        });
      else if (t.state === 'unchecked') unchecked++;
    }
    if (unchecked > 0) ctx.report('translation.source-unrecorded', pointer('translations', lang), { lang, count: unchecked });
  }
  const pointers = new Set(translatableTexts(program).map((t) => t.pointer));
  for (const [lang, table] of Object.entries(translations)) {
    if (!program.languages.includes(lang)) ctx.report('translation.undeclared-language', pointer('translations', lang), { lang });
    for (const key of Object.keys(table)) {
      if (!pointers.has(key))
        ctx.report('translation.unknown-path', pointer('translations', lang, key), { lang, pointer: key, suggestion: suggest(key, pointers) });
    }
  }
}
