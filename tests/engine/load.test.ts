/**
 * The pure load step (engine/load/folder.ts): a folder as a map of file texts → documents with a file map, and
 * `folderFiles` as its inverse, checked on every shipped program; the module stays browser-safe.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleFolder, folderFiles, locate } from '../../engine/index.ts';
import { loadAllPrograms, readFolderFiles } from '../../runtime/fs/program-folder.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('load: files → document', () => {
  it('writes every shipped version as files that assemble back into the same document', async () => {
    const versions = await loadAllPrograms(path.join(ROOT, 'programs'));
    expect(versions.length).toBeGreaterThan(2);
    for (const v of versions) {
      const again = assembleFolder(folderFiles(v.doc), 'memory');
      expect(again.diagnostics, v.dir).toEqual([]);
      expect(again.versions[0].doc, v.dir).toEqual(v.doc);
    }
  });

  it('assembles what the disk loader read, with the same file map', () => {
    const dir = path.join(ROOT, 'programs/emergency-rental-assistance');
    const files = readFolderFiles(dir);
    expect(Object.keys(files).sort()).toContain('tests/cases.json');
    const { versions } = assembleFolder(files, dir);
    expect(locate(versions[0].fileMap, '/parameters/arrears_cap/values')).toEqual({
      file: 'parameters.json',
      filePath: '/parameters/arrears_cap/values',
    });
    expect(locate(versions[0].fileMap, '/tests/0/expected')).toEqual({ file: 'tests/cases.json', filePath: '/0/expected' });
  });

  it('reports JSON syntax errors and misshapen files by file name, and a folder without program.json', () => {
    const { versions, diagnostics } = assembleFolder({ 'program.json': '{"id": "x"}', 'rules.json': '{"rules": [', 'tests/a.json': '{}' }, 'memory');
    expect(versions[0].unreadable).toEqual(['rules']);
    expect(diagnostics.map((d) => [d.code, d.file])).toEqual([
      ['document.json-syntax', 'rules.json'],
      ['document.file-shape', 'tests/a.json'],
    ]);
    expect(assembleFolder({ 'README.json': '{}' }, 'the zip').diagnostics[0].message).toContain('No program found in the zip');
  });

  it('imports nothing from node: (the studio runs it in the browser)', () => {
    expect(readFileSync(path.join(ROOT, 'engine/load/folder.ts'), 'utf8')).not.toMatch(/from ['"]node:/);
  });
});
