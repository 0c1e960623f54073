/**
 * Shared answers (concept values carried by referrals) read as the person reads their own answers: the one answer
 * formatter (`web/src/forms/answers.ts`) types each by its concept's schema (`conceptSchema`): money for income,
 * long dates, a members list as one line per person, in the page's language.
 */
import { describe, expect, it } from 'vitest';
import { CONCEPTS, conceptSchema } from '../../engine/index.ts';
import { answerText, describePrefilledList, describeShared } from '../../web/src/forms/answers.ts';
import { formatDate, formatMoney } from '../../web/src/shared/format.ts';
import { translator } from '../../web/src/shared/i18n.tsx';

const shared = [
  { concept: 'person.name', label: 'Your name', value: 'Ana Ruiz' },
  { concept: 'person.dateOfBirth', label: 'Your date of birth', value: '1990-05-01' },
  { concept: 'household.size', label: 'How many people live with you', value: 2 },
  { concept: 'income.monthly', label: 'Household income each month', value: 1200.5 },
  { concept: 'income.annual', label: 'Household income each year', value: 14400 },
  {
    concept: 'household.members',
    label: 'The people in your household',
    value: [
      { name: 'Ana Ruiz', dateOfBirth: '1990-05-01', monthlyIncome: 1200 },
      { name: 'Ben Ruiz', dateOfBirth: '2015-09-30' },
    ],
  },
];

describe('shared answers as a person reads them', () => {
  it('formats each concept value by its type, in English', () => {
    const rows = describeShared(shared, translator('en'), 'en');
    expect(rows.slice(0, 5).map((r) => [r.title, r.value])).toEqual([
      ['Your name', 'Ana Ruiz'],
      ['Your date of birth', 'May 1, 1990'],
      ['How many people live with you', '2'],
      ['Household income each month', '$1,200.50'],
      ['Household income each year', '$14,400'],
    ]);
    const members = rows[5];
    expect(members.rows?.map((r) => r.title)).toEqual(['Person 1', 'Person 2']);
    expect(answerText(members)).toBe('Ana Ruiz (May 1, 1990; $1,200), Ben Ruiz (September 30, 2015; Not answered)');
  });

  it('formats them in Spanish with the page formatting', () => {
    const rows = describeShared(shared, translator('es'), 'es');
    expect(rows[1].value).toBe(formatDate('1990-05-01', 'es'));
    expect(rows[3].value).toBe(formatMoney(1200.5, 'es'));
    expect(rows[5].rows?.[0].rows?.map((r) => r.title)).toEqual(['Nombre', 'Fecha de nacimiento', 'Ingresos cada mes']);
    expect(answerText(rows[5])).toContain(`Ana Ruiz (${formatDate('1990-05-01', 'es')}; ${formatMoney(1200, 'es')})`);
  });

  it('shows a prefilled members list person by person with only the parts it fills', () => {
    const value = [
      { name: 'Ana Ruiz', dateOfBirth: '1990-05-01' },
      { name: 'Ben Ruiz', dateOfBirth: '2015-09-30' },
    ];
    const row = describePrefilledList({ concept: 'household.members', label: 'People in your household', value }, translator('en'), 'en');
    expect(row.title).toBe('People in your household');
    expect(row.rows?.map((r) => [r.title, r.rows?.map((x) => [x.title, x.value])])).toEqual([
      [
        'Person 1',
        [
          ['Name', 'Ana Ruiz'],
          ['Date of birth', 'May 1, 1990'],
        ],
      ],
      [
        'Person 2',
        [
          ['Name', 'Ben Ruiz'],
          ['Date of birth', 'September 30, 2015'],
        ],
      ],
    ]);
    // With an income carried, it is shown as money; an empty list reads "None".
    const withIncome = describePrefilledList(
      { concept: 'household.members', label: 'People', value: [{ name: 'Ana', monthlyIncome: 900 }] },
      translator('en'),
      'en',
    );
    expect(answerText(withIncome)).toBe('Ana ($900)');
    expect(describePrefilledList({ concept: 'household.members', label: 'People', value: [] }, translator('en'), 'en').value).toBe('None');
  });

  it('has a schema for every concept of the vocabulary, and shows an unknown one as given', () => {
    for (const c of CONCEPTS) expect(conceptSchema(c.id, 'en')?.schema.title, c.id).toBe(c.label.en);
    expect(describeShared([{ concept: 'pet.name', label: 'pet.name', value: 'Rex' }], translator('en'), 'en')).toEqual([
      { key: 'pet.name', title: 'pet.name', value: 'Rex' },
    ]);
  });
});
