/**
 * `instantiate`: a template filled with a guided start's choices is a complete, valid program that passes the
 * template's cases; translations are kept only for the chosen languages and never made up; the start date moves the
 * template's own dated values and the cases; bad choices are refused at the field they name, in English and Spanish.
 */
import { describe, expect, it } from 'vitest';
import { compile, instantiate, runTests, suggestId, TEMPLATE_MESSAGES, validate, type Program } from '../../engine/index.ts';
import { findTemplate } from '../../runtime/fs/templates.ts';

const foodParcel = findTemplate('food-parcel')!.doc;
const choices = { id: 'harbour-pantry', title: 'Harbour Pantry parcels', owner: 'Harbour Pantry', languages: ['en', 'es'] };

describe('instantiate', () => {
  it('sets the id, title, organisation and version, and the result validates and passes the template cases', () => {
    const { program, diagnostics } = instantiate(foodParcel, choices);
    expect(diagnostics).toEqual([]);
    expect(program).toMatchObject({ id: 'harbour-pantry', title: 'Harbour Pantry parcels', owner: { name: 'Harbour Pantry' }, version: 1 });
    expect(program!.languages).toEqual(['en', 'es']);
    const { compiled, diagnostics: found } = compile(program);
    expect(found.filter((d) => d.severity === 'error')).toEqual([]);
    // The new title and organisation have no Spanish yet: those are the things left to translate, said, not invented.
    expect(found.map((d) => `${d.code} ${d.path}`).sort()).toEqual(['translation.missing /owner/name', 'translation.missing /title']);
    expect(program!.translations?.es?.['/title']).toBeUndefined();
    expect(runTests(compiled!).failed).toBe(0);
    expect(Object.isFrozen(foodParcel) && foodParcel.id).toBe('food-parcel');
  });

  it('uses the Spanish name when given, leaving nothing to translate', () => {
    const { program } = instantiate(foodParcel, {
      ...choices,
      titleTranslations: { es: 'Paquetes de Harbour Pantry' },
      ownerTranslations: { es: 'Despensa de Harbour' },
    });
    expect(program!.translations?.es?.['/owner/name']).toEqual({ text: 'Despensa de Harbour', source: 'Harbour Pantry' });
    // Recorded with the English it translates, so it is current (not "not checked").
    expect(program!.translations?.es?.['/title']).toEqual({ text: 'Paquetes de Harbour Pantry', source: program!.title });
    expect(validate(program).diagnostics).toEqual([]);
  });

  it('keeps the template title translation when the title is the template one', () => {
    const { program } = instantiate(foodParcel, { ...choices, title: foodParcel.title, owner: foodParcel.owner.name });
    expect(program!.translations?.es?.['/title']).toBe(foodParcel.translations!.es['/title']);
    expect(validate(program).diagnostics).toEqual([]);
  });

  it('English only: no translations at all, and nothing to warn about', () => {
    const { program } = instantiate(foodParcel, { ...choices, languages: ['en'] });
    expect(program!.languages).toEqual(['en']);
    expect(program!.translations).toBeUndefined();
    expect(validate(program).diagnostics).toEqual([]);
  });

  it('a chosen language the template has no texts for gets no made-up translations: its texts show as missing', () => {
    const englishOnly: Program = { ...structuredClone(foodParcel), languages: ['en'], translations: undefined };
    const { program } = instantiate(englishOnly, choices);
    expect(program!.languages).toEqual(['en', 'es']);
    expect(program!.translations).toBeUndefined();
    const missing = validate(program).diagnostics.filter((d) => d.code === 'translation.missing');
    expect(missing.length).toBeGreaterThan(20);
    expect(missing.every((d) => d.params?.lang === 'es')).toBe(true);
  });

  it("a later start date moves the template's own values and the cases, not the federal figures", () => {
    const { program } = instantiate(foodParcel, { ...choices, effectiveFrom: '2026-12-01' });
    expect(program!.effectiveFrom).toBe('2026-12-01');
    expect(Object.keys(program!.parameters.parcel_size_kg.values)).toEqual(['2026-12-01']);
    expect(Object.keys(program!.parameters.poverty_guideline.values)).toEqual(['2026-01-13']);
    expect(new Set(program!.tests!.map((t) => t.date))).toEqual(new Set(['2026-12-01']));
    const { compiled, diagnostics } = compile(program);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(runTests(compiled!).failed).toBe(0);
  });

  it('does not move a value past a later one already in force', () => {
    const template = structuredClone(foodParcel) as Program;
    (template.parameters.decision_days.values as Record<string, unknown>)['2026-06-01'] = 10;
    const { program } = instantiate(template, { ...choices, effectiveFrom: '2026-09-01' });
    expect(program!.parameters.decision_days.values).toEqual({ '2026-02-01': 14, '2026-06-01': 10 });
  });

  it('refuses unusable choices, each at its field, with words in English and Spanish', () => {
    const { program, diagnostics } = instantiate(foodParcel, {
      id: 'Harbour Pantry',
      title: ' ',
      owner: '',
      languages: ['es', 'fr', 'es'],
      effectiveFrom: '2025-06-01',
      titleTranslations: { de: 'Paket' },
    });
    expect(program).toBeUndefined();
    expect(diagnostics.map((d) => `${d.path} ${d.code}`)).toEqual([
      '/id template.id-pattern',
      '/title template.text-empty',
      '/owner template.text-empty',
      '/languages/1 template.language-unknown',
      '/languages/2 template.language-repeated',
      '/languages template.language-english',
      '/titleTranslations/de template.title-translation-language',
      '/effectiveFrom template.date-too-early',
    ]);
    expect(diagnostics[0].message).toBe(
      'The program id "Harbour Pantry" cannot be used: an id is at most 64 lowercase letters, digits and hyphens, starting with a letter or digit, e.g. "food-parcel".',
    );
    expect(diagnostics[7].message).toContain('Choose 2026-02-01 or a later date');
    expect(instantiate(foodParcel, { ...choices, effectiveFrom: '2026-02-30' }).diagnostics[0].code).toBe('template.date-invalid');
    for (const d of diagnostics) {
      const es = TEMPLATE_MESSAGES.render(d.code as never, d.params, 'es');
      expect(es).not.toBe(d.message);
      expect(es).not.toMatch(/undefined|NaN|\[object Object\]/);
    }
  });

  it('suggests an id from a name', () => {
    expect(suggestId('Banco de Alimentos Núñez')).toBe('banco-de-alimentos-nunez');
    expect(suggestId('  Rent help — 2027! ')).toBe('rent-help-2027');
    expect(suggestId('¿?')).toBe('');
  });
});
