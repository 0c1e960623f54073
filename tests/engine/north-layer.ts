/**
 * A small layer on tests/engine/base-program.ts (also written as the folder tests/fixtures/extends/test-food-help-north):
 * a county's version with a higher income limit from 2025-07-01, its own county rule, a rent rule, a new page and
 * question, and Spanish texts keyed by pointers into the layer.
 */
import type { ProgramLayer } from '../../engine/index.ts';

/** A county's layer on the base: a higher income limit from 2025-07-01, a new rule and question, a Spanish text. */
export function northLayer(): ProgramLayer {
  return {
    $schema: 'https://mandate.dev/schema/program/v1.json',
    id: 'test-food-help-north',
    title: 'Food help, North county',
    description: 'Monthly food help in North county: the base program with a higher income limit.',
    owner: { name: 'North county' },
    languages: ['en', 'es'],
    version: 1,
    effectiveFrom: '2025-01-01',
    changelog: 'First version.',
    jurisdiction: 'US-WA',
    extends: { program: 'test-food-help', version: 1 },
    override: {
      parameterValues: {
        income_limit: { '2025-07-01': { rows: { '1': 2000, '2': 2600 }, increment: 600 } },
        covered_counties: { '2025-01-01': ['North'] },
      },
      rules: [
        {
          id: 'county',
          title: 'Lives in North',
          conditions: { all: [{ fact: 'county', operator: 'inList', value: { param: 'covered_counties' } }] },
          messages: { pass: 'You live in North.', fail: 'You do not live in North.' },
        },
      ],
    },
    add: {
      parameters: {
        rent_limit: {
          description: 'Highest monthly rent',
          unit: 'USD/month',
          reference: { citation: 'North rule 1' },
          values: { '2025-01-01': 1200 },
        },
      },
      rules: [
        {
          id: 'rent',
          title: 'Rent test',
          conditions: { all: [{ fact: 'rent', operator: 'lessThanInclusive', value: { param: 'rent_limit' } }] },
          messages: { pass: 'Your rent is within the limit.', fail: 'Your rent is above the limit.' },
        },
      ],
      form: {
        questions: {
          phone: { schema: { type: 'string', title: 'Phone' }, ui: { 'ui:options': { mayStayBlank: 'Contact only.' } }, page: 'contact' },
        },
        pages: [{ id: 'contact', title: 'How to reach you', fields: [], after: 'household' }],
      },
    },
    translations: {
      es: {
        '/title': { text: 'Ayuda alimentaria, condado North', source: 'Food help, North county' },
        '/description': {
          text: 'Ayuda mensual en North.',
          source: 'Monthly food help in North county: the base program with a higher income limit.',
        },
        '/owner/name': { text: 'Condado North', source: 'North county' },
        '/override/rules/0/title': { text: 'Vive en North', source: 'Lives in North' },
        '/override/rules/0/messages/pass': { text: 'Vive en North.', source: 'You live in North.' },
        '/override/rules/0/messages/fail': { text: 'No vive en North.', source: 'You do not live in North.' },
        '/add/rules/0/title': { text: 'Prueba del alquiler', source: 'Rent test' },
        '/add/rules/0/messages/pass': { text: 'Su alquiler está dentro del límite.', source: 'Your rent is within the limit.' },
        '/add/rules/0/messages/fail': { text: 'Su alquiler supera el límite.', source: 'Your rent is above the limit.' },
        '/add/form/questions/phone/schema/title': { text: 'Teléfono', source: 'Phone' },
        '/add/form/pages/0/title': { text: 'Cómo contactarle', source: 'How to reach you' },
      },
    },
    tests: [
      {
        name: 'A single person in North earning $1,800 in August is eligible under North limit 2000 (base: 1600).',
        date: '2025-08-01',
        input: { members: [{ name: 'A', income: 1800 }], rent: 900, county: 'North' },
        expected: { eligibility: 'eligible', reasons: { income: 'pass', county: 'pass', rent: 'pass' } },
      },
    ],
  } as ProgramLayer;
}
