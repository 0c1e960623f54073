/**
 * The columnar reader against the door it replaces (`compileInput().prepare` without its quick check: pruning,
 * then ajv): on every submission it must accept exactly those the validator finds clean (no errors, nothing
 * missing), and the values it writes must be the ones extraction reads from the pruned data; prepare's quick check
 * must give the same verdict. Checked on the benchmark program's households
 * (complete, incomplete, invalid, with hidden answers) and on a form using every keyword of the reader's subset,
 * with seeded random submissions built from awkward values.
 */
import { describe, expect, it } from 'vitest';
import { compileInput } from '../../engine/compile/input.ts';
import { columnarPlan, viewKey, type View } from '../../engine/evaluate/columnar/plan.ts';
import { extractor } from '../../engine/evaluate/columnar/extract.ts';
import { quickCheck, readerFor, type Reader } from '../../engine/evaluate/columnar/reader.ts';
import type { Chunk, Kind } from '../../engine/evaluate/columnar/columns.ts';
import type { JsonSchema } from '../../engine/format/types.ts';
import { households, prng } from '../../bench/households.ts';
import { loadBenchProgram } from '../../bench/program.ts';

function emptyChunk(): Chunk {
  return { n: 0, m: 0, offsets: new Int32Array(2), owner: new Int32Array(64), house: new Map(), member: new Map(), derived: [] };
}

/**
 * Reads `input` alone and compares with prepare + extraction. Returns whether the reader accepted it.
 */
function compare(
  reader: Reader,
  prepare: (input: unknown) => { data: Record<string, unknown>; errors: unknown[]; missing: unknown[] },
  inputs: ReadonlyMap<string, Kind>,
  list: string | null,
  fields: ReadonlyMap<string, Kind>,
  input: unknown,
  label: string,
  views: ReadonlyMap<string, View> = new Map(),
): boolean {
  reader.startChunk();
  const end = reader.read(input, 0, 0);
  const prepared = prepare(input);
  const clean = prepared.errors.length === 0 && prepared.missing.length === 0;
  expect(
    end >= 0,
    `${label}: reader ${end >= 0 ? 'accepted' : 'refused'}, validator found ${clean ? 'it clean' : JSON.stringify([prepared.errors, prepared.missing])}`,
  ).toBe(clean);
  if (end < 0) return false;
  const chunk = emptyChunk();
  const rowBad = new Uint8Array(1);
  extractor(inputs, list, fields, views).fill(chunk, [prepared.data], 1, rowBad);
  expect(rowBad[0], label).toBe(0);
  expect(end, `${label}: member count`).toBe(chunk.m);
  [...inputs.keys()].forEach((name, k) => {
    const want = chunk.house.get(name)!;
    expect(reader.house[k].bad[0], `${label}: ${name} bad`).toBe(want.bad[0]);
    if (!want.bad[0]) expect(reader.house[k].v[0], `${label}: ${name}`).toBe(want.v[0]);
  });
  [...views.keys()].forEach((key, k) => {
    const want = chunk.house.get(key)!;
    const name = JSON.stringify(views.get(key));
    expect(reader.views[k].bad[0], `${label}: view ${name} bad`).toBe(want.bad[0]);
    if (!want.bad[0]) expect(reader.views[k].v[0], `${label}: view ${name}`).toBe(want.v[0]);
  });
  [...fields.keys()].forEach((name, k) => {
    const want = chunk.member.get(name)!;
    for (let j = 0; j < chunk.m; j++) {
      expect(reader.member[k].bad[j], `${label}: member ${j} ${name} bad`).toBe(want.bad[j]);
      if (!want.bad[j]) expect(reader.member[k].v[j], `${label}: member ${j} ${name}`).toBe(want.v[j]);
      expect(reader.owner[j]).toBe(0);
    }
  });
  return true;
}

describe('columnar reader', () => {
  const { compiled, asOf, source } = loadBenchProgram();
  const plan = columnarPlan(compiled, asOf)!;

  it(`reads ${source}'s form`, () => {
    expect(readerFor(compiled.input.schema, plan.inputs, plan.list, plan.fields, 512, plan.views).reason).toBeNull();
  });

  it('accepts exactly the households the validator finds clean, and reads what extraction reads (6,000 households)', () => {
    const { reader } = readerFor(compiled.input.schema, plan.inputs, plan.list, plan.fields, 512, plan.views);
    const ajvOnly = compileInput(compiled.input.schema, undefined, { quickCheck: false });
    const quick = quickCheck(compiled.input.schema)!;
    const rnd = prng(7);
    const all: unknown[] = [
      ...households(2000, 11),
      ...households(2000, 12, { missingRate: 0.05, invalidRate: 0.03 }),
      ...households(2000, 13, { missingRate: 0.01 }),
    ];
    // Damage some households in ways the generator does not: wrong types, nulls, extra and hidden answers.
    const damage = [
      (h: any) => {
        h.rent = String(h.rent);
      },
      (h: any) => {
        h.members[0].disabled = null;
      },
      (h: any) => {
        h.members[0].dateOfBirth = '2023-02-29';
      },
      (h: any) => {
        h.members[0].name = '';
      },
      (h: any) => {
        h.members.push('someone');
      },
      (h: any) => {
        h.members = [];
      },
      (h: any) => {
        h.unknownAnswer = 12;
        h.members[0].nickname = 'x';
      },
      (h: any) => {
        h.hasMedicalCosts = false;
        h.medicalCosts = -5;
      },
      (h: any) => {
        h.hasMedicalCosts = true;
        delete h.medicalCosts;
      },
      (h: any) => {
        h.hasMedicalCosts = 'yes';
      },
      (h: any) => {
        h.assets = Infinity;
      },
      (h: any) => {
        delete h.members;
      },
      (h: any) => {
        h.otherUtilities = ['telephone', 'water'];
        h.homeless = true;
        h.freeShelter = false;
        h.applicationDate = '2024-02-29';
      },
      (h: any) => {
        h.otherUtilities = ['telephone', 'telephone'];
      },
      (h: any) => {
        h.otherUtilities = ['cable'];
      },
      (h: any) => {
        // Hidden: freeShelter is asked only of homeless households.
        h.homeless = false;
        h.freeShelter = true;
        h.heatingCoolingCosts = true;
        h.otherUtilities = [];
      },
      (h: any) => {
        h.applicationDate = '2025-02-29';
      },
    ];
    for (const h of all) if (rnd() < 0.3) damage[Math.floor(rnd() * damage.length)](h);
    let accepted = 0;
    all.forEach((h, i) => {
      const clean = compare(reader!, (x) => ajvOnly.prepare(x, false), plan.inputs, plan.list, plan.fields, h, `household ${i}`, plan.views);
      // prepare's quick check (the same validator without the column keywords) gives the same verdict.
      expect(quick(h), `household ${i}: quick check`).toBe(clean);
      if (clean) accepted++;
    });
    // Most households are clean; a reader that refused everything would be correct but useless.
    expect(accepted).toBeGreaterThan(3000);
  });

  // A form using every keyword of the subset, on awkward values.
  const schema: JsonSchema = {
    type: 'object',
    required: ['people', 'count', 'kind', 'agree'],
    properties: {
      people: {
        type: 'array',
        minItems: 1,
        maxItems: 3,
        items: {
          type: 'object',
          required: ['born'],
          properties: {
            born: { type: 'string', format: 'date' },
            pay: { type: 'number', minimum: 0, exclusiveMaximum: 1000 },
            student: { type: 'boolean' },
          },
          if: { properties: { student: { const: true } }, required: ['student'] },
          then: { properties: { school: { type: 'string', minLength: 2, maxLength: 4 } }, required: ['school'] },
        },
      },
      count: { type: 'integer', minimum: 1, maximum: 9 },
      ratio: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
      kind: { type: 'string', enum: ['a', 'b'] },
      code: { type: 'string', pattern: '^[A-Z]{2}\\d$' },
      agree: { type: 'boolean' },
      tags: { type: 'array', uniqueItems: true, items: { type: 'string', minLength: 1 } },
      choice: { type: 'string', oneOf: [{ const: 'a', title: 'A' }, { const: 'b' }] },
      address: { type: 'object', required: ['zip'], properties: { zip: { type: 'string', pattern: '^\\d{5}$' } } },
      mode: { type: 'string', enum: ['x', 'y'] },
    },
    if: { properties: { mode: { const: 'x' } }, required: ['mode'] },
    then: { properties: { extra: { type: 'number', minimum: 5 } }, required: ['extra'] },
    else: { properties: { other: { type: 'boolean' } } },
    allOf: [
      { if: { properties: { kind: { const: 'b' } }, required: ['kind'] }, then: { properties: { note: { type: 'number' } }, required: ['note'] } },
    ],
  };
  const inputs = new Map<string, Kind>([
    ['count', 'n'],
    ['ratio', 'n'],
    ['agree', 'b'],
    ['extra', 'n'],
    ['other', 'b'],
    ['note', 'n'],
  ]);
  const views = new Map<string, View>(
    (
      [
        { input: 'tags', op: 'set' },
        { input: 'tags', op: 'count' },
        { input: 'tags', op: 'has', value: 't' },
        { input: 'note', op: 'set' },
        { input: 'extra', op: 'set' },
        { input: 'choice', op: 'eq', value: 'a' },
        { input: 'other', op: 'eq', value: 'a' },
      ] as View[]
    ).map((v) => [viewKey(v), v]),
  );
  const fields = new Map<string, Kind>([
    ['born', 'd'],
    ['pay', 'n'],
    ['student', 'b'],
  ]);
  const awkward: unknown[] = [
    undefined,
    undefined,
    undefined,
    null,
    true,
    false,
    0,
    -0,
    1,
    1.5,
    5,
    9,
    10,
    -1,
    999.99,
    1000,
    NaN,
    Infinity,
    '',
    'a',
    'b',
    'x',
    'y',
    'AB1',
    'ab1',
    'AB12',
    '12345',
    '1234',
    '\u{1F600}',
    '\u{1F600}\u{1F600}',
    'é',
    'abcd',
    'abcde',
    '2024-02-29',
    '2023-02-29',
    '2024-13-01',
    '2024-1-01',
    '2024-01-01T00:00:00Z',
    [],
    ['t'],
    ['t', 't'],
    ['u', 't'],
    [''],
    {},
    { zip: '98101' },
    { zip: 98101 },
    { zip: '98101', more: 1 },
  ];

  it('agrees with prune + ajv on 20,000 random submissions to a form using every keyword of its subset', () => {
    const { reader, reason } = readerFor(schema, inputs, 'people', fields, 8, views);
    expect(reason).toBeNull();
    const input = compileInput(schema, undefined, { quickCheck: false });
    const quick = quickCheck(schema)!;
    const rnd = prng(99);
    const pick = (): unknown => awkward[Math.floor(rnd() * awkward.length)];
    // Mostly valid answers, so that both outcomes are common.
    const good = (key: string): unknown =>
      (
        ({
          count: 1 + Math.floor(rnd() * 9),
          ratio: rnd() * 0.9 + 0.05,
          kind: rnd() < 0.5 ? 'a' : 'b',
          code: 'CD4',
          agree: rnd() < 0.5,
          tags: ['t'],
          choice: 'a',
          note: 3,
          address: { zip: '12345' },
          mode: rnd() < 0.5 ? 'x' : 'y',
          extra: 6,
          other: true,
          born: '1990-05-17',
          pay: 120.5,
          student: rnd() < 0.3,
          school: 'abc',
        }) as Record<string, unknown>
      )[key];
    // The answers of the views (choice, note) more often good, so that enough submissions are clean.
    const value = (key: string): unknown => (rnd() < (key === 'choice' || key === 'note' ? 0.97 : 0.85) ? good(key) : pick());
    const person = (): unknown => {
      if (rnd() < 0.02) return pick();
      const p: Record<string, unknown> = {};
      for (const k of ['born', 'pay', 'student', 'school', 'junk']) {
        const v = value(k);
        if (v !== undefined) p[k] = v;
      }
      return p;
    };
    let accepted = 0;
    for (let n = 0; n < 20_000; n++) {
      const s: Record<string, unknown> = {};
      for (const k of ['count', 'ratio', 'kind', 'code', 'agree', 'tags', 'choice', 'address', 'mode', 'extra', 'other', 'note']) {
        const v = value(k);
        if (v !== undefined) s[k] = v;
      }
      if (rnd() < 0.97) s.people = rnd() < 0.03 ? pick() : Array.from({ length: Math.floor(rnd() * 5) }, person);
      const clean = compare(reader!, (x) => input.prepare(x, false), inputs, 'people', fields, s, `submission ${n}: ${JSON.stringify(s)}`, views);
      expect(quick(s), `submission ${n}: quick check`).toBe(clean);
      if (clean) accepted++;
    }
    expect(accepted).toBeGreaterThan(1000);
    expect(accepted).toBeLessThan(19_000);
  });

  it('refuses a submission without the member list even when the form does not require it', () => {
    // The kernels would take it for a household of no one; the scalar path finds the members unknown instead.
    const optional = { ...schema, required: (schema.required as string[]).filter((k) => k !== 'people') };
    const { reader } = readerFor(optional, inputs, 'people', fields, 8);
    const submission = { count: 2, kind: 'a', agree: true, mode: 'y' };
    expect(compileInput(optional, undefined, { quickCheck: false }).prepare(submission, false).errors).toEqual([]);
    reader!.startChunk();
    expect(reader!.read(submission, 0, 0)).toBe(-1);
    expect(reader!.read({ ...submission, people: [{ born: '1990-05-17' }] }, 0, 0)).toBe(1);
  });

  it('declines forms outside its subset, saying why', () => {
    const cases: [JsonSchema, string][] = [
      [{ ...schema, additionalProperties: false }, 'keyword additionalProperties'],
      [{ ...schema, properties: { ...(schema.properties as object), site: { type: 'string', format: 'uri' } } }, 'format uri'],
      [{ ...schema, properties: { ...(schema.properties as object), pick: { oneOf: [{ const: 1 }, { const: 2 }] } } }, 'keyword oneOf'],
      [{ ...schema, properties: { ...(schema.properties as object), both: { type: ['string', 'number'] } } }, 'no single primitive type'],
      [{ ...schema, if: { properties: { extra: { const: 1 } } } }, 'if tests extra, which is not declared beside it'],
      // Required, but declared only in the `then` branch: pruning removes a stale answer that ajv would accept.
      [{ ...schema, required: [...(schema.required as string[]), 'extra'] }, 'extra is required where it is not shown'],
    ];
    for (const [s, why] of cases) expect(readerFor(s, inputs, 'people', fields, 8).reason).toContain(why);
  });
});

describe('the reader and the submission options (cents, times)', () => {
  const schema: JsonSchema = {
    type: 'object',
    required: ['rent', 'at'],
    properties: { rent: { type: 'number', title: 'Rent', multipleOf: 0.01 }, at: { type: 'string', title: 'Time', format: 'time' } },
  };

  it('leaves multipleOf and the time format to the full check, which accepts cents and widget times', () => {
    expect(quickCheck(schema)).toBeNull();
    const input = compileInput(schema);
    for (const [rent, at] of [
      [1234.56, '10:30'],
      [0.07, '10:30:00'],
      [1999.99, '23:59'],
    ] as const) {
      expect(input.prepare({ rent, at }, false).errors, `${rent} ${at}`).toEqual([]);
    }
    expect(
      input
        .prepare({ rent: 1234.565, at: '25:00' }, false)
        .errors.map((e) => e.code)
        .sort(),
    ).toEqual(['input.format', 'input.multipleOf']);
  });
});
