/**
 * PostgreSQL users and sessions (the `Store` methods of those two entities).
 */
import { auditList, idOr, normalizeEmail } from '../common.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { sessionFromRow, userFromRow } from '../rows.ts';
import type { UserRecord, UserStore } from '../types.ts';
import { type PgDb, type PgExecutor, uniqueViolation } from './db.ts';

const USER_COLUMNS = ['id', 'email', 'name', 'roles', 'password_hash', 'created_at', 'disabled'] as const;
const SESSION_COLUMNS = ['id', 'token_hash', 'user_id', 'csrf_token', 'created_at', 'expires_at'] as const;

function emailTaken(email: string): ConflictError {
  return new ConflictError('duplicate', `A user with the email "${email}" already exists: use another email.`, { email });
}

/** The user and session methods over `db`. */
export function pgUserMethods(db: PgDb): UserStore {
  const byId = (q: PgExecutor, id: string) => q.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
  const byEmail = (q: PgExecutor, email: string) =>
    q.selectFrom('users').select(USER_COLUMNS).where('email', '=', normalizeEmail(email)).executeTakeFirst();
  /** The same conflict SQLite's checks raise, for a unique violation that got past them. */
  const mapDuplicate = (error: unknown, user: Pick<UserRecord, 'id' | 'email'>): unknown => {
    const constraint = uniqueViolation(error);
    if (constraint === 'users_email_key') return emailTaken(user.email);
    if (constraint === 'users_pkey') return new ConflictError('duplicate', `A user with id "${user.id}" already exists.`, { id: user.id });
    return error;
  };

  return {
    async createUser(input, audit) {
      const email = normalizeEmail(input.email);
      const user: UserRecord = {
        id: idOr(input.id),
        email,
        name: input.name,
        roles: [...input.roles],
        passwordHash: input.passwordHash,
        createdAt: db.now(),
        disabled: input.disabled ?? false,
      };
      try {
        return await db.tx(async (trx) => {
          if (await byEmail(trx, email)) throw emailTaken(email);
          if (await byId(trx, user.id)) throw new ConflictError('duplicate', `A user with id "${user.id}" already exists.`, { id: user.id });
          await trx
            .insertInto('users')
            .values({
              id: user.id,
              email: user.email,
              name: user.name,
              roles: JSON.stringify(user.roles),
              password_hash: user.passwordHash,
              created_at: user.createdAt,
              disabled: user.disabled,
            })
            .execute();
          await db.appendAudit(trx, auditList(audit));
          return user;
        });
      } catch (error) {
        throw mapDuplicate(error, user);
      }
    },

    async getUser(id) {
      const row = await byId(db.read, id);
      return row ? userFromRow(row) : null;
    },

    async getUserByEmail(email) {
      const row = await byEmail(db.read, email);
      return row ? userFromRow(row) : null;
    },

    async listUsers() {
      const rows = await db.read.selectFrom('users').select(USER_COLUMNS).orderBy('email').execute();
      return rows.map(userFromRow);
    },

    async countUsers() {
      const row = await db.read
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return row.n;
    },

    async updateUser(id, patch, audit) {
      try {
        return await db.tx(async (trx) => {
          const row = await byId(trx, id);
          if (!row) throw new NotFoundError('user', id);
          const current = userFromRow(row);
          const email = patch.email !== undefined ? normalizeEmail(patch.email) : current.email;
          if (email !== current.email && (await byEmail(trx, email))) throw emailTaken(email);
          const next: UserRecord = {
            ...current,
            email,
            name: patch.name ?? current.name,
            roles: patch.roles ? [...patch.roles] : current.roles,
            passwordHash: patch.passwordHash ?? current.passwordHash,
            disabled: patch.disabled ?? current.disabled,
          };
          await trx
            .updateTable('users')
            .set({
              email: next.email,
              name: next.name,
              roles: JSON.stringify(next.roles),
              password_hash: next.passwordHash,
              disabled: next.disabled,
            })
            .where('id', '=', id)
            .execute();
          await db.appendAudit(trx, auditList(audit));
          return next;
        });
      } catch (error) {
        throw mapDuplicate(error, { id, email: patch.email !== undefined ? normalizeEmail(patch.email) : '' });
      }
    },

    async createSession(input) {
      const session = {
        id: idOr(input.id),
        tokenHash: input.tokenHash,
        userId: input.userId,
        csrfToken: input.csrfToken,
        createdAt: db.now(),
        expiresAt: input.expiresAt,
      };
      await db.tx(async (trx) => {
        if (!(await byId(trx, input.userId))) throw new NotFoundError('user', input.userId);
        await trx
          .insertInto('sessions')
          .values({
            id: session.id,
            token_hash: session.tokenHash,
            user_id: session.userId,
            csrf_token: session.csrfToken,
            created_at: session.createdAt,
            expires_at: session.expiresAt,
          })
          .execute();
      });
      return session;
    },

    async getSessionByTokenHash(tokenHash) {
      const row = await db.read.selectFrom('sessions').select(SESSION_COLUMNS).where('token_hash', '=', tokenHash).executeTakeFirst();
      return row ? sessionFromRow(row) : null;
    },

    async deleteSession(id) {
      await db.read.deleteFrom('sessions').where('id', '=', id).execute();
    },

    async deleteUserSessions(userId) {
      const result = await db.read.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async deleteExpiredSessions(now) {
      const result = await db.read.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
