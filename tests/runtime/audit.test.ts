/**
 * The audit hash chain (`runtime/audit/chain.ts`) and `mandate audit verify` (`runtime/cli/audit.ts`) on a real
 * SQLite file: intact chains pass; a changed, deleted, reordered or re-linked entry is reported at its seq.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { GENESIS_HASH, hashAuditEntry, linkAuditEntries, verifyChain } from '../../runtime/audit/chain.ts';
import { run } from '../../runtime/cli/audit.ts';
import { openStore } from '../../runtime/store/index.ts';
import { pgUnavailable, reportPgSkip } from '../support/postgres.ts';
import { clusterForSuite } from '../support/stores.ts';
import pg from 'pg';
import type { AuditEntry } from '../../runtime/store/types.ts';

const root = mkdtempSync(join(tmpdir(), 'mandate-audit-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

function chain(n: number): AuditEntry[] {
  const inputs = Array.from({ length: n }, (_, i) => ({ actorId: 'a', action: 'x.do', entity: 'x', entityId: `e${i}`, details: { i } }));
  return linkAuditEntries(null, inputs, '2025-01-01T00:00:00.000Z');
}

describe('verifyChain', () => {
  it('accepts an intact chain and an empty one, and starts from the genesis hash', () => {
    const entries = chain(6);
    expect(entries[0].prevHash).toBe(GENESIS_HASH);
    expect(verifyChain(entries)).toEqual({ ok: true, count: 6, lastHash: entries[5].hash });
    expect(verifyChain([])).toEqual({ ok: true, count: 0, lastHash: null });
  });

  it('hashes canonical JSON, so key order does not matter but any value does', () => {
    const [e] = chain(1);
    const reordered = {
      hash: e.hash,
      prevHash: e.prevHash,
      details: e.details,
      entityId: e.entityId,
      entity: e.entity,
      action: e.action,
      actorId: e.actorId,
      at: e.at,
      seq: e.seq,
    };
    expect(hashAuditEntry(reordered)).toBe(e.hash);
    expect(hashAuditEntry({ ...e, actorId: 'b' })).not.toBe(e.hash);
  });

  it('reports each kind of tampering at the first broken seq', () => {
    const e = chain(6);
    expect(verifyChain(e.map((x) => (x.seq === 4 ? { ...x, action: 'x.undo' } : x))).problem).toMatchObject({ seq: 4, kind: 'changed' });
    expect(verifyChain(e.filter((x) => x.seq !== 1)).problem).toMatchObject({ seq: 2, kind: 'deleted' });
    expect(verifyChain(e.filter((x) => x.seq !== 3 && x.seq !== 4)).problem).toMatchObject({ seq: 5, kind: 'deleted' });
    expect(verifyChain([e[0], e[2], e[1], ...e.slice(3)]).problem).toMatchObject({ seq: 3, kind: 'reordered' });
    expect(verifyChain([e[0], e[1], e[1], ...e.slice(2)]).problem).toMatchObject({ seq: 2, kind: 'reordered' });
    // Entry 3 rewritten and re-hashed (a forger without the later entries' cooperation): entry 4's link breaks.
    const forged = { ...e[2], details: { i: 99 } };
    const rehashed = { ...forged, hash: hashAuditEntry(forged) };
    expect(verifyChain([e[0], e[1], rehashed, ...e.slice(3)]).problem).toMatchObject({ seq: 4, kind: 'broken-link' });
    // Deleting entry 3 and renumbering the rest: the renumbered entry no longer matches its hash.
    const renumbered = [e[0], e[1], ...e.slice(3).map((x) => ({ ...x, seq: x.seq - 1 }))];
    expect(verifyChain(renumbered).problem?.seq).toBe(3);
    expect(verifyChain(renumbered).ok).toBe(false);
  });
});

describe('mandate audit verify', () => {
  async function seeded(name: string): Promise<string> {
    const dataDir = join(root, name);
    const store = await openStore({ dataDir });
    for (let i = 0; i < 3; i += 1) await store.appendAudit({ actorId: 'admin', action: 'user.create', entity: 'user', entityId: `u${i}` });
    await store.close();
    return dataDir;
  }

  it('prints OK with the count and exits 0 on an intact log', async () => {
    const dataDir = await seeded('intact');
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await run(['verify', '--data', dataDir], {})).toBe(0);
    expect(log.mock.calls[0][0]).toMatch(/^OK: 3 audit entries, chain intact\. Last hash [0-9a-f]{64}$/);
  });

  it('exits 1 naming the broken entry when the file was edited', async () => {
    const dataDir = await seeded('tampered');
    const db = new Database(join(dataDir, 'mandate.db'));
    db.exec('DROP TRIGGER audit_no_delete');
    db.prepare('DELETE FROM audit WHERE seq = 2').run();
    db.close();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await run(['verify'], { MANDATE_DATA_DIR: dataDir })).toBe(1);
    expect(error.mock.calls[0][0]).toBe('BROKEN at entry 3 (deleted): Entry 2 is missing before entry 3: audit entries were deleted.');
  });

  it('exits 2 with usage on a bad subcommand or a missing database', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await run(['check'], {})).toBe(2);
    expect(error.mock.calls[0][0]).toMatch(/Unknown subcommand "check"/);
    expect(await run(['verify', '--data', join(root, 'nothing-here')], {})).toBe(2);
    expect(error.mock.calls[1][0]).toMatch(/No Mandate database at .*nothing-here/);
  });
});

reportPgSkip('mandate audit verify on PostgreSQL');

(pgUnavailable ? describe.skip : describe)('mandate audit verify on PostgreSQL', () => {
  const cluster = clusterForSuite();

  it('checks the chain of the database DATABASE_URL names; the triggers refuse edits, and a deletion past them is found', async () => {
    const url = await cluster().newDatabase();
    const store = await openStore({ databaseUrl: url });
    for (let i = 0; i < 3; i += 1) await store.appendAudit({ actorId: 'admin', action: 'user.create', entity: 'user', entityId: `u${i}` });
    await store.close();
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const env = { DATABASE_URL: url, MANDATE_DATA_DIR: join(root, 'pg-no-key') };
    expect(await run(['verify'], env)).toBe(0);
    expect(log.mock.calls[0][0]).toMatch(/^OK: 3 audit entries, chain intact\. Last hash [0-9a-f]{64}$/);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const edit of ["UPDATE audit SET action = 'x' WHERE seq = 2", 'DELETE FROM audit WHERE seq = 2', 'TRUNCATE audit']) {
        await expect(client.query(edit)).rejects.toThrow(/append-only/);
      }
      await client.query('ALTER TABLE audit DISABLE TRIGGER USER');
      await client.query('DELETE FROM audit WHERE seq = 2');
    } finally {
      await client.end();
    }
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await run(['verify'], env)).toBe(1);
    expect(error.mock.calls[0][0]).toBe('BROKEN at entry 3 (deleted): Entry 2 is missing before entry 3: audit entries were deleted.');
    expect(await run(['verify'], { ...env, MONGODB_URI: 'mongodb://db/m' })).toBe(2);
    expect(error.mock.calls.at(-1)?.[0]).toMatch(/DATABASE_URL: is set and so is MONGODB_URI, .*remove MONGODB_URI to use PostgreSQL/);
  });
});
