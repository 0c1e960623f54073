/**
 * The demo's organisations (issue 16): the shipped seed (programs/organisations.json) puts the community food bank
 * in a second organisation with its own demo staff; each organisation's caseworker then sees their own program's
 * cases only; a platform administrator's later reassignment survives the next start; and an account created by
 * an organisation's administrator joins that organisation.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Program } from '../../engine/format/types.ts';
import { checkProgramFolder } from '../../runtime/fs/program-folder.ts';
import { seedOrganisations } from '../../runtime/services/organisations.ts';
import { publishShipped } from '../../runtime/services/programs.ts';
import { ensureDemoUsers } from '../../runtime/services/users.ts';
import { ELIGIBLE_ANSWERS, PROGRAM_ID, startHarness, type Harness } from './api/harness.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SEED = JSON.parse(readFileSync(path.join(ROOT, 'programs/organisations.json'), 'utf8'));
const FOOD_BANK = 'community-food-bank';

let h: Harness;
async function submit(programId: string, answers: Record<string, unknown>): Promise<string> {
  const started = await h.call('POST', '/api/applications', { body: { programId } });
  await h.call('PUT', `/api/applications/${started.body.id}`, { body: { answers }, headers: { 'x-resume-code': started.body.resumeCode } });
  const submitted = await h.call('POST', `/api/applications/${started.body.id}/submit`, { headers: { 'x-resume-code': started.body.resumeCode } });
  expect(submitted.status).toBe(201);
  return submitted.body.caseId;
}

beforeAll(async () => {
  h = await startHarness();
  const folder = checkProgramFolder(path.join(ROOT, 'programs', FOOD_BANK));
  await publishShipped(h.server.ctx, folder.versions[0].program as unknown as Program);
  await seedOrganisations(h.server.ctx, SEED);
  await ensureDemoUsers(h.server.ctx, 'demo-password-1');
});
afterAll(() => h?.close());

describe('the demo organisations', () => {
  it('runs the food bank in its own organisation, whose staff see only its cases', async () => {
    const organisations = await h.call('GET', '/api/organisations', { token: h.adminToken });
    const byId = Object.fromEntries(organisations.body.items.map((o: any) => [o.id, o]));
    expect(byId['community-food-bank-org']).toMatchObject({ name: 'Community food bank', programs: [FOOD_BANK] });
    expect(byId.default.programs).toEqual([PROGRAM_ID]);

    const rental = await submit(PROGRAM_ID, ELIGIBLE_ANSWERS);
    const food = await submit(FOOD_BANK, { name: 'Ana', zipCode: '02903', householdSize: 1, monthlyIncome: 2000 });
    const foodWorker = await h.login('foodbank-caseworker@mandate.local', 'demo-password-1');
    const worker = await h.login('caseworker@mandate.local', 'demo-password-1');
    expect((await h.call('GET', '/api/cases', { token: foodWorker })).body.items.map((c: any) => c.id)).toEqual([food]);
    expect((await h.call('GET', '/api/cases', { token: worker })).body.items.map((c: any) => c.id)).toEqual([rental]);
    expect((await h.call('GET', `/api/cases/${rental}`, { token: foodWorker })).status).toBe(404);

    // The food bank's administrator manages its members only, and the accounts they create join it.
    const foodAdmin = await h.login('foodbank-admin@mandate.local', 'demo-password-1');
    expect((await h.call('GET', '/api/organisations/default/members', { token: foodAdmin })).status).toBe(403);
    const created = await h.call('POST', '/api/users', {
      token: foodAdmin,
      body: { email: 'volunteer@test.local', name: 'New Volunteer', roles: ['caseworker'], password: 'password-123' },
    });
    expect(created.status).toBe(201);
    const members = await h.call('GET', '/api/organisations/community-food-bank-org/members', { token: foodAdmin });
    expect(members.body.items.map((m: any) => m.user.email)).toContain('volunteer@test.local');
    expect((await h.call('GET', '/api/users', { token: foodAdmin })).body.map((u: any) => u.email)).not.toContain('caseworker@mandate.local');
    const granted = await h.call('POST', '/api/users', {
      token: foodAdmin,
      body: { email: 'sneaky@test.local', name: 'Sneaky', roles: ['platform-administrator'], password: 'password-123' },
    });
    expect(granted.status).toBe(403);
  });

  it('keeps a platform administrator’s reassignment when the seed runs again', async () => {
    const moved = await h.call('PUT', `/api/programs/${FOOD_BANK}/organisation`, { token: h.adminToken, body: { organisationId: 'default' } });
    expect(moved.status).toBe(200);
    await seedOrganisations(h.server.ctx, SEED);
    expect(await h.server.ctx.store.programOrganisation(FOOD_BANK)).toBe('default');
    const audit = await h.call('GET', `/api/audit?entity=program&entityId=${FOOD_BANK}`, { token: h.adminToken });
    expect(audit.body.filter((e: any) => e.action === 'program.organisation').map((e: any) => e.details.to)).toEqual([
      'community-food-bank-org',
      'default',
    ]);
  });
});
