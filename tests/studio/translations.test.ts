/**
 * The translations grid's pure part: rows from the engine's translatable texts, grouped by part and named by the
 * definition's own names, with each language's state; the edits it makes record the English source; a new language
 * is validated and added with every text missing.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate } from '../../engine/index.ts';
import { loadProgramFolder } from '../../runtime/fs/program-folder.ts';
import {
  countsOf,
  gridOf,
  languageProblem,
  markCurrent,
  rowShown,
  translationPointer,
  withLanguage,
  withoutTranslation,
  withSourcesRecorded,
  withTranslation,
} from '../../studio/src/builders/translations/grid.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const foodBank = () => structuredClone(loadProgramFolder(path.join(ROOT, 'programs/community-food-bank')).versions[0].doc) as Record<string, any>;

describe('the translations grid of a definition', () => {
  it('has a row per translatable text, grouped by part and named by the definition, all Spanish up to date', () => {
    const grid = gridOf(foodBank());
    expect(grid.languages).toEqual(['es']);
    expect(grid.strays).toEqual([]);
    const row = (pointer: string) => grid.rows.find((r) => r.pointer === pointer)!;
    expect(row('/title')).toMatchObject({ group: 'program', kind: 'title', owner: '' });
    expect(row('/form/schema/properties/name/title')).toMatchObject({ group: 'questions', kind: 'title', owner: 'name', english: 'Your name' });
    expect(row('/form/uiSchema/zipCode/ui:help')).toMatchObject({ group: 'questions', kind: 'help', owner: 'zipCode' });
    expect(row('/form/pages/1/description')).toMatchObject({ group: 'pages', kind: 'description' });
    expect(row('/form/schema/title')).toMatchObject({ group: 'pages', kind: 'title', owner: '' });
    expect(row('/rules/0/messages/fail')).toMatchObject({ group: 'rules', kind: 'fail' });
    expect(row('/workflow/transitions/0/guard/message')).toMatchObject({ group: 'workflow', kind: 'guard' });
    expect(countsOf(grid, 'es')).toEqual({ missing: 0, stale: 0, unchecked: 0, current: grid.rows.length });
  });

  it('marks a translation stale when its English changes, and "Mark as still correct" records the new English', () => {
    const doc = foodBank();
    doc.form.schema.properties.name.title = 'Your full name';
    const grid = gridOf(doc);
    const row = grid.rows.find((r) => r.pointer === '/form/schema/properties/name/title')!;
    expect(row.cells.es).toMatchObject({ state: 'stale', source: 'Your name', text: 'Su nombre', english: 'Your full name' });
    expect(rowShown(row, 'stale', ['es'])).toBe(true);
    expect(grid.rows.filter((r) => rowShown(r, 'stale', ['es']))).toHaveLength(1);
    const marked = markCurrent(doc, 'es', row) as Record<string, any>;
    expect(marked.translations.es['/form/schema/properties/name/title']).toEqual({ text: 'Su nombre', source: 'Your full name' });
    expect(countsOf(gridOf(marked), 'es').stale).toBe(0);
    expect(validate(marked).diagnostics.filter((d) => d.code === 'translation.stale')).toEqual([]);
    // The document is not changed in place, and its key order is kept.
    expect(doc.translations.es['/form/schema/properties/name/title'].source).toBe('Your name');
    expect(Object.keys(marked)).toEqual(Object.keys(doc));
  });

  it('writes an edited cell with the current English as its source; an emptied cell becomes missing', () => {
    const doc = foodBank();
    const edited = withTranslation(doc, 'es', '/title', 'Paquetes semanales', 'Community food bank weekly parcels') as Record<string, any>;
    expect(edited.translations.es['/title']).toEqual({ text: 'Paquetes semanales', source: 'Community food bank weekly parcels' });
    const emptied = withTranslation(edited, 'es', '/title', '', 'Community food bank weekly parcels') as Record<string, any>;
    expect('/title' in emptied.translations.es).toBe(false);
    const row = gridOf(emptied).rows.find((r) => r.pointer === '/title')!;
    expect(row.cells.es.state).toBe('missing');
    expect(rowShown(row, 'missing', ['es'])).toBe(true);
    expect(validate(emptied).diagnostics.map((d) => d.code)).toEqual(['translation.missing']);
  });

  it('names the place of a translation as the engine does, "/" in the translated pointer escaped as "~1"', () => {
    expect(translationPointer('es', '/form/schema/properties/name/title')).toBe('/translations/es/~1form~1schema~1properties~1name~1title');
    const doc = foodBank();
    doc.form.schema.properties.name.title = 'Your full name';
    const stale = validate(doc).diagnostics.find((d) => d.code === 'translation.stale')!;
    expect(stale.path).toBe(translationPointer('es', '/form/schema/properties/name/title'));
  });

  it('lists translations of texts that no longer exist, and removes them', () => {
    const doc = foodBank();
    doc.translations.es['/rules/0/titel'] = 'Prueba';
    expect(gridOf(doc).strays).toEqual([{ lang: 'es', pointer: '/rules/0/titel' }]);
    expect(gridOf(withoutTranslation(doc, 'es', '/rules/0/titel')).strays).toEqual([]);
  });

  it('marks every not-checked translation of a language as still correct, leaving stale ones stale', () => {
    const doc = foodBank();
    for (const [k, v] of Object.entries(doc.translations.es as Record<string, { text: string }>)) doc.translations.es[k] = v.text;
    doc.translations.es['/title'] = { text: 'Paquetes', source: 'Old title' };
    expect(countsOf(gridOf(doc), 'es')).toMatchObject({ unchecked: gridOf(doc).rows.length - 1, stale: 1 });
    const marked = withSourcesRecorded(doc, 'es') as Record<string, any>;
    expect(countsOf(gridOf(marked), 'es')).toMatchObject({ unchecked: 0, stale: 1, current: gridOf(doc).rows.length - 1 });
    expect(marked.translations.es['/form/schema/properties/name/title']).toEqual({ text: 'Su nombre', source: 'Your name' });
    expect(Object.keys(marked.translations.es)).toEqual(Object.keys(doc.translations.es));
  });

  it('adds a language after checking its code, with every text missing', () => {
    const doc = foodBank();
    expect(languageProblem(doc, 'French')).toBe('format');
    expect(languageProblem(doc, 'FR')).toBe('format');
    expect(languageProblem(doc, 'en')).toBe('english');
    expect(languageProblem(doc, 'es')).toBe('present');
    expect(languageProblem(doc, 'pt-BR')).toBeUndefined();
    const added = withLanguage(doc, 'fr') as Record<string, any>;
    expect(added.languages).toEqual(['en', 'es', 'fr']);
    expect(added.translations.fr).toEqual({});
    const grid = gridOf(added);
    expect(grid.languages).toEqual(['es', 'fr']);
    expect(countsOf(grid, 'fr')).toEqual({ missing: grid.rows.length, stale: 0, unchecked: 0, current: 0 });
    expect(validate(added).diagnostics.filter((d) => d.code === 'translation.missing')).toHaveLength(grid.rows.length);
  });
});
