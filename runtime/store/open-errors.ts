/**
 * Why a store could not be opened, in words an operator can act on: `openStore` turns the driver's failure to
 * connect (an unreachable server, a refused password, a missing database, a data folder it cannot write) into a
 * `StoreOpenError` naming the setting to change and how; `mandate serve` prints its message and exits non-zero.
 * Messages never carry a password: they are built from the URL's host, port, user and database only.
 *
 * @example
 * openStore({ databaseUrl: 'postgres://mandate:secret@127.0.0.1:1/mandate' });
 * // rejects: StoreOpenError('DATABASE_URL: no PostgreSQL server answers at 127.0.0.1:1 (connection refused). …')
 */
import type { StoreConfig } from './types.ts';

/** A store that could not be opened: `setting` names what to change (`DATABASE_URL`, `MONGODB_URI`, `MANDATE_DATA_DIR`). */
export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';
  constructor(
    readonly setting: string,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${setting}: ${problem}`, options);
  }
}

/** Where a connection URL points, without its password. */
interface Target {
  host: string;
  port: string;
  user: string;
  database: string;
}

/**
 * A connection URL as the `pg` driver reads it (which percent-encodes spaces and stray `%` first, and accepts an empty
 * host such as `postgres://user@/db`), or undefined when it is not a URL at all.
 */
export function parseConnectionUrl(url: string): URL | undefined {
  const text = / |%[^a-f0-9]|%[a-f0-9][^a-f0-9]/i.test(url) ? encodeURI(url).replace(/%25(\d\d)/g, '%$1') : url;
  for (const candidate of [text, text.replace('@/', '@localhost/')]) {
    try {
      return new URL(candidate);
    } catch {
      // Not a URL as written; the second candidate gives an empty host one.
    }
  }
  return undefined;
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function targetOf(url: string, defaults: { port: string; database: string }): Target {
  const parsed = parseConnectionUrl(url);
  const user = parsed ? decoded(parsed.username) : '';
  const host = parsed ? parsed.searchParams.get('host') || decoded(parsed.hostname.replace(/^\[|\]$/g, '')) || 'localhost' : 'localhost';
  return {
    host,
    port: parsed?.searchParams.get('port') || parsed?.port || defaults.port,
    user: user || process.env.PGUSER || process.env.USER || 'postgres',
    database: (parsed && decoded(parsed.pathname.slice(1))) || defaults.database || user,
  };
}

/** The network error inside `error` (Node reports a refused `localhost` as an AggregateError of one per address). */
function systemError(error: unknown): NodeJS.ErrnoException | undefined {
  let current = error as (NodeJS.ErrnoException & { errors?: unknown[] }) | undefined;
  for (let depth = 0; current && depth < 4; depth++) {
    if (typeof current.code === 'string' && /^E[A-Z]+$/.test(current.code)) return current;
    current = (current.errors?.[0] ?? current.cause) as typeof current;
  }
  return undefined;
}

function isTimeout(error: unknown): boolean {
  for (let current = error as Error | undefined, depth = 0; current && depth < 4; depth++) {
    if (/timeout|timed out/i.test(current.message ?? '')) return true;
    current = current.cause as Error | undefined;
  }
  return false;
}

function networkProblem(error: unknown, where: string, server: string, setting: string): string | undefined {
  const system = systemError(error);
  const code = system?.code;
  if (code === 'ECONNREFUSED') {
    return `no ${server} server answers at ${where} (connection refused). Start the server, or set ${setting} to the host and port it listens on.`;
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return `the host of ${where} is not known (DNS lookup failed). Correct the host in ${setting}.`;
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ETIMEDOUT' || isTimeout(error)) {
    return `the ${server} server at ${where} did not answer in time. Check the host and port in ${setting}, that the server is running, and that no firewall blocks the connection.`;
  }
  if (code === 'ECONNRESET') {
    return `the ${server} server at ${where} closed the connection at once. Check that ${where} is a ${server} server, and whether it requires TLS (add ?sslmode=require to ${setting}).`;
  }
  return undefined;
}

function postgresProblem(error: unknown, url: string): string | undefined {
  const t = targetOf(url, { port: '5432', database: '' });
  const where = `${t.host}:${t.port}`;
  const sqlState = (error as { code?: unknown }).code;
  if (sqlState === '28P01') {
    return (
      `the PostgreSQL server at ${where} refused the password of user "${t.user}". Put that user's password in DATABASE_URL ` +
      `(postgres://${t.user}:PASSWORD@${where}/${t.database}, with characters such as @ : / percent-encoded), or set it on the server with ALTER ROLE "${t.user}" PASSWORD '…'.`
    );
  }
  if (sqlState === '28000') {
    return (
      `the PostgreSQL server at ${where} does not let user "${t.user}" connect to database "${t.database}" (the role does not exist or pg_hba.conf has no entry for it). ` +
      `Create the role (CREATE ROLE "${t.user}" LOGIN PASSWORD '…'), allow it in pg_hba.conf, or name another user in DATABASE_URL.`
    );
  }
  if (sqlState === '3D000') {
    return (
      `the database "${t.database}" does not exist on the PostgreSQL server at ${where}. Create it (createdb -h ${t.host} -p ${t.port} -U ${t.user} ${t.database}, ` +
      `or CREATE DATABASE "${t.database}"; in psql), or name an existing database in DATABASE_URL.`
    );
  }
  if (sqlState === '42501') {
    return `user "${t.user}" may not create Mandate's tables in database "${t.database}" at ${where}. Grant it the right (GRANT CREATE ON SCHEMA public TO "${t.user}"; or make it the database's owner), or name its owner in DATABASE_URL.`;
  }
  return networkProblem(error, where, 'PostgreSQL', 'DATABASE_URL');
}

function mongoProblem(error: unknown, uri: string): string | undefined {
  const t = targetOf(uri, { port: '27017', database: 'mandate' });
  const where = `${t.host}:${t.port}`;
  const name = (error as Error).name;
  const code = (error as { code?: unknown }).code;
  if (name === 'MongoParseError' || name === 'MongoInvalidArgumentError' || name === 'MongoAPIError') {
    // The driver's own words may quote the URI, password included: not repeated.
    return 'is not a connection string MongoDB accepts. Set it like MONGODB_URI=mongodb://user:PASSWORD@db.example.org:27017/mandate, with characters such as @ : / in the password percent-encoded.';
  }
  if (code === 18 || name === 'MongoMissingCredentialsError') {
    return `the MongoDB server at ${where} refused the credentials of user "${t.user}". Put that user's password in MONGODB_URI (mongodb://${t.user}:PASSWORD@${where}/${t.database}), or name the database that holds the user with ?authSource=….`;
  }
  if (name === 'MongoServerSelectionError') {
    const problem = networkProblem((error as Error).cause ?? error, where, 'MongoDB', 'MONGODB_URI');
    return (
      problem ??
      `no MongoDB server at ${where} could be reached within 10 s. Start the server, or set MONGODB_URI to the host and port it listens on.`
    );
  }
  return networkProblem(error, where, 'MongoDB', 'MONGODB_URI');
}

function sqliteProblem(error: unknown, dataDir: string): string | undefined {
  const code = (error as { code?: unknown }).code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY') {
    return `Mandate cannot write its data folder ${dataDir} (${String(code)}). Let the user running Mandate write it, or set MANDATE_DATA_DIR to a folder it can write.`;
  }
  if (code === 'ENOTDIR' || code === 'EEXIST') {
    return `${dataDir} (or a folder above it) is a file, not a folder. Set MANDATE_DATA_DIR to a folder (it is created if missing).`;
  }
  if (code === 'ENOSPC') {
    return `the disk holding the data folder ${dataDir} is full. Free some space, or set MANDATE_DATA_DIR to a folder on another disk.`;
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return `${dataDir}/mandate.db is not a readable Mandate database (${String(code)}). Restore it from a backup, or set MANDATE_DATA_DIR to another folder.`;
  }
  return undefined;
}

/**
 * The `StoreOpenError` that explains why opening `config`'s store failed with `error`, or undefined when it is not a
 * failure to connect (a bug: let it surface as it is).
 */
export function storeOpenError(error: unknown, config: StoreConfig, dataDir: string): StoreOpenError | undefined {
  if (error instanceof StoreOpenError) return error;
  if (config.databaseUrl) {
    const problem = postgresProblem(error, config.databaseUrl);
    return problem ? new StoreOpenError('DATABASE_URL', problem, { cause: error }) : undefined;
  }
  if (config.mongodbUri) {
    const problem = mongoProblem(error, config.mongodbUri);
    return problem ? new StoreOpenError('MONGODB_URI', problem, { cause: error }) : undefined;
  }
  const problem = sqliteProblem(error, dataDir);
  return problem ? new StoreOpenError('MANDATE_DATA_DIR', problem, { cause: error }) : undefined;
}
