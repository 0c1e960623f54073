/**
 * `mandate translations stamp <dir>`: rewrites the i18n files of every version of a program folder so that each
 * plain-string translation records the English text it translates (`{ "text", "source" }`); from then on,
 * `mandate validate` reports a translation as stale when its English text changes. Translations that already
 * record a source are kept as they are, current or stale. Prints, per version and language, how many of each kind
 * there were. Exit 1 when a version has errors (nothing is written for it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { stampTranslations, toResolved, type LayerOrigin, type Program, type StampCount } from '../../engine/index.ts';
import { checkProgramFolder, locate } from '../fs/program-folder.ts';
import { parseArgs, printDiagnostics, UsageError, versionLabel } from './args.ts';

/** Usage text of `mandate translations`. */
export const USAGE = `Usage: mandate translations stamp <program-folder>
  Records, in each version's i18n/<lang>.json, the English text every plain-string translation translates, so that
  \`mandate validate\` can report a translation as stale once its English text changes. It asserts that those
  translations are current: review them first. Translations that already record a source are left as they are
  (stale ones are listed: translate them and set their "source", or mark them as still correct in the studio).`;

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** One line per language: what the stamp did. */
function summary(lang: string, c: StampCount): string {
  return (
    `  ${lang}: ${plural(c.stamped, 'translation now records its source', 'translations now record their source')}, ` +
    `${c.current} already current, ${c.stale} stale (left as they are), ${c.missing} missing`
  );
}

/** Runs the command; resolves with the exit code. */
export async function run(args: string[]): Promise<number> {
  const { positionals, options } = parseArgs(args, [], []);
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const [action, dir, ...rest] = positionals;
  if (action !== 'stamp')
    throw new UsageError(action ? `"${action}" is not a translations action; the action is "stamp".` : 'Name the action: stamp.');
  if (!dir || rest.length > 0) throw new UsageError('mandate translations stamp takes exactly one program folder.');
  const { versions, diagnostics } = checkProgramFolder(dir);
  printDiagnostics(
    diagnostics.filter((d) => d.severity === 'error'),
    dir,
  );
  let failed = diagnostics.some((d) => d.severity === 'error') || versions.length === 0;
  for (const v of versions) {
    if (!v.program) {
      printDiagnostics(
        v.diagnostics.filter((d) => d.severity === 'error'),
        dir,
      );
      console.log(`${versionLabel(v)}: not stamped — fix its errors first`);
      failed = true;
      continue;
    }
    // The document as written (the validated program is normalized); it has no errors, so it is a Program. A layer's
    // own translations are stamped with the English of the resolved program, and written back under the keys it wrote.
    const { translations, counts } = v.origins ? stampLayer(v.resolved!, v.doc, v.origins) : stampTranslations(v.doc as unknown as Program);
    console.log(`${versionLabel(v)}:`);
    if (Object.keys(translations).length === 0) console.log('  no translations');
    for (const [lang, table] of Object.entries(translations)) {
      const file = locate(v.fileMap, `/translations/${lang}`).file;
      if (counts[lang].stamped > 0) {
        if (!file?.endsWith(`i18n/${lang}.json`)) {
          console.log(`  ${lang}: not stamped — its translations are in ${file ?? 'no file'}; move them to i18n/${lang}.json`);
          failed = true;
          continue;
        }
        fs.writeFileSync(path.join(dir, file), `${JSON.stringify(table, null, 2)}\n`);
      }
      console.log(summary(lang, counts[lang]));
    }
    for (const d of v.diagnostics) if (d.code === 'translation.stale') console.log(`  stale: ${d.message}`);
  }
  return failed ? 1 : 0;
}

/** `stampTranslations` of a layer's own translations (keys into the layer or into the resolved program), keyed as written. */
function stampLayer(resolved: Program, layer: Record<string, unknown>, origins: LayerOrigin[]): ReturnType<typeof stampTranslations> {
  const own = (layer.translations ?? {}) as Record<string, Record<string, unknown>>;
  const merged = Object.fromEntries(
    Object.entries(own).map(([lang, table]) => [
      lang,
      { ...(resolved.translations?.[lang] ?? {}), ...Object.fromEntries(Object.entries(table).map(([k, t]) => [toResolved(k, origins), t])) },
    ]),
  );
  const stamped = stampTranslations({ ...resolved, translations: merged } as Program);
  const translations = Object.fromEntries(
    Object.entries(own).map(([lang, table]) => [
      lang,
      Object.fromEntries(Object.keys(table).map((k) => [k, stamped.translations[lang][toResolved(k, origins)]])),
    ]),
  );
  return { translations, counts: stamped.counts };
}
