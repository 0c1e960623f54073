/**
 * The `mandate` command line: dispatches to one module per command, each exporting `run(args) → exit code`.
 * `serve` and `audit` belong to the runtime and are loaded only when asked for.
 */
import { StoreOpenError } from '../store/open-errors.ts';
import { UsageError } from './args.ts';

type Command = { summary: string; load: () => Promise<{ run(args: string[]): Promise<number>; USAGE?: string }> };

const COMMANDS: Record<string, Command> = {
  init: { summary: 'start a new program folder from a template (init --list shows them)', load: () => import('./init.ts') },
  validate: { summary: 'check a program folder (format, names, workflow, translations)', load: () => import('./validate.ts') },
  test: { summary: "run a program's test cases", load: () => import('./test.ts') },
  evaluate: { summary: 'evaluate one household and print the determination as JSON', load: () => import('./evaluate.ts') },
  types: { summary: "print TypeScript types of a program's answers", load: () => import('./types.ts') },
  diff: { summary: 'list what changed between two program versions', load: () => import('./diff.ts') },
  translations: { summary: 'translations stamp: record the English each translation translates', load: () => import('./translations.ts') },
  impact: { summary: 'who gains, who loses and the cost of a new version, over a population file', load: () => import('./impact.ts') },
  serve: { summary: 'start the server (intake pages, casework, API)', load: () => import('./serve.ts') },
  audit: { summary: 'audit verify: check the audit log hash chain', load: () => import('./audit.ts') },
  directory: { summary: 'directory --hsds FILE: write the programs in force as Open Referral HSDS services', load: () => import('./directory.ts') },
};

/** Usage text of `mandate`. */
export const USAGE = `Usage: mandate <command> [options]   (mandate <command> --help for a command's options)

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`)
  .join('\n')}`;

/** Runs the command named by `argv[0]` with the rest of the arguments; resolves with the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`"${name}" is not a mandate command.\n\n${USAGE}`);
    return 2;
  }
  let module: Awaited<ReturnType<Command['load']>>;
  try {
    module = await command.load();
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND';
    console.error(
      missing
        ? `mandate ${name} is not available in this build: ${(err as Error).message}`
        : `mandate ${name} could not start: ${(err as Error).message}`,
    );
    return 1;
  }
  try {
    return await module.run(args);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`${err.message}\n\n${module.USAGE ?? USAGE}`);
      return 2;
    }
    // A command that reads the store (audit, directory) says why it could not open it, as serve does.
    if (err instanceof StoreOpenError) {
      console.error(`mandate ${name} could not open its store: ${err.message}`);
      return 1;
    }
    throw err;
  }
}
