/**
 * One form validator, on the page and on the server. The pages run the module the server builds for each form (ajv
 * standalone code, runtime/services/form-validators.ts); the server checks submissions with `formAjv().compile`.
 * Without a browser: the module and `formAjv` give identical verdicts and errors on every shipped program's form
 * (in every language it is served in) and on the screener's, for empty answers and every shipped test case's input,
 * and on money in cents, the time widget's values and `$id` references. In Chromium, under the strict CSP: the
 * wizard loads the module and shows the server's verdict. Also: pages' `showWhen` follows three-valued logic (the
 * screener's questions: tests/engine/screener.test.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { hashForSchema, schemaParser, type RJSFSchema } from '@rjsf/utils';
import { describe, expect, it } from 'vitest';
import { formAjv } from '../../engine/validate/ajv.ts';
import { screenerForm } from '../../engine/tools/screener.ts';
import { localize } from '../../engine/tools/translations.ts';
import { validatorModule } from '../../runtime/services/form-validators.ts';
import { pageShown } from '../../web/src/forms/show-when.ts';
import { fieldId, pathSegments, titleAt } from '../../web/src/forms/schema-paths.ts';
import { formValidator, moduleValidation, type ValidatorModule } from '../../web/src/forms/validator.ts';
import type { Program } from '../../engine/format/types.ts';
import { shippedVersions } from '../programs/load.ts';
import { describeInBrowser, newPage, type Harness } from './support/harness.ts';

const work = mkdtempSync(path.join(tmpdir(), 'mandate-validators-'));

/** The page's module for `schema`, as the server serves it, imported like the page imports it. */
async function pageModule(schema: Record<string, unknown>): Promise<ValidatorModule> {
  const { code, hash } = await validatorModule(schema);
  const file = path.join(work, `${hash}.mjs`);
  writeFileSync(file, code);
  return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as ValidatorModule;
}

/** The verdict and errors of one validate function on `data`. */
function verdict(validate: ValidatorModule['validate'], data: unknown) {
  const valid = validate(data);
  return { valid, errors: valid ? [] : structuredClone(validate.errors ?? []) };
}

/** Expects the page's module and the server's `formAjv` to agree on every input, errors included. */
async function expectAgreement(schema: Record<string, unknown>, inputs: unknown[], label: string): Promise<void> {
  const page = await pageModule(schema);
  const server = formAjv().compile(schema);
  for (const input of inputs) expect(verdict(page.validate, input), `${label}: ${JSON.stringify(input)}`).toEqual(verdict(server, input));
  // The sub-schemas RJSF tests (conditions, options) give ajv's verdict too.
  const loose = formAjv({ strict: false });
  for (const [key, part] of Object.entries(schemaParser(schema as RJSFSchema))) {
    const fn = moduleValidation(page).subschema(part);
    const { $id: _, ...plain } = part;
    const reference = key === (schema.$id ?? hashForSchema(schema as RJSFSchema)) ? server : loose.compile(plain);
    for (const input of inputs) expect(fn(input), `${label} ${key}: ${JSON.stringify(input)}`).toBe(reference(input));
  }
}

const versions = await shippedVersions();
const programs = versions.map((v) => v.program!).filter(Boolean);

describe('the page and the server validate alike', () => {
  for (const program of programs) {
    const inputs = [{}, ...(program.tests ?? []).map((c) => c.input)];
    for (const lang of program.languages) {
      it(`${program.id} v${program.version} (${lang}): empty answers and ${inputs.length - 1} test inputs`, async () => {
        // The page gets the form in its language; translations change titles only, so the verdict is the source's.
        const shown = localize(program, lang).form.schema;
        const page = await pageModule(shown);
        const server = formAjv().compile(program.form.schema);
        for (const input of inputs) expect(verdict(page.validate, input), JSON.stringify(input)).toEqual(verdict(server, input));
        await expectAgreement(shown, inputs, program.id);
      });
    }
  }

  it('the screener form', async () => {
    const form = screenerForm(programs);
    await expectAgreement(form.schema, [{}, ...programs.flatMap((p) => (p.tests ?? []).map((c) => c.input))], 'screener');
  });

  it('money in cents: every amount from 0.00 to 2000.00 passes multipleOf 0.01; a half cent does not', async () => {
    const schema = { type: 'object', properties: { rent: { type: 'number', multipleOf: 0.01 } } };
    const page = await pageModule(schema);
    const server = formAjv().compile(schema);
    let refused = 0;
    for (let cents = 0; cents <= 200_000; cents++) {
      const rent = Number((cents / 100).toFixed(2));
      if (!page.validate({ rent }) || !server({ rent })) refused++;
    }
    expect(refused).toBe(0);
    expect(page.validate({ rent: 1234.56 })).toBe(true);
    for (const rent of [1234.565, 0.001, 10.1234]) expect([page.validate({ rent }), server({ rent })]).toEqual([false, false]);
  });

  it('times as the time widget writes them pass the time format; impossible times do not', async () => {
    const schema = { type: 'object', properties: { at: { type: 'string', format: 'time' } } };
    const inputs = [
      '10:30',
      '10:30:00',
      '23:59:59',
      '00:00',
      '10:30:15.25',
      '10:30:00Z',
      '10:30+02:00',
      '25:00',
      '10:60',
      '10:30:61',
      '1030',
      '10:3',
      '',
    ].map((at) => ({ at }));
    await expectAgreement(schema, inputs, 'time');
    const page = await pageModule(schema);
    for (const at of ['10:30', '10:30:00', '10:30:00Z']) expect(page.validate({ at }), at).toBe(true);
    for (const at of ['25:00', '10:60', '']) expect(page.validate({ at }), at).toBe(false);
  });

  it('a URN $id with references into it, dates and conditions', async () => {
    const schema = {
      $id: 'urn:mandate:test-form',
      type: 'object',
      required: ['members'],
      definitions: {
        member: {
          type: 'object',
          required: ['born'],
          properties: { born: { type: 'string', format: 'date' }, age: { type: 'integer', minimum: 0 } },
        },
      },
      properties: {
        members: { type: 'array', minItems: 1, items: { $ref: '#/definitions/member' } },
        lead: { $ref: '#/definitions/member' },
        flag: { type: 'boolean' },
      },
      if: { properties: { flag: { const: true } }, required: ['flag'] },
      then: { properties: { why: { type: 'string', minLength: 1 } }, required: ['why'] },
    };
    const inputs = [
      {},
      { members: [] },
      { members: [{ born: '2025-02-30', age: -1 }, {}] },
      { members: [{ born: '2024-02-29' }], flag: true },
      { members: [{ born: '2024-02-29' }], flag: true, why: 'x' },
      { members: [{ born: '1990-01-01' }], lead: {} },
    ];
    await expectAgreement(schema, inputs, '$id');
  });

  it('the RJSF validator reports the module\u2019s errors in RJSF\u2019s shape and resolves conditions with it', async () => {
    const program = programs.find((p) => p.id === 'us-snap')!;
    const validator = formValidator(moduleValidation(await pageModule(program.form.schema)));
    const { errors } = validator.validateFormData({}, program.form.schema as RJSFSchema);
    expect(errors.map((e) => `${e.name} ${e.property}`)).toContain('required .members');
    const ifSchema = (program.form.schema as { if: RJSFSchema }).if;
    expect(validator.isValid(ifSchema, { hasMedicalCosts: true }, program.form.schema as RJSFSchema)).toBe(true);
    expect(validator.isValid(ifSchema, { hasMedicalCosts: false }, program.form.schema as RJSFSchema)).toBe(false);
    expect(() => validator.isValid({ type: 'string', minLength: 3 }, 'x', program.form.schema as RJSFSchema)).toThrow(
      /no function for the sub-schema/,
    );
  });
});

let h: Harness;
describeInBrowser(
  'the wizard in Chromium under the strict CSP',
  (harness) => (h = harness),
  () => {
    it('loads the form\u2019s validator module (no unsafe-eval) and shows the server\u2019s verdict', async () => {
      const context = await h.browser.newContext();
      const { page, problems } = await newPage(context);
      const modules: { url: string; status: number; type: string | null }[] = [];
      page.on('response', (r) => {
        if (r.url().includes('/api/validators/')) modules.push({ url: r.url(), status: r.status(), type: r.headers()['content-type'] ?? null });
      });
      const response = await page.goto(`${h.url}/apply/us-snap`);
      const csp = response!.headers()['content-security-policy'];
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-eval');
      await page.getByRole('button', { name: 'Start application' }).click();
      await expect.poll(() => page.getByTestId('step-progress').textContent()).toBe('Step 1 of 5');
      // Pressed at once: the submission waits for the module, then shows the server's verdict for this page.
      await page.getByRole('button', { name: 'Save and continue' }).click();
      await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
      const current = await (await fetch(`${h.url}/api/programs/us-snap/current`)).json();
      expect(modules).toEqual([{ url: `${h.url}${current.validator}`, status: 200, type: 'text/javascript; charset=utf-8' }]);
      // The answers the step holds (RJSF starts the member list with one member holding only the schema's defaults:
      // the incomes default to 0, so a blank income cannot leave the result waiting for an answer), as kept on the device.
      const answers = await page.evaluate(() => {
        const key = Object.keys(localStorage).find((k) => k.includes('us-snap'));
        return (key ? JSON.parse(localStorage.getItem(key)!).answers : {}) as Record<string, unknown>;
      });
      expect(answers.members).toEqual([{ earnedIncome: 0, unearnedIncome: 0 }]);
      const server = formAjv().compile(current.doc.form.schema);
      expect(server(answers)).toBe(false);
      const stepFields: string[] = current.doc.form.pages[0].fields;
      // One link per field with an error on this step, to the field (errors.ts keeps one message per field).
      const ids = (server.errors ?? []).map((e) => {
        const at = e.instancePath.split('/').slice(1);
        return ['root', ...at, ...(e.keyword === 'required' ? [e.params.missingProperty] : [])].join('_');
      });
      const expected = [...new Set(ids)].filter((id) => stepFields.some((f) => id === `root_${f}` || id.startsWith(`root_${f}_`)));
      expect(expected.length).toBeGreaterThan(0);
      const links = await page.locator('.usa-alert--error a[href^="#"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!.slice(1)));
      expect(links.sort()).toEqual(expected.sort());
      // The module answers on the page exactly as ajv does on the server.
      // (As text: vitest would rewrite a dynamic import written in this file.)
      const onPage = await page.evaluate(`(async () => {
        const m = await import(${JSON.stringify(current.validator)});
        const answers = ${JSON.stringify(answers)};
        return [m.validate({}), m.validate({ members: [] }), m.validate(answers), m.validate.errors.length];
      })()`);
      expect(onPage).toEqual([server({}), server({ members: [] }), server(answers), server.errors!.length]);
      expect(problems).toEqual([]);
      await context.close();
    });
  },
);

describe('pageShown (showWhen in the browser)', () => {
  it('shows a page without a condition and decides simple and nested conditions', () => {
    expect(pageShown(undefined, {})).toBe(true);
    const rent = { fact: 'hasRent', operator: 'equal', value: true } as const;
    expect(pageShown(rent, { hasRent: true })).toBe(true);
    expect(pageShown(rent, { hasRent: false })).toBe(false);
    expect(pageShown({ any: [rent, { fact: 'size', operator: 'greaterThan', value: 3 }] }, { size: 4 })).toBe(true);
    expect(pageShown({ not: rent }, { hasRent: false })).toBe(true);
  });

  it('shows a page whose condition is unknown (a missing answer), and isNotSet decides', () => {
    expect(pageShown({ fact: 'hasRent', operator: 'equal', value: true }, {})).toBe(true);
    expect(pageShown({ fact: 'hasRent', operator: 'isNotSet', value: null }, {})).toBe(true);
    expect(
      pageShown(
        {
          all: [
            { fact: 'a', operator: 'equal', value: 1 },
            { fact: 'b', operator: 'equal', value: 2 },
          ],
        },
        { a: 0 },
      ),
    ).toBe(false);
  });

  it('evaluates member-wise operators over a repeating group', () => {
    const cond = {
      fact: 'members',
      operator: 'anyMember',
      value: { field: 'age', operator: 'greaterThanInclusive', value: 60 },
    };
    expect(pageShown(cond, { members: [{ age: 30 }, { age: 61 }] })).toBe(true);
    expect(pageShown(cond, { members: [{ age: 30 }] })).toBe(false);
  });
});

describe('error paths and titles', () => {
  it('maps RJSF error properties to field ids and schema titles', () => {
    const schema = {
      type: 'object',
      properties: {
        members: { type: 'array', items: { type: 'object', properties: { name: { type: 'string', title: 'Name' } } } },
      },
    };
    expect(pathSegments('.members.0.name')).toEqual(['members', '0', 'name']);
    expect(fieldId(pathSegments('.members.0.name'))).toBe('root_members_0_name');
    expect(titleAt(schema, ['members', '0', 'name'])).toBe('Name');
  });
});
