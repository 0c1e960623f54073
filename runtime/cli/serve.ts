/**
 * `mandate serve [--port N] [--host H] [--data DIR]`: starts the server (see `runtime/main.ts`) and stops it
 * gracefully on SIGTERM/SIGINT. Flags override the environment.
 */
import { ConfigError } from '../config.ts';
import { startServer, type StartOptions } from '../main.ts';
import { StoreOpenError } from '../store/index.ts';

const USAGE =
  'Usage: mandate serve [--port N] [--host ADDRESS] [--data DIR]\nEnvironment: PORT, HOST, MANDATE_DATA_DIR, DATABASE_URL, MANDATE_PG_POOL_MAX, MONGODB_URI, MANDATE_ADMIN_EMAIL, MANDATE_ADMIN_PASSWORD, MANDATE_DEMO_USERS, MANDATE_DEMO_PASSWORD, MANDATE_BODY_LIMIT, MANDATE_AUDIT_KEY, MANDATE_AUDIT_KEY_FILE, MANDATE_TRUST_PROXY, LOG_LEVEL.';

function parseArgs(args: string[]): StartOptions | 'help' {
  const options: StartOptions = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new ConfigError(arg, `needs a value. ${USAGE}`);
      return v;
    };
    if (arg === '--help' || arg === '-h') return 'help';
    else if (arg === '--port') {
      const v = value();
      if (!/^\d+$/.test(v) || Number(v) > 65535) throw new ConfigError('--port', `"${v}" is not a port number (0-65535).`);
      options.port = Number(v);
    } else if (arg === '--host') options.host = value();
    else if (arg === '--data') options.dataDir = value();
    else throw new ConfigError(arg, `is not an option of mandate serve. ${USAGE}`);
  }
  return options;
}

/** Runs `mandate serve`; resolves with the exit code once the server has stopped (or failed to start). */
export async function run(args: string[]): Promise<number> {
  let options: StartOptions | 'help';
  try {
    options = parseArgs(args);
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    return 2;
  }
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(options);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Configuration error: ${err.message}`);
      return 2;
    }
    if (err instanceof StoreOpenError) {
      console.error(`Mandate could not open its store: ${err.message}`);
      return 1;
    }
    console.error(`Mandate could not start: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  const running = server;
  return new Promise<number>((resolve) => {
    const stop = (signal: string) => {
      console.log(`${signal} received: finishing requests and closing the store…`);
      running.close().then(
        () => resolve(0),
        (err) => {
          console.error(`Shutdown failed: ${err instanceof Error ? err.message : String(err)}`);
          resolve(1);
        },
      );
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}
