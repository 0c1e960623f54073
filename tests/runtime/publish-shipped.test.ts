/**
 * Publishing the shipped programs at start: a folder whose test cases fail, or whose definition has errors, is not
 * published, and one log line names the folder and its first problem; the other programs start and are published.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../runtime/main.ts';
import { openStore } from '../../runtime/store/index.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mandate-shipped-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function copyFoodBank(name: string, change: (dir: string) => void = () => {}): void {
  const dir = path.join(root, name);
  fs.cpSync('programs/community-food-bank', dir, { recursive: true });
  const program = JSON.parse(fs.readFileSync(path.join(dir, 'program.json'), 'utf8'));
  fs.writeFileSync(path.join(dir, 'program.json'), JSON.stringify({ ...program, id: name }));
  change(dir);
}

const edit = (file: string, f: (json: any) => void) => {
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  f(json);
  fs.writeFileSync(file, JSON.stringify(json));
};

describe('publishing shipped programs at start', () => {
  it('holds back a folder with failing tests or errors, naming it and its first problem; publishes the rest', async () => {
    copyFoodBank('good-bank');
    copyFoodBank('failing-bank', (dir) =>
      edit(path.join(dir, 'tests/cases.json'), (cases) => {
        cases[0].expected.benefits.parcel = 9;
      }),
    );
    copyFoodBank('broken-bank', (dir) =>
      edit(path.join(dir, 'rules.json'), (rules) => {
        rules.rules[1].conditions.all[0].fact = 'annualIncom';
      }),
    );
    const lines: { level: number; msg: string }[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).trim().split('\n')) lines.push(JSON.parse(line));
        done();
      },
    });
    const store = await openStore({ sqlitePath: ':memory:' });
    const server = await startServer({
      store,
      port: 0,
      host: '127.0.0.1',
      programsDir: root,
      serveWeb: false,
      buildWebIfMissing: false,
      announce: false,
      demoUsers: false,
      logger: pino({ level: 'info' }, sink),
    });
    try {
      const published = (await store.listProgramVersions({ status: 'published' })).map((v) => v.programId);
      expect(published).toEqual(['good-bank']);
      const errors = lines.filter((l) => l.level === 50).map((l) => l.msg);
      expect(errors).toHaveLength(2);
      const rel = (name: string) => path.relative(process.cwd(), path.join(root, name));
      expect(errors).toContain(
        `shipped program ${rel('failing-bank')} not published: 1 of 9 test cases fail, the first "${'A person living alone in Providence with $2,000 a month is eligible for an 8 kg parcel each week.'}" (benefit parcel expected 9, got 8)`,
      );
      const broken = errors.find((m) => m.includes('broken-bank'));
      expect(broken).toMatch(
        new RegExp(
          `^shipped program ${rel('broken-bank').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} not published: 1 error, the first at rules.json#/rules/1/conditions/all/0/fact: `,
        ),
      );
      expect(broken).toContain('"annualIncom"');
      expect(lines.find((l) => l.msg === 'shipped programs checked')).toMatchObject({ published: 1, skipped: 2 });
    } finally {
      await server.close();
      await store.close();
    }
  });
});

describe('publishing shipped layers at start', () => {
  it('publishes bases before the layers on them, storing each layer resolved with its base’s hash', async () => {
    // "a-north" sorts before its base's folder, and its base has two versions: start-up must order them itself.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mandate-layers-'));
    try {
      fs.cpSync('tests/fixtures/extends/test-food-help', path.join(dir, 'test-food-help'), { recursive: true });
      fs.cpSync('tests/fixtures/extends/test-food-help-north', path.join(dir, 'a-north'), { recursive: true });
      const store = await openStore({ sqlitePath: ':memory:' });
      const server = await startServer({
        store,
        port: 0,
        host: '127.0.0.1',
        programsDir: dir,
        serveWeb: false,
        buildWebIfMissing: false,
        announce: false,
        demoUsers: false,
        logger: pino({ level: 'silent' }),
      });
      try {
        const published = await store.listProgramVersions({ status: 'published' });
        expect(published.map((v) => `${v.programId}@${v.version}`).sort()).toEqual([
          'test-food-help-north@1',
          'test-food-help@1',
          'test-food-help@2',
        ]);
        const layer = published.find((v) => v.programId === 'test-food-help-north')!;
        const base = published.find((v) => v.programId === 'test-food-help' && v.version === 1)!;
        expect(layer.doc.extends).toEqual({ program: 'test-food-help', version: 1, hash: base.hash });
        expect(layer.doc.rules.map((r) => r.id)).toEqual(['income', 'county', 'rent']);
      } finally {
        await server.close();
        await store.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
