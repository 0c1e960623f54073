/**
 * SQLite users and sessions (the `Store` methods of those two entities).
 */
import { auditList, idOr, normalizeEmail } from '../common.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { UserRecord, UserStore } from '../types.ts';
import type { SqliteDb } from './db.ts';
import { sessionFromRow, userFromRow, type SessionRow, type UserRow } from '../rows.ts';

function emailTaken(email: string): ConflictError {
  return new ConflictError('duplicate', `A user with the email "${email}" already exists: use another email.`, { email });
}

/** The user and session methods over `db`. */
export function sqliteUserMethods(db: SqliteDb): UserStore {
  const byId = (id: string) => db.get<UserRow>('SELECT * FROM users WHERE id = ?', id);
  const byEmail = (email: string) => db.get<UserRow>('SELECT * FROM users WHERE email = ?', normalizeEmail(email));

  return {
    async createUser(input, audit) {
      const email = normalizeEmail(input.email);
      return db.tx(() => {
        if (byEmail(email)) throw emailTaken(email);
        const user: UserRecord = {
          id: idOr(input.id),
          email,
          name: input.name,
          roles: [...input.roles],
          passwordHash: input.passwordHash,
          createdAt: db.now(),
          disabled: input.disabled ?? false,
        };
        if (byId(user.id)) throw new ConflictError('duplicate', `A user with id "${user.id}" already exists.`, { id: user.id });
        db.run(
          'INSERT INTO users (id, email, name, roles, password_hash, created_at, disabled) VALUES (?, ?, ?, ?, ?, ?, ?)',
          user.id,
          user.email,
          user.name,
          JSON.stringify(user.roles),
          user.passwordHash,
          user.createdAt,
          user.disabled ? 1 : 0,
        );
        db.appendAudit(auditList(audit));
        return user;
      });
    },

    async getUser(id) {
      const row = byId(id);
      return row ? userFromRow(row) : null;
    },

    async getUserByEmail(email) {
      const row = byEmail(email);
      return row ? userFromRow(row) : null;
    },

    async listUsers() {
      return db.all<UserRow>('SELECT * FROM users ORDER BY email').map(userFromRow);
    },

    async countUsers() {
      return db.get<{ n: number }>('SELECT COUNT(*) AS n FROM users')!.n;
    },

    async updateUser(id, patch, audit) {
      return db.tx(() => {
        const row = byId(id);
        if (!row) throw new NotFoundError('user', id);
        const current = userFromRow(row);
        const email = patch.email !== undefined ? normalizeEmail(patch.email) : current.email;
        if (email !== current.email && byEmail(email)) throw emailTaken(email);
        const next: UserRecord = {
          ...current,
          email,
          name: patch.name ?? current.name,
          roles: patch.roles ? [...patch.roles] : current.roles,
          passwordHash: patch.passwordHash ?? current.passwordHash,
          disabled: patch.disabled ?? current.disabled,
        };
        db.run(
          'UPDATE users SET email = ?, name = ?, roles = ?, password_hash = ?, disabled = ? WHERE id = ?',
          next.email,
          next.name,
          JSON.stringify(next.roles),
          next.passwordHash,
          next.disabled ? 1 : 0,
          id,
        );
        db.appendAudit(auditList(audit));
        return next;
      });
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
      await db.tx(() => {
        if (!byId(input.userId)) throw new NotFoundError('user', input.userId);
        db.run(
          'INSERT INTO sessions (id, token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
          session.id,
          session.tokenHash,
          session.userId,
          session.csrfToken,
          session.createdAt,
          session.expiresAt,
        );
      });
      return session;
    },

    async getSessionByTokenHash(tokenHash) {
      const row = db.get<SessionRow>('SELECT * FROM sessions WHERE token_hash = ?', tokenHash);
      return row ? sessionFromRow(row) : null;
    },

    // In write transactions like every other write: answered once durable (a signed-out session stays signed out).
    async deleteSession(id) {
      await db.tx(() => db.run('DELETE FROM sessions WHERE id = ?', id));
    },

    async deleteUserSessions(userId) {
      return db.tx(() => db.run('DELETE FROM sessions WHERE user_id = ?', userId));
    },

    async deleteExpiredSessions(now) {
      return db.tx(() => db.run('DELETE FROM sessions WHERE expires_at <= ?', now));
    },
  };
}
