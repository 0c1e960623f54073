/**
 * The API beside the browser, for browser tests: sign in as a staff account with a bearer token, call a route, and
 * make a fresh draft of a program. One place, so that every suite prepares its drafts the same way.
 */
import { expect } from 'vitest';

/** A staff account of the harness (STAFF.*, ADMINISTRATOR). */
export interface Account {
  email: string;
  password: string;
}

/** A bearer token for `account`. */
export async function apiToken(url: string, account: Account): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  const body = (await response.json()) as { token?: string };
  if (!body.token) throw new Error(`${account.email} could not sign in: ${response.status} ${JSON.stringify(body)}`);
  return body.token;
}

/** Calls `route` (JSON in and out) without signing in; the status and the parsed body (null when empty). */
export async function api<T = any>(
  url: string,
  method: string,
  route: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${url}${route}`, {
    method,
    headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

/** Calls `route` as `account`; the status and the parsed body (null when empty). */
export async function apiAs<T>(
  url: string,
  account: Account,
  method: string,
  route: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  return api<T>(url, method, route, body, { Authorization: `Bearer ${await apiToken(url, account)}`, ...headers });
}

/** Replaces the program's draft with a copy of its version in force (as an import would make it). */
export async function freshDraft(url: string, account: Account, programId: string): Promise<void> {
  await apiAs(url, account, 'DELETE', `/api/programs/${programId}/draft`);
  const doc = await (await fetch(`${url}/api/programs/${programId}/export`)).json();
  const created = await apiAs(url, account, 'POST', '/api/programs', doc);
  expect(created.status, JSON.stringify(created.body).slice(0, 300)).toBe(201);
}

/** The program's draft definition as the server holds it. */
export async function draftDoc<T = Record<string, unknown>>(url: string, account: Account, programId: string): Promise<T> {
  return (await apiAs<{ doc: T }>(url, account, 'GET', `/api/programs/${programId}/draft`)).body.doc;
}
