/**
 * `mandate init <dir> --template <name>`: writes a new program folder from one of the shipped templates, filled
 * with the given id, title, organisation, languages and start date (the engine's `instantiate`), then validates it
 * and prints what to do next. `mandate init --list` lists the templates.
 */
import fs from 'node:fs';
import path from 'node:path';
import { folderFiles, instantiate, suggestId, validate } from '../../engine/index.ts';
import { loadTemplates } from '../fs/templates.ts';
import { isDate, parseArgs, UsageError } from './args.ts';

/** Usage text of `mandate init`. */
export const USAGE = `Usage: mandate init <new-folder> --template <name> [--id ID] [--title TEXT] [--owner TEXT] [--lang es] [--from YYYY-MM-DD]
       mandate init --list
  Writes a complete program folder (form, parameters, rules, benefit, workflow, translations, test cases) from a
  template, for you to edit. The folder must not exist or be empty.
  --template NAME  which template (mandate init --list shows them)
  --id ID          the program's id: lowercase letters, digits and hyphens (default: from the title)
  --title TEXT     the program's name as applicants know it (default: the template's)
  --owner TEXT     your organisation's name (default: the template's placeholder, to replace)
  --lang LANGS     languages besides English, comma-separated, e.g. es (default: English only)
  --from DATE      first day the program applies (default: the template's start date)
  --list           list the templates, one a line`;

/** Runs the command; resolves with the exit code. */
export async function run(args: string[]): Promise<number> {
  const { positionals, options } = parseArgs(args, ['template', 'id', 'title', 'owner', 'lang', 'from'], ['list']);
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const templates = loadTemplates();
  if (options.list) {
    const width = Math.max(...templates.map((t) => t.name.length));
    for (const t of templates) console.log(`${t.name.padEnd(width)}  ${t.title.en}: ${t.description.en}`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('mandate init takes exactly one folder to create.');
  if (typeof options.template !== 'string') throw new UsageError('Say which template with --template NAME (mandate init --list shows them).');
  const template = templates.find((t) => t.name === options.template);
  if (!template) {
    console.error(`There is no template "${options.template}". The templates are: ${templates.map((t) => t.name).join(', ')}.`);
    return 2;
  }
  const dir = positionals[0];
  if (fs.existsSync(dir) && (!fs.statSync(dir).isDirectory() || fs.readdirSync(dir).length > 0)) {
    console.error(`${dir} already exists and is not an empty folder. Choose a new folder name; mandate init never overwrites files.`);
    return 1;
  }
  if (typeof options.from === 'string' && !isDate(options.from)) throw new UsageError(`--from ${options.from} is not a date written YYYY-MM-DD.`);
  const title = typeof options.title === 'string' ? options.title : template.doc.title;
  const extra =
    typeof options.lang === 'string'
      ? options.lang
          .split(',')
          .map((l) => l.trim())
          .filter(Boolean)
      : [];
  const { program, diagnostics } = instantiate(template.doc, {
    id: typeof options.id === 'string' ? options.id : suggestId(title) || template.name,
    title,
    owner: typeof options.owner === 'string' ? options.owner : template.doc.owner.name,
    languages: ['en', ...extra.filter((l) => l !== 'en')],
    effectiveFrom: typeof options.from === 'string' ? options.from : undefined,
  });
  if (!program) {
    const flag: Record<string, string> = { id: '--id', title: '--title', owner: '--owner', languages: '--lang', effectiveFrom: '--from' };
    for (const d of diagnostics) console.error(`${flag[d.path.split('/')[1]] ?? d.path}  ${d.message}`);
    return 1;
  }
  const files = folderFiles(program as unknown as Record<string, unknown>);
  if (template.readme) files['README.md'] = template.readme;
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  const checked = validate(program).diagnostics;
  const errors = checked.filter((d) => d.severity === 'error').length;
  const warnings = checked.filter((d) => d.severity === 'warning').length;
  console.log(
    `Wrote ${program.id} (${template.title.en} template) to ${dir}: ${Object.keys(files).length} files, ${errors} errors, ${warnings} warnings.`,
  );
  if (warnings > 0) console.log(`  mandate validate ${dir} lists the warnings (translations to write, for example).`);
  console.log(`  Next: edit the parameters marked "replace with your own", then mandate test ${dir}.`);
  return errors > 0 ? 1 : 0;
}
