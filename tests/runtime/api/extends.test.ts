/**
 * Programs that extend programs through the runtime (real server, SQLite): a base is published, then a layer on it;
 * the layer is stored resolved and evaluated with the resolved program; its report against the base; a newer base
 * makes it behind; re-basing is a new draft; a layer is refused (422, at its paths) when its base is not published
 * or it overrides what the base lacks. Programs come from tests/fixtures/extends, read by the folder loader.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentHash, type Program } from '../../../engine/index.ts';
import { loadProgramFolder } from '../../../runtime/fs/program-folder.ts';
import { startHarness, type Harness } from './harness.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/extends');
const baseVersions = loadProgramFolder(path.join(FIXTURES, 'test-food-help')).versions.map((v) => v.doc as unknown as Program);
const layer = loadProgramFolder(path.join(FIXTURES, 'test-food-help-north')).versions[0].doc;

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ today: '2025-08-01' });
});
afterEach(() => h?.close());

const TERMS = { changelog: 'First version.', effectiveFrom: '2025-01-01', inFlight: 'reevaluate' as const };

async function publishDoc(doc: unknown, terms = TERMS) {
  const created = await h.call('POST', '/api/programs', { token: h.adminToken, body: doc });
  expect(created.status, JSON.stringify(created.body).slice(0, 600)).toBe(201);
  const published = await h.publish((doc as Program).id, terms);
  expect(published.status, JSON.stringify(published.body).slice(0, 600)).toBe(201);
  return created.body.draft;
}

describe('layers in the runtime', () => {
  it('publishes a base then a layer on it, and evaluates with the resolved program', async () => {
    await publishDoc(baseVersions[0]);
    const draft = await publishDoc(layer);
    expect(draft.doc.extends).toEqual({ program: 'test-food-help', version: 1, hash: contentHash(baseVersions[0]) });
    expect(draft.doc.rules.map((r: { id: string }) => r.id)).toEqual(['income', 'county', 'rent']);
    expect(draft.doc.layer.add.rules[0].id).toBe('rent');

    const app = await h.call('POST', '/api/applications', { body: { programId: 'test-food-help-north' } });
    expect(app.status).toBe(201);
    const code = { 'X-Resume-Code': app.body.resumeCode };
    const answers = { members: [{ name: 'Ana', income: 1800 }], rent: 1300, county: 'North', phone: '555-0100' };
    expect((await h.call('PUT', `/api/applications/${app.body.id}`, { headers: code, body: { answers } })).status).toBe(200);
    const submitted = await h.call('POST', `/api/applications/${app.body.id}/submit`, { headers: code });
    expect(submitted.status, JSON.stringify(submitted.body).slice(0, 400)).toBe(201);
    // $1,800 is within North's limit of $2,000 (the base's is $1,600), and the layer's own rent rule fails at $1,300.
    expect(Object.fromEntries(submitted.body.determination.reasons.map((r: { rule: string; outcome: string }) => [r.rule, r.outcome]))).toEqual({
      income: 'pass',
      county: 'pass',
      rent: 'fail',
    });
  });

  it('reports the layer against its base, then behind once a newer base is published, and re-bases as a new draft', async () => {
    await publishDoc(baseVersions[0]);
    await publishDoc(layer);
    const report = await h.call('GET', '/api/programs/test-food-help-north/layer', { token: h.adminToken });
    expect(report.status).toBe(200);
    expect(report.body.extends).toMatchObject({ program: 'test-food-help', version: 1, title: 'Food help' });
    expect(report.body.changes.map((c: { text: string }) => c.text)).toContain(
      'Washington: monthly income limit, household size 1 from 2025-07-01: $2,000 instead of $1,600',
    );
    expect(report.body.behind.behind).toBe(false);

    await publishDoc(baseVersions[1], { ...TERMS, changelog: 'New limits.', effectiveFrom: '2025-10-01' });
    const behind = (await h.call('GET', '/api/programs/test-food-help-north/layer?version=1', { token: h.adminToken })).body.behind;
    expect(behind.behind).toBe(true);
    expect(behind.latest.version).toBe(2);
    expect(behind.inherited.map((c: { text: string }) => c.text)).toContain('Maximum monthly benefit: $300 → $320 from 2025-10-01');
    expect(behind.overtaken.map((c: { path: string; override: string }) => [c.path, c.override])).toContainEqual([
      '/parameters/income_limit/values/2025-10-01',
      '/parameters/income_limit/values/2025-07-01',
    ]);

    const rebased = await h.call('POST', '/api/programs/test-food-help-north/rebase', { token: h.adminToken, body: {} });
    expect(rebased.status, JSON.stringify(rebased.body).slice(0, 400)).toBe(201);
    expect(rebased.body.draft.version).toBe(2);
    expect(rebased.body.draft.doc.extends).toMatchObject({ program: 'test-food-help', version: 2 });
    expect(rebased.body.draft.doc.parameters.max_benefit.values['2025-10-01']).toBe(320);
    const again = await h.call('POST', '/api/programs/test-food-help-north/rebase', { token: h.adminToken, body: {} });
    expect(again.status).toBe(409);
  });

  it('refuses a layer whose base is not published, and one overriding what the base lacks, at the layer’s paths', async () => {
    const early = await h.call('POST', '/api/programs', { token: h.adminToken, body: layer });
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('layer-invalid');
    expect(early.body.error.diagnostics.map((d: { code: string; path: string }) => [d.code, d.path])).toEqual([
      ['extends.base-not-found', '/extends'],
    ]);

    await publishDoc(baseVersions[0]);
    const bad = structuredClone(layer) as { override: { parameters?: Record<string, unknown> } };
    bad.override.parameters = { rent_cap: baseVersions[0].parameters.max_benefit };
    const refused = await h.call('POST', '/api/programs', { token: h.adminToken, body: bad });
    expect(refused.status).toBe(422);
    const d = refused.body.error.diagnostics;
    expect(d.map((x: { code: string; path: string }) => [x.code, x.path])).toEqual([['extends.override-missing', '/override/parameters/rent_cap']]);
    expect(d[0].message).toContain('To add one, put it under /add/parameters.');
  });
});
