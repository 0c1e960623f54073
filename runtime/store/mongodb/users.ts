/**
 * MongoDB users and sessions (the `Store` methods of those two entities).
 */
import type { Db } from 'mongodb';
import { auditList, idOr, normalizeEmail } from '../common.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { UserRecord, UserStore } from '../types.ts';
import { sessionFromDoc, userFromDoc, type SessionDoc, type UserDoc } from './docs.ts';
import { scalar, type UnitRunner } from './units.ts';

function emailTaken(email: string): ConflictError {
  return new ConflictError('duplicate', `A user with the email "${email}" already exists: use another email.`, { email });
}

/** The user and session methods over `db`. */
export function mongoUserMethods(db: Db, units: UnitRunner, now: () => string): UserStore {
  const users = db.collection<UserDoc>('users');
  const sessions = db.collection<SessionDoc>('sessions');

  return {
    async createUser(input, audit) {
      const user: UserRecord = {
        id: idOr(input.id),
        email: normalizeEmail(input.email),
        name: input.name,
        roles: [...input.roles],
        passwordHash: input.passwordHash,
        createdAt: now(),
        disabled: input.disabled ?? false,
      };
      const { id, ...rest } = user;
      await units.run({
        claim: { op: 'insert', collection: 'users', doc: { _id: id, ...rest }, onDuplicate: () => emailTaken(user.email) },
        steps: [],
        audit: auditList(audit),
      });
      return user;
    },

    async getUser(id) {
      const doc = await users.findOne({ _id: scalar(id) });
      return doc ? userFromDoc(doc) : null;
    },

    async getUserByEmail(email) {
      const doc = await users.findOne({ email: scalar(normalizeEmail(email)) });
      return doc ? userFromDoc(doc) : null;
    },

    async listUsers() {
      return (await users.find({}).sort({ email: 1 }).toArray()).map(userFromDoc);
    },

    async countUsers() {
      return users.countDocuments({});
    },

    async updateUser(id, patch, audit) {
      const doc = await users.findOne({ _id: scalar(id) });
      if (!doc) throw new NotFoundError('user', id);
      const current = userFromDoc(doc);
      const next: UserRecord = {
        ...current,
        email: patch.email !== undefined ? normalizeEmail(patch.email) : current.email,
        name: patch.name ?? current.name,
        roles: patch.roles ? [...patch.roles] : current.roles,
        passwordHash: patch.passwordHash ?? current.passwordHash,
        disabled: patch.disabled ?? current.disabled,
      };
      const { id: _id, ...set } = next;
      await units.run({
        claim: {
          op: 'update',
          collection: 'users',
          filter: { _id: scalar(id) },
          set,
          // A miss here is a duplicate email (the unique index) or a concurrent delete.
          onMiss: async () => ((await users.findOne({ _id: scalar(id) })) ? emailTaken(next.email) : new NotFoundError('user', id)),
        },
        steps: [],
        audit: auditList(audit),
      });
      return next;
    },

    async createSession(input) {
      if (!(await users.findOne({ _id: scalar(input.userId) }))) throw new NotFoundError('user', input.userId);
      const session = {
        id: idOr(input.id),
        tokenHash: input.tokenHash,
        userId: input.userId,
        csrfToken: input.csrfToken,
        createdAt: now(),
        expiresAt: input.expiresAt,
      };
      const { id, ...rest } = session;
      await sessions.insertOne({ _id: id, ...rest });
      return session;
    },

    async getSessionByTokenHash(tokenHash) {
      const doc = await sessions.findOne({ tokenHash: scalar(tokenHash) });
      return doc ? sessionFromDoc(doc) : null;
    },

    async deleteSession(id) {
      await sessions.deleteOne({ _id: scalar(id) });
    },

    async deleteUserSessions(userId) {
      return (await sessions.deleteMany({ userId: scalar(userId) })).deletedCount;
    },

    async deleteExpiredSessions(nowIso) {
      return (await sessions.deleteMany({ expiresAt: { $lte: scalar(nowIso) } })).deletedCount;
    },
  };
}
