/**
 * The directory export (issue 16): `GET /api/directory/hsds` and `mandate directory --hsds <file>` give the
 * programs in force as Open Referral HSDS 3.1 services, each valid against HSDS's own `service.json` schema (and the
 * schemas it refers to), brought into tests/fixtures/hsds/ with their licence and source (SOURCE.md there).
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../runtime/cli/directory.ts';
import { publishShipped } from '../../runtime/services/programs.ts';
import { shippedProgram } from '../programs/load.ts';
import { startHarness, type Harness } from './api/harness.ts';

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/hsds');
const BASE = 'https://hsds.fixtures.test/';

/** HSDS's service schema, its references resolved among the fixture files (their annotations are not JSON Schema keywords: strict off). */
function hsdsServiceValidator(): ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.json'))) {
    ajv.addSchema({ ...JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8')), $id: BASE + file });
  }
  return ajv.getSchema(`${BASE}service.json`)!;
}

let h: Harness;
let dir: string;
const validate = hsdsServiceValidator();

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'mandate-hsds-'));
  h = await startHarness({ today: '2026-01-15', sqlitePath: path.join(dir, 'mandate.db') });
  for (const folder of ['us-snap/fy2026', 'community-food-bank']) await publishShipped(h.server.ctx, shippedProgram(folder));
});
afterAll(() => h?.close());

describe('HSDS directory export', () => {
  it('gives each program in force as an HSDS service valid against the HSDS 3.1 schema', async () => {
    await h.call('PUT', '/api/programs/community-food-bank/capacity', { token: h.adminToken, body: { capacity: 'closed' } });
    const page = await h.call('GET', '/api/directory/hsds');
    expect(page.status).toBe(200);
    expect(page.body.contents.map((s: { name: string }) => s.name).sort()).toEqual([
      'Community food bank weekly parcels',
      'Emergency Rental Assistance',
      'Supplemental Nutrition Assistance Program (SNAP)',
    ]);
    for (const service of page.body.contents) {
      expect(validate(service), `${service.name}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    const bank = page.body.contents.find((s: { name: string }) => s.name.startsWith('Community'));
    expect(bank).toMatchObject({ status: 'temporarily closed', organization: { name: 'Community food bank' } });
    expect(bank.languages.map((l: { code: string }) => l.code)).toEqual(['en', 'es']);
    expect(bank.eligibility_description).toContain('Lives in the service area');
    const snap = page.body.contents.find((s: { name: string }) => s.name.includes('SNAP'));
    expect(snap.application_process).toContain('the SNAP agency of the state where you live');
  });

  it('the schema refuses what HSDS does not allow (the check can fail)', () => {
    expect(validate({ id: 'not-a-uuid', name: 'x', status: 'open' })).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath).sort()).toEqual(['/id', '/status']);
  });

  it('mandate directory --hsds writes the same services to a file', async () => {
    const expected = (await h.call('GET', '/api/directory/hsds')).body;
    const out = path.join(dir, 'directory.json');
    expect(await run(['--hsds', out, '--data', dir, '--date', '2026-01-15', '--base-url', h.url], {})).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(expected);
    expect(await run(['--data', dir], {})).toBe(2);
  });
});
