/**
 * The message catalogues of the engine: each entry has a text in every language its catalogue declares; every ajv
 * keyword a form can produce is worded in English and Spanish (a real form and real submissions, not made-up
 * params); workflow refusals render without holes; unknown languages fall back to English.
 */
import { describe, expect, it } from 'vitest';
import {
  catalogue,
  DEFINITION_MESSAGES,
  renderFrom,
  speak,
  SPOKEN,
  SUBMISSION_MESSAGES,
  WORKFLOW_MESSAGES,
  type AnyCatalogue,
  type JsonSchema,
} from '../../engine/index.ts';
import { compileInput } from '../../engine/compile/input.ts';

/** Words that mean a param was missing or of the wrong shape. */
const HOLES = /undefined|NaN|\[object Object\]|null\b/;

/** Every entry of `c` has a function for each of its languages; every text's first letter is not a hole. */
function checkShape(c: AnyCatalogue): void {
  expect(c.languages).toContain('en');
  for (const [code, entry] of Object.entries(c.entries)) {
    for (const lang of c.languages) expect(typeof (entry.text as Record<string, unknown>)[lang], `${c.name}: ${code} in ${lang}`).toBe('function');
  }
}

describe('catalogue shape', () => {
  it('every entry of every engine catalogue has every language its catalogue declares', () => {
    for (const c of [DEFINITION_MESSAGES, SUBMISSION_MESSAGES, WORKFLOW_MESSAGES] as AnyCatalogue[]) checkShape(c);
    expect(SUBMISSION_MESSAGES.languages).toEqual([...SPOKEN]);
    expect(WORKFLOW_MESSAGES.languages).toEqual([...SPOKEN]);
    // Definition diagnostics are for analysts and written in English only (a declared choice, not an omission).
    expect(DEFINITION_MESSAGES.languages).toEqual(['en']);
    for (const entry of Object.values(DEFINITION_MESSAGES.entries)) expect(entry.severity).toMatch(/^(error|warning|info)$/);
  });

  it('a catalogue that declares Spanish cannot leave it out (a type error), and renders in the requested language', () => {
    const c = catalogue('example', ['en', 'es'], {
      hello: { text: { en: (p) => `Hello ${p.name}.`, es: (p) => `Hola ${p.name}.` } },
      // @ts-expect-error: the catalogue declares 'es', so an entry without a Spanish text does not compile.
      bye: { text: { en: () => 'Bye.' } },
    });
    expect(c.render('hello', { name: 'Ana' }, 'es-MX')).toBe('Hola Ana.');
    expect(c.render('hello', { name: 'Ana' }, 'fr')).toBe('Hello Ana.');
    expect(renderFrom([c], 'hello', { name: 'Ana' }, 'es')).toBe('Hola Ana.');
    expect(renderFrom([c], 'nothing', {}, 'es')).toBeUndefined();
  });

  it('speaks the requested language when it is one of en, es; English otherwise', () => {
    expect(speak('es')).toBe('es');
    expect(speak('ES-mx')).toBe('es');
    expect(speak('en-GB')).toBe('en');
    expect(speak('fr')).toBe('en');
    expect(speak('')).toBe('en');
    expect(speak(undefined)).toBe('en');
  });
});

/** A form with one question per ajv keyword, and a submission that breaks each once. */
const FORM: JsonSchema = {
  type: 'object',
  required: ['name', 'kind'],
  properties: {
    name: { type: 'string', title: 'Name' },
    kind: { type: 'string', title: 'Kind', enum: ['a', 'b'] },
    age: { type: 'integer', title: 'Age' },
    adults: { type: 'integer', title: 'Adults', minimum: 1 },
    nights: { type: 'number', title: 'Nights', exclusiveMinimum: 0 },
    rooms: { type: 'integer', title: 'Rooms', maximum: 10 },
    floors: { type: 'integer', title: 'Floors', exclusiveMaximum: 10 },
    dollars: { type: 'number', title: 'Dollars', multipleOf: 5 },
    city: { type: 'string', title: 'City', minLength: 3 },
    street: { type: 'string', title: 'Street', minLength: 1 },
    state: { type: 'string', title: 'State', maxLength: 2 },
    zip: { type: 'string', title: 'ZIP code', pattern: '^[0-9]{5}$' },
    born: { type: 'string', title: 'Date of birth', format: 'date' },
    email: { type: 'string', title: 'Email', format: 'email' },
    callAt: { type: 'string', title: 'Call time', format: 'time' },
    since: { type: 'string', title: 'Since', format: 'date-time' },
    site: { type: 'string', title: 'Web site', format: 'uri' },
    agree: { type: 'boolean', title: 'I agree', const: true },
    pets: { type: 'array', title: 'Pets', items: { type: 'string' }, minItems: 2 },
    cars: { type: 'array', title: 'Cars', items: { type: 'string' }, maxItems: 1 },
    phones: { type: 'array', title: 'Phones', items: { type: 'string' }, uniqueItems: true },
    income: { type: 'number', title: 'Income', oneOf: [{ minimum: 0 }, { maximum: 100 }] },
    contact: {
      type: 'object',
      title: 'Contact',
      properties: { phone: { type: 'string', title: 'Phone' }, mail: { type: 'string', title: 'Mail' } },
      anyOf: [{ required: ['phone'] }, { required: ['mail'] }],
    },
    extra: { type: 'object', title: 'Extra', properties: { a: { type: 'string' } }, additionalProperties: false },
    nickname: { type: 'string', title: 'Nickname', not: { const: 'none' } },
    members: {
      type: 'array',
      title: 'Household members',
      items: { type: 'object', properties: { earned: { type: 'number', title: 'Earned income' } } },
    },
    hasCar: { type: 'boolean', title: 'Has a car' },
  },
  if: { properties: { hasCar: { const: true } }, required: ['hasCar'] },
  then: { required: ['plate'], properties: { plate: { type: 'string', title: 'Licence plate' } } },
};

const ANSWERS = {
  kind: 'c',
  age: 'old',
  adults: 0,
  nights: 0,
  rooms: 11,
  floors: 10,
  dollars: 7,
  city: 'LA',
  street: '',
  state: 'WAS',
  zip: 'abc',
  born: '1990-02-30',
  email: 'not-an-email',
  callAt: '25:99',
  since: 'yesterday',
  site: 'not a uri',
  agree: false,
  pets: ['cat'],
  cars: ['a', 'b'],
  phones: ['1', '1'],
  income: 50,
  contact: {},
  extra: { a: 'x', b: 'y' },
  nickname: 'none',
  members: [{ earned: 'lots' }],
  hasCar: true,
};

/** Translated titles, as a program's `translations.es` would give them. */
const ES_TITLES: Record<string, string> = {
  '/form/schema/properties/members/title': 'Miembros del hogar',
  '/form/schema/properties/members/items/properties/earned/title': 'Ingresos del trabajo',
};

describe('submission errors: every ajv keyword a form can produce, in English and Spanish', () => {
  const input = compileInput(FORM, undefined, { quickCheck: false });
  const en = input.prepare(ANSWERS, false, undefined, 'en');
  const es = input.prepare(ANSWERS, false, (pointer, text) => ES_TITLES[pointer] ?? text, 'es');

  it('produces every input.* code of the catalogue, each worded without holes', () => {
    const produced = new Set(en.errors.map((d) => d.code));
    // The pruner drops answers to questions the form does not ask before ajv runs, so `additionalProperties` is
    // never reported on a submission; its words are checked directly below. `input.undeclared` is not ajv's: the
    // answer bounds of a save report it (tests/runtime/hardening-limits.test.ts).
    const expected = Object.keys(SUBMISSION_MESSAGES.entries).filter(
      (c) => c.startsWith('input.') && !['input.item-title', 'input.additionalProperties', 'input.undeclared'].includes(c),
    );
    expect([...produced].sort()).toEqual(expected.sort());
    for (const d of [...en.errors, ...es.errors]) expect(d.message, d.code).not.toMatch(HOLES);
    expect(en.data.extra).toEqual({ a: 'x' });
    for (const lang of SPOKEN)
      expect(SUBMISSION_MESSAGES.render('input.additionalProperties', { title: 'Extra', additionalProperty: 'b' }, lang)).not.toMatch(HOLES);
  });

  it('names fields by title and words each error in the requested language', () => {
    const byPath = (errors: typeof en.errors) => Object.fromEntries(errors.map((d) => [d.path, d.message]));
    const english = byPath(en.errors);
    const spanish = byPath(es.errors);
    expect(english['/name']).toBe('Name is required.');
    expect(spanish['/name']).toBe('Name: esta respuesta es obligatoria.');
    expect(english['/adults']).toBe('Adults must be 1 or more.');
    expect(spanish['/adults']).toBe('Adults debe ser 1 o más.');
    expect(english['/born']).toBe('Date of birth must be a date written YYYY-MM-DD, for example 1990-04-25.');
    expect(spanish['/born']).toBe('Date of birth debe ser una fecha escrita AAAA-MM-DD, por ejemplo 1990-04-25.');
    expect(spanish['/age']).toBe('Age debe ser un número entero.');
    expect(spanish['/street']).toBe('Street no puede quedar vacío.');
    expect(english['/agree']).toBe('I agree must be "yes".');
    expect(spanish['/agree']).toBe('I agree debe ser «sí».');
    expect(english['/phones']).toBe('Phones must not list the same entry twice (entries 1 and 2).');
    expect(english['/plate']).toBe('Licence plate is required.');
    expect(english['/members/0/earned']).toBe('Earned income (member 1) must be a number.');
    expect(spanish['/members/0/earned']).toBe('Ingresos del trabajo (Miembros del hogar, n.º 1) debe ser un número.');
    for (const path of Object.keys(english)) expect(spanish[path], path).not.toBe(english[path]);
  });

  it('words a submission that is not an object, and the evaluation texts, in both languages', () => {
    expect(input.prepare([], false, undefined, 'es').errors[0]).toMatchObject({
      code: 'input.type',
      path: '',
      message: 'Las respuestas deben ser un objeto JSON de nombres de preguntas y respuestas.',
    });
    const params = { path: '/derived/net', detail: 'division by zero', titles: ['Monthly rent', 'Household size'] };
    for (const lang of SPOKEN) {
      for (const code of ['evaluation.error', 'evaluation.needs-information'] as const)
        expect(SUBMISSION_MESSAGES.render(code, params, lang)).not.toMatch(HOLES);
      expect(SUBMISSION_MESSAGES.render('evaluation.needs-information', { titles: [] }, lang)).not.toMatch(HOLES);
    }
  });
});

describe('workflow refusals', () => {
  const PARAMS: Record<keyof typeof WORKFLOW_MESSAGES.entries, Record<string, unknown>> = {
    'transition.unknown-event': { event: 'aprove', events: ['approve', 'deny'] },
    'transition.terminal': { state: 'Approved' },
    'transition.wrong-state': { action: 'Approve', state: 'Submitted', allowed: ['In review', 'Waiting'] },
    'transition.role': { roles: ['supervisor', 'administrator'], action: 'Approve', actorRoles: ['caseworker'] },
    'transition.guard': { message: 'The approver must not be the person who started the review.' },
  };

  it('every refusal renders without holes in every language, and differently in Spanish', () => {
    for (const [code, params] of Object.entries(PARAMS) as [keyof typeof PARAMS, Record<string, unknown>][]) {
      const words = SPOKEN.map((lang) => WORKFLOW_MESSAGES.render(code, params, lang));
      for (const w of words) expect(w, code).not.toMatch(HOLES);
      if (code !== 'transition.guard') expect(words[1], code).not.toBe(words[0]);
    }
    expect(WORKFLOW_MESSAGES.render('transition.role', { ...PARAMS['transition.role'], actorRoles: [] }, 'es')).toBe(
      'Solo supervisor o administrator puede hacer «Approve» aquí; usted tiene una sesión sin rol.',
    );
  });
});
