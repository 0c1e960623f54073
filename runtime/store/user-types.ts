/**
 * The users aggregate of the store: people who sign in and their sessions.
 * Part of the `Store` contract (`types.ts`, whose conventions hold here too).
 */
import type { Role } from '../../engine/index.ts';
import type { AuditArg } from './audit-types.ts';

/** A person who signs in (staff, intermediaries, administrators). Applicants need no account. */
export interface UserRecord {
  id: string;
  /** Unique, stored lowercased; lookups are case-insensitive. */
  email: string;
  name: string;
  roles: Role[];
  /** `scrypt$<saltHex>$<hashHex>` or whatever the auth service writes; the store never reads it. */
  passwordHash: string;
  createdAt: string;
  disabled: boolean;
}

/** A signed-in session. Only the sha256 of the token is stored. */
export interface SessionRecord {
  id: string;
  tokenHash: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

export interface NewUser {
  id?: string;
  email: string;
  name: string;
  roles: Role[];
  passwordHash: string;
  disabled?: boolean;
}

/** Fields of a user that may change; omitted fields stay as they are. */
export interface UserPatch {
  name?: string;
  email?: string;
  roles?: Role[];
  passwordHash?: string;
  disabled?: boolean;
}

export interface NewSession {
  id?: string;
  tokenHash: string;
  userId: string;
  csrfToken: string;
  expiresAt: string;
}

/** Users and their sessions. */
export interface UserStore {
  // Users
  /** Creates a user; `ConflictError('duplicate')` if the (lowercased) email is taken. */
  createUser(input: NewUser, audit?: AuditArg): Promise<UserRecord>;
  getUser(id: string): Promise<UserRecord | null>;
  /** Case-insensitive email lookup. */
  getUserByEmail(email: string): Promise<UserRecord | null>;
  /** All users, ordered by email. */
  listUsers(): Promise<UserRecord[]>;
  countUsers(): Promise<number>;
  /** Applies `patch`; `NotFoundError` if absent, `ConflictError('duplicate')` if the new email is taken. */
  updateUser(id: string, patch: UserPatch, audit?: AuditArg): Promise<UserRecord>;

  // Sessions
  createSession(input: NewSession): Promise<SessionRecord>;
  /** The session with this token hash, or null. Expiry is NOT checked here: compare `expiresAt` yourself. */
  getSessionByTokenHash(tokenHash: string): Promise<SessionRecord | null>;
  /** Deletes one session; no error if it is already gone. */
  deleteSession(id: string): Promise<void>;
  /** Deletes every session of a user (password change, disabling); returns how many. */
  deleteUserSessions(userId: string): Promise<number>;
  /** Deletes sessions with `expiresAt` ≤ `now`; returns how many. */
  deleteExpiredSessions(now: string): Promise<number>;
}
