/**
 * Configuration from the environment: defaults, and a clear error naming the variable for each malformed value;
 * the serve command refuses bad flags with exit code 2.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../runtime/config.ts';
import { run } from '../../runtime/cli/serve.ts';

describe('loadConfig', () => {
  it('fills defaults', () => {
    const c = loadConfig({}, '/srv/mandate');
    expect(c.port).toBe(3000);
    expect(c.host).toBe('0.0.0.0');
    expect(c.dataDir).toBe(path.resolve('/srv/mandate/data'));
    expect(c.bodyLimit).toBe('1mb');
    expect(c.demoUsers).toBe(false);
    expect(c.mongodbUri).toBeUndefined();
    expect(c.databaseUrl).toBeUndefined();
    expect(c.pgPoolMax).toBeUndefined();
    expect(c.allowUnsafeEval).toBe(false);
  });

  it('reads the variables it knows', () => {
    const c = loadConfig(
      {
        PORT: '8080',
        MANDATE_DATA_DIR: '/var/lib/mandate',
        MONGODB_URI: 'mongodb://db:27017/m',
        MANDATE_ADMIN_EMAIL: 'a@b.org',
        MANDATE_ADMIN_PASSWORD: 'long-password',
        MANDATE_DEMO_USERS: 'yes',
        MANDATE_BODY_LIMIT: '500kb',
        LOG_LEVEL: 'warn',
      },
      '/x',
    );
    expect(c).toMatchObject({
      port: 8080,
      dataDir: '/var/lib/mandate',
      mongodbUri: 'mongodb://db:27017/m',
      adminEmail: 'a@b.org',
      demoUsers: true,
      bodyLimit: '500kb',
      logLevel: 'warn',
    });
  });

  it('reads the PostgreSQL URL and pool size', () => {
    const c = loadConfig({ DATABASE_URL: ' postgres://mandate@db:5432/mandate ', MANDATE_PG_POOL_MAX: '25' }, '/x');
    expect(c).toMatchObject({ databaseUrl: 'postgres://mandate@db:5432/mandate', pgPoolMax: 25, mongodbUri: undefined });
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/m' }, '/x').databaseUrl).toBe('postgresql://db/m');
  });

  it.each([
    [{ DATABASE_URL: 'mysql://db/m' }, 'DATABASE_URL', 'postgres://'],
    [{ DATABASE_URL: 'postgres://u:p@db:port/m' }, 'DATABASE_URL', 'is not a valid URL'],
    [{ DATABASE_URL: 'postgres://db/m', MONGODB_URI: 'mongodb://db/m' }, 'DATABASE_URL', 'remove MONGODB_URI to use PostgreSQL'],
    [{ MANDATE_PG_POOL_MAX: '0' }, 'MANDATE_PG_POOL_MAX', 'whole number from 1 to 1000'],
    [{ MANDATE_PG_POOL_MAX: 'many' }, 'MANDATE_PG_POOL_MAX', 'whole number from 1 to 1000'],
    [{ PORT: 'eighty' }, 'PORT', 'not a whole number'],
    [{ PORT: '70000' }, 'PORT', 'outside'],
    [{ MANDATE_BODY_LIMIT: 'huge' }, 'MANDATE_BODY_LIMIT', 'not a size'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', 'not a level'],
    [{ MONGODB_URI: 'postgres://x' }, 'MONGODB_URI', 'mongodb://'],
    [{ MANDATE_ADMIN_EMAIL: 'not-an-email' }, 'MANDATE_ADMIN_EMAIL', 'not an email'],
    [{ MANDATE_ADMIN_EMAIL: 'a@b.org', MANDATE_ADMIN_PASSWORD: 'short' }, 'MANDATE_ADMIN_PASSWORD', '8 characters'],
    [{ MANDATE_ADMIN_PASSWORD: 'long-password' }, 'MANDATE_ADMIN_EMAIL', 'set both'],
    [{ MANDATE_DEMO_USERS: 'perhaps' }, 'MANDATE_DEMO_USERS', 'yes/no'],
  ])('refuses %o naming %s', (env, variable, words) => {
    let error: unknown;
    try {
      loadConfig(env as NodeJS.ProcessEnv, '/x');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as Error).message).toContain(words);
  });
});

describe('mandate serve flags', () => {
  it('exits with 2 for an unknown flag or a bad port, 0 for --help', async () => {
    expect(await run(['--nope'])).toBe(2);
    expect(await run(['--port', 'abc'])).toBe(2);
    expect(await run(['--help'])).toBe(0);
  });
});
