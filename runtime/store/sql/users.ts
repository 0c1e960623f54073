/**
 * Users and sessions on an SQL store (the `Store` methods of those two entities), one implementation for SQLite and
 * PostgreSQL. Every write is one write transaction (group-committed, answered once durable), session deletes too: a
 * signed-out session stays signed out.
 */
import { auditList, idOr, normalizeEmail } from '../common.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { sessionFromRow, userFromRow } from '../rows.ts';
import type { UserRecord, UserStore } from '../types.ts';
import { prepared } from './prepared.ts';
import { affected, audit, first, all, type Sql, type SqlStore } from './steps.ts';

const USER_COLUMNS = ['id', 'email', 'name', 'roles', 'password_hash', 'created_at', 'disabled'] as const;
const SESSION_COLUMNS = ['id', 'token_hash', 'user_id', 'csrf_token', 'created_at', 'expires_at'] as const;

function emailTaken(email: string): ConflictError {
  return new ConflictError('duplicate', `A user with the email "${email}" already exists: use another email.`, { email });
}

const idTaken = (id: string) => new ConflictError('duplicate', `A user with id "${id}" already exists.`, { id });

/**
 * The `users` column a unique violation is on (`email` or `id`), or undefined when `error` is not one. The dialects
 * report it differently: PostgreSQL with code `23505` and the constraint's name, SQLite with an
 * `SQLITE_CONSTRAINT_UNIQUE` / `_PRIMARYKEY` code and the column in its message.
 */
function duplicateColumn(s: SqlStore, error: unknown): 'email' | 'id' | undefined {
  const e = error as { code?: string; constraint?: string; message?: string } | null;
  if (s.dialect === 'postgres') {
    if (e?.code !== '23505') return undefined;
    return e.constraint === 'users_email_key' ? 'email' : e.constraint === 'users_pkey' ? 'id' : undefined;
  }
  if (e?.code !== 'SQLITE_CONSTRAINT_UNIQUE' && e?.code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') return undefined;
  return e.message?.includes('users.email') ? 'email' : e.message?.includes('users.id') ? 'id' : undefined;
}

/** The user and session methods over `s`. */
export function sqlUserMethods(s: SqlStore): UserStore {
  const { q } = s;
  // Every signed-in request reads its session and its user.
  const userById = prepared((v: { id: string }) => q.selectFrom('users').select(USER_COLUMNS).where('id', '=', v.id));
  const sessionByTokenHash = prepared((v: { tokenHash: string }) =>
    q.selectFrom('sessions').select(SESSION_COLUMNS).where('token_hash', '=', v.tokenHash),
  );
  const byId = (id: string) => first(userById({ id }));
  const byEmail = (email: string) => first(q.selectFrom('users').select(USER_COLUMNS).where('email', '=', normalizeEmail(email)));
  /**
   * The same conflict the checks raise, for a unique violation that got past them (none should: writes are
   * serialised, by SQLite's one writer and PostgreSQL's audit lock).
   */
  const mapDuplicate = (error: unknown, user: Pick<UserRecord, 'id' | 'email'>): unknown => {
    const column = duplicateColumn(s, error);
    if (column === 'email') return emailTaken(user.email);
    if (column === 'id') return idTaken(user.id);
    return error;
  };

  return {
    async createUser(input, auditInput) {
      const email = normalizeEmail(input.email);
      const user: UserRecord = {
        id: idOr(input.id),
        email,
        name: input.name,
        roles: [...input.roles],
        passwordHash: input.passwordHash,
        createdAt: s.now(),
        disabled: input.disabled ?? false,
      };
      try {
        return await s.transaction(function* () {
          if (yield* byEmail(email)) throw emailTaken(email);
          if (yield* byId(user.id)) throw idTaken(user.id);
          yield* affected(
            q.insertInto('users').values({
              id: user.id,
              email: user.email,
              name: user.name,
              roles: JSON.stringify(user.roles),
              password_hash: user.passwordHash,
              created_at: user.createdAt,
              disabled: user.disabled,
            }),
          );
          yield* audit(auditList(auditInput));
          return user;
        });
      } catch (error) {
        throw mapDuplicate(error, user);
      }
    },

    getUser: (id) =>
      s.query(function* () {
        const row = yield* byId(id);
        return row ? userFromRow(row) : null;
      }),

    getUserByEmail: (email) =>
      s.query(function* () {
        const row = yield* byEmail(email);
        return row ? userFromRow(row) : null;
      }),

    listUsers: () =>
      s.query(function* () {
        return (yield* all(q.selectFrom('users').select(USER_COLUMNS).orderBy('email'))).map(userFromRow);
      }),

    countUsers: () =>
      s.query(function* () {
        return (yield* first(q.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n'))))!.n;
      }),

    async updateUser(id, patch, auditInput) {
      try {
        return await s.transaction(function* (): Sql<UserRecord> {
          const row = yield* byId(id);
          if (!row) throw new NotFoundError('user', id);
          const current = userFromRow(row);
          const email = patch.email !== undefined ? normalizeEmail(patch.email) : current.email;
          if (email !== current.email && (yield* byEmail(email))) throw emailTaken(email);
          const next: UserRecord = {
            ...current,
            email,
            name: patch.name ?? current.name,
            roles: patch.roles ? [...patch.roles] : current.roles,
            passwordHash: patch.passwordHash ?? current.passwordHash,
            disabled: patch.disabled ?? current.disabled,
          };
          yield* affected(
            q
              .updateTable('users')
              .set({
                email: next.email,
                name: next.name,
                roles: JSON.stringify(next.roles),
                password_hash: next.passwordHash,
                disabled: next.disabled,
              })
              .where('id', '=', id),
          );
          yield* audit(auditList(auditInput));
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
        createdAt: s.now(),
        expiresAt: input.expiresAt,
      };
      await s.transaction(function* () {
        if (!(yield* byId(input.userId))) throw new NotFoundError('user', input.userId);
        yield* affected(
          q.insertInto('sessions').values({
            id: session.id,
            token_hash: session.tokenHash,
            user_id: session.userId,
            csrf_token: session.csrfToken,
            created_at: session.createdAt,
            expires_at: session.expiresAt,
          }),
        );
      });
      return session;
    },

    getSessionByTokenHash: (tokenHash) =>
      s.query(function* () {
        const row = yield* first(sessionByTokenHash({ tokenHash }));
        return row ? sessionFromRow(row) : null;
      }),

    // In write transactions like every other write: answered once durable (on SQLite a statement outside one would
    // be answered before its fsync).
    async deleteSession(id) {
      await s.transaction(() => affected(q.deleteFrom('sessions').where('id', '=', id)));
    },

    deleteUserSessions: (userId) => s.transaction(() => affected(q.deleteFrom('sessions').where('user_id', '=', userId))),

    deleteExpiredSessions: (now) => s.transaction(() => affected(q.deleteFrom('sessions').where('expires_at', '<=', now))),
  };
}
