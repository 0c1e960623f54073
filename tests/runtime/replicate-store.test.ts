/**
 * The benchmarks' `replicateStore` (bench/seed-store.ts), which makes a 1,000,000-case store from 100,000 seeded ones:
 * every column of every table it copies is copied (a migration that adds a column must not break it or leave the
 * copies without it), and the copies are whole cases the store reads like the originals.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { replicateStore, seedStore } from '../../bench/seed-store.ts';
import type { Program } from '../../engine/index.ts';
import { loadProgramFolder } from '../../runtime/fs/program-folder.ts';
import { openStore } from '../../runtime/store/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'mandate-replicate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const version = (folder: string) => loadProgramFolder(folder).versions[0].doc as unknown as Program;

it('copies every case with all its columns, determinations and events, under new ids and references', async () => {
  const path = join(dir, 'mandate.db');
  await seedStore({
    path,
    count: 60,
    versions: [
      { doc: version('programs/us-snap/fy2025'), status: 'published' },
      { doc: version('programs/us-snap/fy2026'), status: 'published' },
    ],
    caseVersion: 4,
    asOf: '2025-09-15',
  });
  replicateStore(path, 3);

  const db = new Database(path, { readonly: true });
  const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  expect(count('cases')).toBe(180);
  expect(count('applications')).toBe(180);
  const originals = db.prepare("SELECT * FROM cases WHERE id NOT LIKE '%-r%' ORDER BY id").all() as Record<string, unknown>[];
  for (const k of [1, 2]) {
    const copies = db.prepare('SELECT * FROM cases WHERE id LIKE ? ORDER BY id').all(`%-r${k}`) as Record<string, unknown>[];
    expect(copies).toHaveLength(originals.length);
    copies.forEach((c, i) => {
      const o = originals[i];
      // Every column the original has a value in, the copy has too (ids and references made unique).
      for (const [column, value] of Object.entries(o)) {
        if (value === null) continue;
        if (['id', 'application_id', 'reference'].includes(column)) expect(c[column], column).toBe(`${value}-r${k}`);
        else expect(c[column], column).toEqual(value);
      }
    });
  }
  for (const table of ['determinations', 'case_events']) {
    const perCase = db.prepare(`SELECT count(*) AS n FROM ${table} WHERE case_id NOT LIKE '%-r%'`).get() as { n: number };
    expect(count(table), table).toBe(perCase.n * 3);
  }
  db.close();

  const store = await openStore({ sqlitePath: path });
  const copy = await store.getCase(`${originals[0].id}-r2`);
  expect(copy).toMatchObject({ programId: 'us-snap', state: originals[0].state });
  await store.close();
});
