import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash, localize, translatableTexts, typeName, types } from '../../engine/index.ts';
import { baseProgram } from './base-program.ts';

describe('contentHash', () => {
  it('is the sha256 of the canonical JSON, stable across key order and formatting', () => {
    expect(contentHash({})).toBe('44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
    expect(contentHash({ b: 1, a: [1, 'x', { d: true, c: null }] })).toBe(contentHash(JSON.parse('{"a":[1,"x",{"c":null,"d":true}],  "b":1}')));
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it('changes when any value changes', () => {
    const a = baseProgram();
    const b = baseProgram();
    b.parameters.max_benefit.values['2025-01-01'] = 301;
    expect(contentHash(a)).toBe(contentHash(baseProgram()));
    expect(contentHash(a)).not.toBe(contentHash(b));
  });
});

describe('i18n', () => {
  it('lists the translatable texts by pointer', () => {
    const pointers = translatableTexts(baseProgram()).map((t) => t.pointer);
    expect(pointers).toContain('/title');
    expect(pointers).toContain('/form/schema/properties/members/items/properties/income/title');
    expect(pointers).toContain('/form/uiSchema/rent/ui:help');
    expect(pointers).toContain('/rules/0/waiver/message');
    expect(pointers).toContain('/workflow/transitions/1/guard/message');
    expect(pointers).toContain('/workflow/deadlines/0/title');
    expect(pointers).not.toContain('/parameters/max_benefit/description');
  });

  it('localizes texts and falls back to English for untranslated ones', () => {
    const program = baseProgram();
    program.translations = { es: { '/title': 'Ayuda alimentaria', '/rules/0/messages/fail': 'Sus ingresos de {income} superan el límite.' } };
    const es = localize(program, 'es');
    expect(es.title).toBe('Ayuda alimentaria');
    expect(es.rules[0].messages.fail).toBe('Sus ingresos de {income} superan el límite.');
    expect(es.rules[0].title).toBe('Income test');
    expect(program.title).toBe('Food help');
    expect(localize(program, 'en')).toEqual(program);
    expect(localize(program, 'fr').title).toBe('Food help');
  });
});

describe('types', () => {
  it('names the answers type after the program id', () => {
    expect(typeName('us-snap')).toBe('UsSnapApplication');
    expect(typeName('community-food-bank')).toBe('CommunityFoodBankApplication');
  });

  it('generates TypeScript declarations of the form answers', async () => {
    const text = await types(baseProgram());
    expect(text).toContain('export interface TestFoodHelpApplication {');
    expect(text).toMatch(/members: \[Member, \.\.\.Member\[\]\];/);
    expect(text).toContain('rent: number;');
    expect(text).toContain('county?: string;');
    expect(text).toContain('export interface Member {');
    expect(text).toContain('Monthly income');
  });
});
