/**
 * The storage contract, organisations (issue 16): organisations, memberships, the organisation of each program,
 * case teams, note visibility, and the staff scope that case and application reads and lists filter by in the
 * store's own queries. Registered by `describeStoreContract`.
 */
import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../../../runtime/store/errors.ts';
import type { Store } from '../../../runtime/store/types.ts';
import { auditOf, submitted, versionContent } from './fixtures.ts';
import type { StoreHolder } from './store-contract.ts';

async function user(store: Store, email: string) {
  return store.createUser({ email, name: email, roles: ['caseworker'], passwordHash: 'x' });
}

/** Two organisations, each running one published program with one submitted case. */
async function twoOrganisations(store: Store) {
  await store.publishVersion({ programId: 'program-a', version: 1, ...versionContent('program-a'), createdBy: null, publishedBy: null });
  await store.publishVersion({ programId: 'program-b', version: 1, ...versionContent('program-b'), createdBy: null, publishedBy: null });
  await store.createOrganisation({ id: 'org-b', name: 'Organisation B' }, auditOf('organisation.create', 'org-b'));
  await store.setProgramOrganisation('program-b', 'org-b', auditOf('program.organisation', 'program-b'));
  const a = await submitted(store, { programId: 'program-a', label: 'Alice A' });
  const b = await submitted(store, { programId: 'program-b', label: 'Bob B' });
  return { a, b };
}

/** Registers the organisation contract tests. */
export function describeOrganisationContract(h: StoreHolder): void {
  describe('organisations', () => {
    it('has the default organisation, creates, renames and refuses a taken id, each audited', async () => {
      expect((await h.store.listOrganisations()).map((o) => o.id)).toEqual(['default']);
      expect((await h.store.getOrganisation('default'))?.name).toBe('Default organisation');
      const created = await h.store.createOrganisation({ id: 'food-bank', name: 'Food bank' }, auditOf('organisation.create', 'food-bank'));
      expect(created).toMatchObject({ id: 'food-bank', name: 'Food bank' });
      await expect(h.store.createOrganisation({ id: 'food-bank', name: 'Again' })).rejects.toBeInstanceOf(ConflictError);
      expect((await h.store.updateOrganisation('food-bank', { name: 'Community food bank' })).name).toBe('Community food bank');
      await expect(h.store.updateOrganisation('missing', { name: 'x' })).rejects.toBeInstanceOf(NotFoundError);
      expect((await h.store.listOrganisations()).map((o) => o.id)).toEqual(['default', 'food-bank']);
      expect((await h.store.listAudit({ action: 'organisation.create' })).map((a) => a.entityId)).toEqual(['food-bank']);
    });

    it('keeps memberships with roles per organisation, replaces and removes them', async () => {
      const u = await user(h.store, 'member@test.local');
      await h.store.createOrganisation({ id: 'org-b', name: 'B' });
      await h.store.setMembership('default', u.id, ['caseworker']);
      await h.store.setMembership('org-b', u.id, ['supervisor', 'supervisor']);
      expect(await h.store.membershipsOf(u.id)).toEqual([
        { organisationId: 'default', roles: ['caseworker'] },
        { organisationId: 'org-b', roles: ['supervisor'] },
      ]);
      await h.store.setMembership('org-b', u.id, ['administrator'], auditOf('organisation.member.set', 'org-b'));
      expect(await h.store.membersOf('org-b')).toEqual([{ organisationId: 'org-b', userId: u.id, roles: ['administrator'] }]);
      await h.store.removeMembership('org-b', u.id, auditOf('organisation.member.remove', 'org-b'));
      expect(await h.store.membershipsOf(u.id)).toEqual([{ organisationId: 'default', roles: ['caseworker'] }]);
      await expect(h.store.removeMembership('org-b', u.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(h.store.setMembership('missing', u.id, ['caseworker'])).rejects.toBeInstanceOf(NotFoundError);
      await expect(h.store.setMembership('default', 'no-such-user', ['caseworker'])).rejects.toBeInstanceOf(NotFoundError);
    });

    it('puts a program in the default organisation until it is assigned, and refuses an unknown organisation', async () => {
      expect(await h.store.programOrganisation('never-seen')).toBe('default');
      await h.store.createOrganisation({ id: 'org-b', name: 'B' });
      await h.store.setProgramOrganisation('program-b', 'org-b');
      expect(await h.store.programOrganisation('program-b')).toBe('org-b');
      expect((await h.store.programOrganisations())['program-b']).toBe('org-b');
      await expect(h.store.setProgramOrganisation('program-b', 'missing')).rejects.toBeInstanceOf(NotFoundError);
      expect(await h.store.programOrganisation('program-b')).toBe('org-b');
    });

    it('returns only the scope’s organisations’ cases and applications, in reads, lists and counts', async () => {
      const { a, b } = await twoOrganisations(h.store);
      const onlyB = { organisationIds: ['org-b'] };
      const onlyA = { organisationIds: ['default'] };
      expect(await h.store.getCase(a.case.id, onlyB)).toBeNull();
      expect(await h.store.getCase(b.case.id, onlyB)).toEqual(b.case);
      expect(await h.store.getCase(a.case.id, onlyA)).toEqual(a.case);
      expect(await h.store.getCase(a.case.id)).toEqual(a.case);
      expect(await h.store.getApplication(a.application.id, onlyB)).toBeNull();
      expect((await h.store.getApplication(b.application.id, onlyB))?.id).toBe(b.application.id);
      const listB = await h.store.listCases({ scope: onlyB });
      expect(listB.items.map((c) => c.id)).toEqual([b.case.id]);
      expect(listB.total).toBe(1);
      expect(listB.countsByState).toEqual({ submitted: 1 });
      expect((await h.store.listCases({ scope: onlyB, programId: 'program-a' })).total).toBe(0);
      expect((await h.store.listCases({ scope: { organisationIds: [] } })).total).toBe(0);
      expect((await h.store.listCases({})).total).toBe(2);
      expect((await h.store.listApplications({ scope: onlyB })).items.map((x) => x.id)).toEqual([b.application.id]);
      expect((await h.store.listApplications({ scope: onlyA })).items.map((x) => x.id)).toEqual([a.application.id]);
      expect((await h.store.listCases({ scope: { organisationIds: ['default', 'org-b'] } })).total).toBe(2);
    });

    it('lets a team member of another organisation find the case through the scope, until removed', async () => {
      const { a } = await twoOrganisations(h.store);
      const helper = await user(h.store, 'helper@test.local');
      await h.store.setMembership('org-b', helper.id, ['caseworker']);
      const scope = { organisationIds: ['org-b'], teamMemberId: helper.id };
      expect(await h.store.getCase(a.case.id, scope)).toBeNull();
      const member = await h.store.setCaseTeamMember(
        { caseId: a.case.id, userId: helper.id, roleLabel: 'Volunteer coordinator', addedBy: 'cw-a' },
        auditOf('case.team.set', a.case.id),
      );
      expect(member).toMatchObject({ caseId: a.case.id, userId: helper.id, roleLabel: 'Volunteer coordinator', addedBy: 'cw-a' });
      expect(await h.store.getCase(a.case.id, scope)).toEqual(a.case);
      expect((await h.store.listCases({ scope })).items.map((c) => c.id)).toContain(a.case.id);
      // The team gives no access to the application (its answers).
      expect(await h.store.getApplication(a.application.id, scope)).toBeNull();
      await h.store.setCaseTeamMember({ caseId: a.case.id, userId: helper.id, roleLabel: 'Food bank', addedBy: 'cw-a' });
      expect((await h.store.listCaseTeam(a.case.id)).map((m) => [m.userId, m.roleLabel])).toEqual([[helper.id, 'Food bank']]);
      await h.store.removeCaseTeamMember(a.case.id, helper.id, auditOf('case.team.remove', a.case.id));
      expect(await h.store.getCase(a.case.id, scope)).toBeNull();
      await expect(h.store.removeCaseTeamMember(a.case.id, helper.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(h.store.setCaseTeamMember({ caseId: 'missing', userId: helper.id, roleLabel: 'x', addedBy: null })).rejects.toBeInstanceOf(
        NotFoundError,
      );
      expect((await h.store.listAudit({ entity: 'case', entityId: a.case.id })).map((x) => x.action)).toEqual(['case.team.set', 'case.team.remove']);
    });

    it('keeps each note’s visibility (organisation by default) and lists notes of the visibilities asked', async () => {
      const { a } = await twoOrganisations(h.store);
      await h.store.addNote({ caseId: a.case.id, authorId: 'cw', text: 'Internal.' });
      await h.store.addNote({ caseId: a.case.id, authorId: 'cw', text: 'For the team.', visibility: 'team' });
      await h.store.addNote({ caseId: a.case.id, authorId: 'cw', text: 'For the person.', visibility: 'person' });
      expect((await h.store.listNotes(a.case.id)).map((n) => [n.text, n.visibility])).toEqual([
        ['Internal.', 'organisation'],
        ['For the team.', 'team'],
        ['For the person.', 'person'],
      ]);
      expect((await h.store.listNotes(a.case.id, ['person'])).map((n) => n.text)).toEqual(['For the person.']);
      expect((await h.store.listNotes(a.case.id, ['team', 'person'])).map((n) => n.text)).toEqual(['For the team.', 'For the person.']);
    });
  });
}
