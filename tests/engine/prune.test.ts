import { describe, expect, it } from 'vitest';
import { pruneHidden } from '../../engine/compile/prune.ts';

describe('pruneHidden', () => {
  it('keeps the then-branch answers only when the if holds (else-branch likewise)', () => {
    const schema = {
      type: 'object',
      properties: { works: { type: 'boolean', title: 'Works' } },
      if: { properties: { works: { const: true } }, required: ['works'] },
      then: { properties: { wages: { type: 'number', title: 'Wages' } } },
      else: { properties: { reason: { type: 'string', title: 'Why not' } } },
    };
    expect(pruneHidden(schema, { works: true, wages: 10, reason: 'x' })).toEqual({ works: true, wages: 10 });
    expect(pruneHidden(schema, { works: false, wages: 10, reason: 'x' })).toEqual({ works: false, reason: 'x' });
    expect(pruneHidden(schema, { wages: 10 })).toEqual({});
  });
  it('resolves dependencies (schema form and RJSF oneOf form) and allOf', () => {
    const schema = {
      type: 'object',
      properties: { pet: { type: 'string', title: 'Pet', enum: ['dog', 'none'] }, car: { type: 'boolean', title: 'Car' } },
      dependencies: {
        car: { properties: { carValue: { type: 'number', title: 'Car value' } } },
        pet: {
          oneOf: [
            { properties: { pet: { const: 'dog' }, dogName: { type: 'string', title: 'Dog name' } } },
            { properties: { pet: { const: 'none' } } },
          ],
        },
      },
      allOf: [
        { if: { properties: { car: { const: true } }, required: ['car'] }, then: { properties: { plate: { type: 'string', title: 'Plate' } } } },
      ],
    };
    expect(pruneHidden(schema, { pet: 'dog', dogName: 'Rex', carValue: 5, plate: 'A' })).toEqual({ pet: 'dog', dogName: 'Rex' });
    expect(pruneHidden(schema, { pet: 'none', dogName: 'Rex', car: true, carValue: 5, plate: 'A' })).toEqual({
      pet: 'none',
      car: true,
      carValue: 5,
      plate: 'A',
    });
  });
  it('prunes inside array items and nested objects, and drops undeclared properties', () => {
    const schema = {
      type: 'object',
      properties: {
        members: {
          type: 'array',
          items: {
            type: 'object',
            properties: { student: { type: 'boolean', title: 'Student' } },
            if: { properties: { student: { const: true } }, required: ['student'] },
            then: { properties: { school: { type: 'string', title: 'School' } } },
          },
        },
      },
    };
    const data = {
      members: [
        { student: true, school: 'A' },
        { student: false, school: 'B', extra: 1 },
      ],
      other: 2,
    };
    expect(pruneHidden(schema, data)).toEqual({ members: [{ student: true, school: 'A' }, { student: false }] });
  });
  it('prunes inside an object a branch brings in; the first branch that declares its inside wins', () => {
    const schema = {
      type: 'object',
      properties: { kind: { type: 'string', title: 'Kind' } },
      if: { properties: { kind: { const: 'a' } }, required: ['kind'] },
      then: { properties: { detail: { type: 'object', title: 'Detail', properties: { x: { type: 'number', title: 'X' } } } } },
      allOf: [{ properties: { detail: { type: 'object', title: 'Detail' } } }],
    };
    expect(pruneHidden(schema, { kind: 'a', detail: { x: 1, y: 2 }, z: 3 })).toEqual({ kind: 'a', detail: { x: 1 } });
    expect(pruneHidden(schema, { kind: 'b', detail: { x: 1, y: 2 }, z: 3 })).toEqual({ kind: 'b', detail: { x: 1, y: 2 } });
    const kept = { kind: 'a', detail: { x: 1 } };
    expect(pruneHidden(schema, kept)).toBe(kept);
  });
  it('returns the same object when nothing is hidden, and never mutates its argument', () => {
    const schema = { type: 'object', properties: { a: { type: 'number', title: 'A' } } };
    const data = { a: 1 };
    expect(pruneHidden(schema, data)).toBe(data);
    const stale = { a: 1, b: 2 };
    pruneHidden(schema, stale);
    expect(stale).toEqual({ a: 1, b: 2 });
  });
});
