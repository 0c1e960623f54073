/**
 * A small, valid program used as the base of validation, workflow, diff and i18n tests: each test copies it and
 * breaks or changes one thing. Its Spanish translations are generated, recording their English sources, so that the base has no warnings
 * (and no note that staleness cannot be checked).
 */
import { translatableTexts } from '../../engine/tools/translations.ts';
import type { Program } from '../../engine/format/types.ts';

/** A fresh copy of the base program (safe to mutate). */
export function baseProgram(): Program {
  const program: Program = {
    $schema: 'https://mandate.dev/schema/program/v1.json',
    id: 'test-food-help',
    title: 'Food help',
    description: 'Monthly food help for households with low income.',
    owner: { name: 'Test agency' },
    languages: ['en', 'es'],
    version: 1,
    effectiveFrom: '2025-01-01',
    changelog: 'First version.',
    inFlight: 'reevaluate',
    form: {
      schema: {
        type: 'object',
        required: ['members', 'rent'],
        properties: {
          members: {
            type: 'array',
            title: 'People in your household',
            minItems: 1,
            items: {
              type: 'object',
              title: 'Member',
              required: ['name', 'income'],
              properties: {
                name: { type: 'string', title: 'Name' },
                income: { type: 'number', title: 'Monthly income', minimum: 0 },
                receivesSSI: { type: 'boolean', title: 'Receives SSI' },
              },
            },
          },
          rent: { type: 'number', title: 'Monthly rent', minimum: 0 },
          county: { type: 'string', title: 'County' },
        },
      },
      uiSchema: {
        rent: { 'ui:help': 'Enter 0 if none.', 'ui:options': { unit: 'USD/month' } },
        // Deliberately optional: a blank county or SSI answer leaves the decision to a caseworker, who asks for it.
        county: { 'ui:options': { mayStayBlank: 'A caseworker asks for the county when it is not given.' } },
        members: { items: { receivesSSI: { 'ui:options': { mayStayBlank: 'A caseworker asks about SSI when it is not given.' } } } },
      },
      pages: [
        { id: 'household', title: 'Your household', fields: ['members'] },
        { id: 'housing', title: 'Your home', fields: ['rent', 'county'] },
      ],
    },
    parameters: {
      income_limit: {
        description: 'Monthly income limit by household size',
        unit: 'USD/month',
        reference: { citation: 'Test rule 1' },
        type: 'table',
        key: 'household size',
        values: {
          '2025-01-01': { rows: { '1': 1500, '2': 2000 }, increment: 500 },
          '2025-07-01': { rows: { '1': 1600, '2': 2100 }, increment: 500 },
        },
      },
      max_benefit: {
        description: 'Maximum monthly benefit',
        unit: 'USD/month',
        reference: { citation: 'Test rule 2' },
        values: { '2025-01-01': 300 },
      },
      reduction_rate: {
        description: 'Share of income that reduces the benefit',
        reference: { citation: 'Test rule 3' },
        values: { '2025-01-01': 0.3 },
      },
      covered_counties: {
        description: 'Counties served',
        reference: { citation: 'Test rule 4' },
        type: 'list',
        values: { '2025-01-01': ['North', 'South'] },
      },
      decision_days: {
        description: 'Days to decide an application',
        unit: 'days',
        reference: { citation: 'Test rule 5' },
        values: { '2025-01-01': 30 },
      },
    },
    derived: {
      householdSize: { title: 'Household size', formula: 'count(members)', unit: 'people' },
      income: { title: 'Household income', formula: 'sum(members, m => m.income)', unit: 'USD/month' },
      incomeLimit: { title: 'Income limit', formula: "param('income_limit', householdSize)", unit: 'USD/month' },
      benefit: { title: 'Benefit', formula: "max(param('max_benefit') - income * param('reduction_rate'), 0)", unit: 'USD/month' },
    },
    rules: [
      {
        id: 'income',
        title: 'Income test',
        conditions: { all: [{ fact: 'income', operator: 'lessThanInclusive', value: { fact: 'incomeLimit' } }] },
        waiver: {
          conditions: { any: [{ fact: 'members', operator: 'anyMember', value: { field: 'receivesSSI', operator: 'equal', value: true } }] },
          message: 'The income test does not apply because someone receives SSI.',
        },
        messages: {
          pass: 'Your income of {income} is within the limit of {incomeLimit}.',
          fail: 'Your income of {income} is above the limit of {incomeLimit}.',
        },
      },
      {
        id: 'county',
        title: 'County served',
        conditions: { all: [{ fact: 'county', operator: 'inList', value: { param: 'covered_counties' } }] },
        messages: { pass: 'We serve {county}.', fail: 'We do not serve {county}.' },
      },
    ],
    benefits: [{ id: 'monthly', title: 'Monthly benefit', period: 'month', formula: 'benefit', rounding: { mode: 'down', to: 1 } }],
    workflow: {
      initial: 'submitted',
      states: {
        submitted: { title: 'Submitted' },
        review: { title: 'In review' },
        approved: { title: 'Approved', terminal: true },
        denied: { title: 'Denied', terminal: true },
      },
      transitions: [
        {
          event: 'start-review',
          title: 'Start review',
          from: ['submitted'],
          to: 'review',
          roles: ['caseworker'],
          actions: [{ type: 'assign', to: 'actor' }],
        },
        {
          event: 'approve',
          title: 'Approve',
          from: ['review'],
          to: 'approved',
          roles: ['supervisor'],
          guard: {
            conditions: {
              all: [{ fact: 'case', path: '$.performedBy.start-review', operator: 'doesNotContain', value: { fact: 'actor', path: '$.id' } }],
            },
            message: 'The approver must not be the person who started the review.',
          },
          actions: [{ type: 'notify', to: 'applicant', template: 'Your application was approved.' }],
        },
        { event: 'deny', title: 'Deny', from: ['submitted', 'review'], to: 'denied', roles: ['caseworker', 'supervisor'] },
      ],
      deadlines: [
        { id: 'decision', title: 'Decide within 30 days', from: 'submitted', days: { param: 'decision_days' }, until: ['approved', 'denied'] },
      ],
    },
    tests: [
      {
        name: 'A single person earning $500 in North is eligible for $150.',
        date: '2025-03-01',
        input: { members: [{ name: 'A', income: 500 }], rent: 0, county: 'North' },
        expected: { eligibility: 'eligible', benefits: { monthly: 150 }, reasons: { income: 'pass', county: 'pass' }, values: { householdSize: 1 } },
      },
    ],
  };
  program.translations = { es: Object.fromEntries(translatableTexts(program).map((t) => [t.pointer, { text: `ES ${t.text}`, source: t.text }])) };
  return program;
}
