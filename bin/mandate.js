#!/usr/bin/env node
// The `mandate` command. Registers tsx so that the TypeScript sources run as they are, then hands the arguments to
// runtime/cli/main.ts, which dispatches to the command and resolves with the exit code.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../runtime/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
