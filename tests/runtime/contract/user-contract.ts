/**
 * The storage contract of the users aggregate (`UserStore`, runtime/store/user-types.ts): unique emails, patches,
 * sessions by token hash and their expiry.
 * Registered by `describeStoreContract`.
 */
import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../../../runtime/store/errors.ts';
import type { StoreHolder } from './store-contract.ts';

/** Registers the users contract tests. */
export function describeUserContract(h: StoreHolder): void {
  describe('users and sessions', () => {
    it('creates a user with a lowercased email and finds it by id and by email in any case', async () => {
      const user = await h.store.createUser({ email: ' Ana@Example.ORG ', name: 'Ana', roles: ['caseworker'], passwordHash: 'h1' });
      expect(user.email).toBe('ana@example.org');
      expect(user.disabled).toBe(false);
      expect(await h.store.getUser(user.id)).toEqual(user);
      expect(await h.store.getUserByEmail('ANA@example.org')).toEqual(user);
      expect(await h.store.getUser('nobody')).toBeNull();
      expect(await h.store.countUsers()).toBe(1);
    });

    it('refuses a second user with the same email, whatever its case', async () => {
      await h.store.createUser({ email: 'a@x.org', name: 'A', roles: [], passwordHash: 'h' });
      const error = await h.store.createUser({ email: 'A@X.org', name: 'B', roles: [], passwordHash: 'h' }).catch((e) => e);
      expect(error).toBeInstanceOf(ConflictError);
      expect(error.code).toBe('duplicate');
      expect(await h.store.countUsers()).toBe(1);
    });

    it('updates only the given fields, refuses a taken email and reports a missing user', async () => {
      const a = await h.store.createUser({ email: 'a@x.org', name: 'A', roles: ['caseworker'], passwordHash: 'h' });
      await h.store.createUser({ email: 'b@x.org', name: 'B', roles: [], passwordHash: 'h' });
      const updated = await h.store.updateUser(a.id, { roles: ['supervisor'], disabled: true });
      expect(updated).toMatchObject({ name: 'A', email: 'a@x.org', roles: ['supervisor'], disabled: true });
      expect(await h.store.getUser(a.id)).toEqual(updated);
      await expect(h.store.updateUser(a.id, { email: 'B@x.org' })).rejects.toMatchObject({ code: 'duplicate' });
      await expect(h.store.updateUser('missing', { name: 'x' })).rejects.toBeInstanceOf(NotFoundError);
      expect((await h.store.listUsers()).map((u) => u.email)).toEqual(['a@x.org', 'b@x.org']);
    });

    it('stores sessions by token hash, deletes them singly, per user and when expired', async () => {
      const u = await h.store.createUser({ email: 'a@x.org', name: 'A', roles: [], passwordHash: 'h' });
      const s1 = await h.store.createSession({ tokenHash: 't1', userId: u.id, csrfToken: 'c1', expiresAt: '2030-01-01T00:00:00.000Z' });
      await h.store.createSession({ tokenHash: 't2', userId: u.id, csrfToken: 'c2', expiresAt: '2020-01-01T00:00:00.000Z' });
      await h.store.createSession({ tokenHash: 't3', userId: u.id, csrfToken: 'c3', expiresAt: '2031-01-01T00:00:00.000Z' });
      expect(await h.store.getSessionByTokenHash('t1')).toEqual(s1);
      expect(await h.store.deleteExpiredSessions('2025-01-01T00:00:00.000Z')).toBe(1);
      expect(await h.store.getSessionByTokenHash('t2')).toBeNull();
      await h.store.deleteSession(s1.id);
      await h.store.deleteSession(s1.id);
      expect(await h.store.getSessionByTokenHash('t1')).toBeNull();
      expect(await h.store.deleteUserSessions(u.id)).toBe(1);
      expect(await h.store.getSessionByTokenHash('t3')).toBeNull();
      await expect(
        h.store.createSession({ tokenHash: 't4', userId: 'nobody', csrfToken: 'c', expiresAt: '2030-01-01T00:00:00.000Z' }),
      ).rejects.toBeInstanceOf(NotFoundError);
    });
  });
}
