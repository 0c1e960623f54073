/**
 * Prepared queries of the shared SQL operations (runtime/store/sql/prepared.ts): compiled once, each call gives the
 * SQL and parameters that building the same query would, on both dialects; values of another shape are refused.
 */
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { describe, expect, it } from 'vitest';
import { prepared } from '../../runtime/store/sql/prepared.ts';
import type { Database } from '../../runtime/store/sql/schema.ts';
import { sqliteSql } from '../../runtime/store/sql/sqlite.ts';
import type { SqliteDb } from '../../runtime/store/sqlite/db.ts';

const postgres = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});
const compilers = { sqlite: sqliteSql({} as SqliteDb).q, postgres };

describe.each(Object.entries(compilers))('prepared queries (%s)', (_, q) => {
  const update = ({ id, ...columns }: { id: string; name: string; disabled: boolean; roles: string }) =>
    q.updateTable('users').set(columns).where('id', '=', id).where('email', '!=', 'fixed@example.org');

  it('gives the SQL and parameters of the built query at every call', () => {
    const run = prepared(update);
    for (const values of [
      { id: 'u1', name: 'Ann', disabled: true, roles: '["admin"]' },
      { id: 'u2', name: 'Bo', disabled: false, roles: '[]' },
    ]) {
      const built = update(values).compile();
      const compiled = run(values).compile();
      expect(compiled.sql).toBe(built.sql);
      expect(compiled.parameters).toEqual(built.parameters);
    }
  });

  it('binds a value given as undefined as undefined (both drivers bind it as NULL), and refuses another shape', () => {
    const select = prepared((v: { id: string | undefined }) => q.selectFrom('users').selectAll().where('id', '=', v.id!));
    expect(select({ id: 'a' }).compile().parameters).toEqual(['a']);
    expect(select({ id: undefined }).compile().parameters).toEqual([undefined]);
    expect(() => select({ id: 'a', other: 1 } as never).compile()).toThrow(/another shape/);
  });
});
