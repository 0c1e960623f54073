/**
 * Translations that remember what they translated: both written forms read alike through `translationOf` (in
 * `localize`, evaluation texts and the diff); validation reports a stale one (recorded source ≠ English now) as a
 * warning and plain strings once per language as a note; `stampTranslations` records the sources of plain strings
 * and leaves recorded ones, current or stale, alone.
 */
import { describe, expect, it } from 'vitest';
import {
  compile,
  diff,
  evaluate,
  formatDiff,
  localize,
  stampTranslations,
  translationOf,
  translationStatus,
  validate,
  type Diagnostic,
  type Program,
} from '../../engine/index.ts';
import { baseProgram } from './base-program.ts';

/** A program whose translations and form may be given any shape (to write malformed or older forms). */
type Doc = Program & { translations: Record<string, Record<string, any>>; form: any };

const find = (diagnostics: Diagnostic[], code: string): Diagnostic[] => diagnostics.filter((d) => d.code === code);

/** The base program with every Spanish translation written as a plain string (the older form). */
function plainProgram(): Program {
  const p = baseProgram();
  p.translations = {
    es: Object.fromEntries(Object.entries(p.translations!.es).map(([k, v]) => [k, translationOf(p.translations!.es, k)?.text ?? String(v)])),
  };
  return p;
}

describe('translationOf: the one reader of both forms', () => {
  it('reads a plain string and a recorded translation, and treats an empty text as none', () => {
    const table = { '/a': 'Hola', '/b': { text: 'Adiós', source: 'Bye' }, '/c': '', '/d': { text: '', source: 'Empty' } };
    expect(translationOf(table, '/a')).toEqual({ text: 'Hola' });
    expect(translationOf(table, '/b')).toEqual({ text: 'Adiós', source: 'Bye' });
    expect(translationOf(table, '/c')).toBeUndefined();
    expect(translationOf(table, '/d')).toBeUndefined();
    expect(translationOf(table, '/nothing')).toBeUndefined();
    expect(translationOf(undefined, '/a')).toBeUndefined();
  });

  it('localizes from either form alike', () => {
    const recorded = localize(baseProgram(), 'es');
    const plain = localize(plainProgram(), 'es');
    expect(recorded.title).toBe('ES Food help');
    expect(recorded.rules[0].title).toBe('ES Income test');
    expect({ ...plain, translations: undefined }).toEqual({ ...recorded, translations: undefined });
  });

  it('words the determination in the language from a recorded translation', () => {
    const { compiled } = compile(baseProgram());
    const d = evaluate(compiled!, { members: [{ name: 'A', income: 500 }], rent: 0, county: 'North' }, { asOf: '2025-03-01', lang: 'es' });
    expect(d.reasons.find((r) => r.rule === 'income')?.title).toBe('ES Income test');
  });

  it('is accepted by the format in both forms, and a recorded translation needs both text and source', () => {
    expect(validate(plainProgram()).diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const p = baseProgram() as Doc;
    p.translations.es['/title'] = { text: 'Ayuda' };
    p.translations.es['/description'] = 42;
    const diagnostics = validate(p).diagnostics;
    // One precise error per problem, not one per branch of the two forms.
    expect(diagnostics.filter((d) => d.path === '/translations/es/~1title')).toMatchObject([
      { code: 'schema.required', severity: 'error', params: { property: 'source' } },
    ]);
    expect(diagnostics.filter((d) => d.path === '/translations/es/~1description')).toMatchObject([{ code: 'schema.type', severity: 'error' }]);
  });
});

describe('validation of translations', () => {
  it('reports a translation whose English text changed as stale, naming the language, pointer, old and new source', () => {
    const p = baseProgram();
    p.rules[0].title = 'Monthly income test';
    const stale = find(validate(p).diagnostics, 'translation.stale');
    expect(stale).toHaveLength(1);
    expect(stale[0]).toMatchObject({
      severity: 'warning',
      path: '/translations/es/~1rules~10~1title',
      params: { lang: 'es', pointer: '/rules/0/title', before: 'Income test', after: 'Monthly income test', text: 'ES Income test' },
    });
    expect(stale[0].message).toBe(
      'The es translation of /rules/0/title was written for the English "Income test", but that text is now "Monthly income test", so "ES Income test" may no longer say the same. Translate the new text and set its "source" to the new English (the studio\'s Translations tab does both); if the translation is still correct, only set "source" ("Mark as still correct" in the studio).',
    );
  });

  it('escapes "/" and "~" of the translated pointer in the diagnostic path', () => {
    const p = baseProgram() as Doc;
    p.form.schema.properties['a/b~c'] = { type: 'string', title: 'Odd name' };
    p.translations!.es['/form/schema/properties/a~1b~0c/title'] = { text: 'Nombre raro', source: 'Old odd name' };
    const stale = find(validate(p).diagnostics, 'translation.stale');
    expect(stale.map((d) => d.path)).toEqual(['/translations/es/~1form~1schema~1properties~1a~01b~00c~1title']);
  });

  it('notes once per language that plain-string translations cannot be checked, saying how to fix it', () => {
    const p = plainProgram();
    p.rules[0].title = 'Monthly income test';
    const diagnostics = validate(p).diagnostics;
    expect(find(diagnostics, 'translation.stale')).toEqual([]);
    const notes = find(diagnostics, 'translation.source-unrecorded');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ severity: 'info', path: '/translations/es', params: { lang: 'es' } });
    expect(notes[0].params?.count).toBe(Object.keys(p.translations!.es).length);
    expect(notes[0].message).toContain('mandate translations stamp <program-folder>');
    expect(notes[0].message).toMatch(/^translations\.es has \d+ plain-string translations, which record no English source/);
  });

  it('keeps reporting missing translations at the English text, whichever form the others take', () => {
    const p = baseProgram() as Doc;
    delete p.translations.es['/rules/0/title'];
    expect(find(validate(p).diagnostics, 'translation.missing').map((d) => d.path)).toEqual(['/rules/0/title']);
    const q = plainProgram();
    delete q.translations!.es['/title'];
    expect(find(validate(q).diagnostics, 'translation.missing').map((d) => d.path)).toEqual(['/title']);
  });

  it('gives each text its state: missing, stale, unchecked or current', () => {
    const p = baseProgram() as Doc;
    p.title = 'New title';
    delete p.translations.es['/description'];
    p.translations.es['/rules/0/title'] = 'Prueba de ingresos';
    const byPointer = new Map(translationStatus(p, 'es').map((s) => [s.pointer, s]));
    expect(byPointer.get('/title')).toEqual({ pointer: '/title', english: 'New title', state: 'stale', text: 'ES Food help', source: 'Food help' });
    expect(byPointer.get('/description')?.state).toBe('missing');
    expect(byPointer.get('/rules/0/title')).toEqual({
      pointer: '/rules/0/title',
      english: 'Income test',
      state: 'unchecked',
      text: 'Prueba de ingresos',
    });
    expect(byPointer.get('/rules/1/title')?.state).toBe('current');
  });
});

describe('stampTranslations', () => {
  it('records the current English of plain strings, leaves stale and current ones, and counts each kind', () => {
    const p = plainProgram() as Doc;
    const total = Object.keys(p.translations.es).length;
    p.translations.es['/rules/0/title'] = { text: 'Prueba vieja', source: 'Old income test' };
    p.translations.es['/rules/1/title'] = { text: 'Prueba del condado', source: p.rules[1].title };
    delete p.translations.es['/description'];
    p.translations.es['/rules/0/titel'] = 'Nada';
    const { translations, counts } = stampTranslations(p);
    expect(counts.es).toEqual({ stamped: total - 3, current: 1, stale: 1, missing: 1 });
    expect(translations.es['/title']).toEqual({ text: 'ES Food help', source: 'Food help' });
    expect(translations.es['/rules/0/title']).toEqual({ text: 'Prueba vieja', source: 'Old income test' });
    expect(translations.es['/rules/0/titel']).toBe('Nada');
    expect(Object.keys(translations.es)).toEqual(Object.keys(p.translations.es));
    const stamped = { ...p, translations };
    const codes = validate(stamped).diagnostics.map((d) => d.code);
    expect(codes).toContain('translation.stale');
    expect(codes).not.toContain('translation.source-unrecorded');
  });
});

describe('diff of translations in either form', () => {
  it('shows a text change, and a source recorded or confirmed without a text change', () => {
    const a = plainProgram();
    const b = baseProgram() as Doc;
    b.translations.es['/rules/0/title'] = { text: 'Prueba de ingresos', source: 'Income test' };
    b.translations.es['/rules/1/title'] = { text: 'ES County served', source: 'County served (new)' };
    const text = formatDiff(diff(a, b));
    expect(text).toContain('es text for /rules/0/title: "ES Income test" → "Prueba de ingresos"');
    expect(text).toContain('es text for /rules/1/title now records that it translates "County served (new)"');
    expect(text).toContain('es text for /title now records that it translates "Food help"');
    expect([...diff(baseProgram(), baseProgram())]).toEqual([]);
  });
});
