/**
 * The one way the web pages talk to the runtime: `api(method, path, body?)` returns the parsed JSON body or throws an
 * `ApiError` whose `message` is readable by a person (the server's message, or a plain sentence when the server is
 * unreachable). Cookie sessions send the CSRF token on every non-GET request.
 */
import type { Diagnostic, Error as ErrorBody } from './api-types.ts';

/** A failed API call: HTTP status (0 when the network failed), a readable message, and the server's diagnostics. */
export class ApiError extends Error {
  readonly status: number;
  readonly code?: string;
  readonly diagnostics: Diagnostic[];
  constructor(status: number, message: string, code?: string, diagnostics: Diagnostic[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.diagnostics = diagnostics;
  }
}

let csrfToken: string | null = null;
let language: string | null = null;

/**
 * The page's language, sent as `Accept-Language` so the server words its errors in it (an application's own
 * language still wins for its submission errors).
 */
export function setApiLanguage(lang: string | null): void {
  language = lang;
}

/** Remembers the CSRF token to send in `X-CSRF-Token` (staff pages, after sign-in). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/**
 * Calls `/api/...`; resolves with the JSON body (or `null` for an empty body), rejects with an `ApiError`. A `Blob`
 * body (a file being imported) is sent as it is, with its own type.
 */
export async function api<T>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<T> {
  try {
    return await send<T>(method, path, body, extraHeaders);
  } catch (err) {
    // A page that never signed in (the applicant pages) may still carry a staff session cookie from another tab:
    // the server then wants that session's CSRF token. Fetch it once and try again; without a session this fails
    // and the first refusal stands.
    if (!(err instanceof ApiError) || err.status !== 403 || err.code !== 'csrf' || method === 'GET') throw err;
    try {
      setCsrfToken((await send<{ csrfToken: string }>('GET', '/api/auth/csrf')).csrfToken);
    } catch {
      throw err;
    }
    return send<T>(method, path, body, extraHeaders);
  }
}

async function send<T>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...extraHeaders };
  const file = typeof Blob !== 'undefined' && body instanceof Blob;
  // A form (an upload) sets its own multipart Content-Type with its boundary.
  const form = typeof FormData !== 'undefined' && body instanceof FormData;
  if (body !== undefined && !form) headers['Content-Type'] = file ? body.type || 'application/octet-stream' : 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (language && !('Accept-Language' in headers)) headers['Accept-Language'] = language;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : file || form ? (body as BodyInit) : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network');
  }
  const text = await response.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!response.ok) throw toApiError(response.status, parsed);
  return parsed as T;
}

/** Every JSON error of the API has the `Error` schema's shape; any other body (a proxy's error page) leaves only the status. */
function toApiError(status: number, body: unknown): ApiError {
  const error = body && typeof body === 'object' ? (body as Partial<ErrorBody>).error : undefined;
  if (!error || typeof error.message !== 'string') return new ApiError(status, `status-${status}`);
  return new ApiError(status, error.message, error.code, error.diagnostics ?? []);
}
