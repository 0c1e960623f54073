/**
 * The answer bounds a form implies (issue 14): which answers count as declared (branches, dependencies, local
 * references; open levels accept any), the text and list limits, and the byte bound (infinite for open or
 * self-nesting forms, never a blow-up on references back to an ancestor).
 */
import { describe, expect, it } from 'vitest';
import { answerBoundProblems, answerBytesBound, type JsonSchema } from '../../engine/index.ts';

const at = (schema: unknown, answers: unknown) => answerBoundProblems(schema as JsonSchema, answers).map((d) => `${d.code} ${d.path}`);

describe('answer bounds', () => {
  it('counts answers declared in any branch, dependency or local reference as declared, and names the others', () => {
    const schema = {
      type: 'object',
      $defs: { person: { type: 'object', properties: { name: { type: 'string', maxLength: 5 } } } },
      properties: { renter: { type: 'boolean' }, members: { type: 'array', maxItems: 2, items: { $ref: '#/$defs/person' } } },
      if: { properties: { renter: { const: true } } },
      then: { properties: { rent: { type: 'number' } } },
      dependencies: { rent: { properties: { landlord: { type: 'string' } } } },
    };
    expect(at(schema, { renter: false, rent: 1, landlord: 'x', members: [{ name: 'Ana' }] })).toEqual([]);
    expect(at(schema, { pet: 'cat', members: [{ name: 'Ana', age: 3 }] })).toEqual(['input.undeclared /pet', 'input.undeclared /members/0/age']);
    expect(at(schema, { members: [{ name: 'Anabelle' }, {}, {}] })).toEqual(['input.maxItems /members']);
    expect(at(schema, { members: [{ name: 'Anabelle' }] })).toEqual(['input.maxLength /members/0/name']);
  });

  it('accepts any answer where the form says so, within the default text limit', () => {
    const open = { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: true };
    expect(at(open, { b: { c: 1 } })).toEqual([]);
    expect(at(open, { b: 'x'.repeat(10_001) })).toEqual(['input.maxLength /b']);
    expect(answerBytesBound(open as JsonSchema)).toBe(Number.POSITIVE_INFINITY);
    expect(at({ type: 'object', properties: { a: { $ref: 'urn:elsewhere#/x' } } }, { a: { anything: true } })).toEqual([]);
  });

  it('bounds the JSON of the answers by the form, and a form that nests itself not at all, without blowing up', () => {
    const small = { type: 'object', properties: { n: { type: 'integer' }, s: { type: 'string', maxLength: 10 }, ok: { type: 'boolean' } } };
    const bound = answerBytesBound(small as JsonSchema);
    expect(bound).toBeGreaterThan(JSON.stringify({ n: -123456789012, s: '\u0000'.repeat(10), ok: false }).length);
    expect(bound).toBeLessThan(200);
    const tree = {
      type: 'object',
      properties: { kids: { type: 'array', items: { $ref: '#' } } },
      allOf: [{ $ref: '#' }, { $ref: '#' }, { $ref: '#' }],
    };
    expect(answerBytesBound(tree as JsonSchema)).toBe(Number.POSITIVE_INFINITY);
    expect(at(tree, { kids: [{ kids: [{ x: 1 }] }] })).toEqual(['input.undeclared /kids/0/kids/0/x']);
  });

  it('words each problem in English and Spanish with the field title it is given', () => {
    const [en] = answerBoundProblems({ type: 'object', properties: {} } as JsonSchema, { pet: 1 });
    expect(en.message).toContain('/pet');
    const [es] = answerBoundProblems(
      { type: 'object', properties: { n: { type: 'string', maxLength: 1 } } } as JsonSchema,
      { n: 'ab' },
      {
        lang: 'es',
        title: () => 'Nombre',
      },
    );
    expect(es.message).toBe('Nombre debe tener como máximo 1 caracteres.');
  });
});
