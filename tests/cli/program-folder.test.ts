import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkProgramFolder, loadAllPrograms, loadProgramFolder, locate } from '../../runtime/fs/program-folder.ts';

const broken = (name: string) => path.resolve('tests/fixtures/broken', name);

describe('loadProgramFolder', () => {
  it('reads a folder of version folders, in version order, with a file map', () => {
    const { versions, diagnostics } = loadProgramFolder(path.resolve('programs/us-snap'));
    expect(diagnostics).toEqual([]);
    expect(versions.map((v) => [path.basename(v.dir), v.doc.version])).toEqual([
      ['fy2022', 1],
      ['fy2023', 2],
      ['fy2024', 3],
      ['fy2025', 4],
      ['fy2026', 5],
    ]);
    const v = versions[4];
    expect(Object.keys(v.doc)).toEqual(expect.arrayContaining(['id', 'form', 'parameters', 'derived', 'rules', 'workflow', 'translations', 'tests']));
    expect(locate(v.fileMap, '/rules/0/conditions')).toEqual({ file: 'fy2026/rules.json', filePath: '/rules/0/conditions' });
    expect(locate(v.fileMap, '/translations/es/~1title')).toEqual({ file: 'fy2026/i18n/es.json', filePath: '/~1title' });
    expect(locate(v.fileMap, '/tests/1/input')).toEqual({ file: 'fy2026/tests/cases.json', filePath: '/1/input' });
    expect(locate(v.fileMap, '/effectiveFrom')).toEqual({ file: 'fy2026/program.json', filePath: '/effectiveFrom' });
  });

  it('reports a JSON syntax error with the file, line and column', () => {
    const { diagnostics } = loadProgramFolder(broken('json-syntax'));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'document.json-syntax', file: 'rules.json', severity: 'error', params: { line: 3, column: 18 } });
    expect(diagnostics[0].message).toContain('rules.json is not valid JSON');
    expect(diagnostics[0].message).toContain('line 3, column 18');
  });

  it('reports a file that does not hold its key, and the files that are missing', () => {
    const { versions, diagnostics } = checkProgramFolder(broken('misplaced-key'));
    expect(diagnostics[0]).toMatchObject({ code: 'document.file-shape', file: 'form.json' });
    expect(diagnostics[0].message).toContain('an object with the single key "form"');
    const missing = versions[0].diagnostics.filter((d) => d.code === 'document.missing-file').map((d) => d.file);
    expect(missing).toEqual(['parameters.json', 'rules.json', 'workflow.json']);
    expect(versions[0].diagnostics.some((d) => d.code === 'schema.required' && d.params?.property === 'form')).toBe(false);
  });

  it('maps diagnostics of a single-version folder back to their files', () => {
    const { versions } = checkProgramFolder(broken('unknown-fact'));
    expect(versions[0].program).toBeUndefined();
    expect(versions[0].diagnostics.map((d) => [d.file, d.filePath, d.code])).toEqual([
      ['rules.json', '/rules/0/conditions/all/0/fact', 'reference.unknown-fact'],
      ['i18n/es.json', '/~1rules~10~1titel', 'translation.unknown-path'],
    ]);
  });

  it('reports a folder with no program', () => {
    expect(loadProgramFolder(path.resolve('tests/cli')).diagnostics[0].code).toBe('document.no-program');
    expect(loadProgramFolder(path.resolve('does-not-exist')).diagnostics[0].message).toContain('No program found');
  });
});

describe('loadAllPrograms', () => {
  it('loads and validates every shipped version', async () => {
    const all = await loadAllPrograms(path.resolve('programs'));
    expect(all.length).toBeGreaterThanOrEqual(4);
    for (const v of all) {
      expect(
        v.diagnostics.filter((d) => d.severity === 'error'),
        v.dir,
      ).toEqual([]);
      expect(v.program?.id).toBeTruthy();
    }
  });

  it('marks versions of broken folders as not loaded', async () => {
    const all = await loadAllPrograms(path.resolve('tests/fixtures/broken'));
    const byDir = Object.fromEntries(all.map((v) => [path.basename(v.dir), v]));
    expect(byDir['json-syntax'].program).toBeUndefined();
    expect(byDir['json-syntax'].diagnostics[0].code).toBe('document.json-syntax');
    expect(byDir['unknown-fact'].program).toBeUndefined();
  });
});
