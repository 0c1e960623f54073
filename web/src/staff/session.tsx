/**
 * The staff session: `useSession()` knows who is signed in (`GET /api/auth/me`), signs in with email and password
 * (cookie session; the CSRF token is then sent on every change), and signs out.
 */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, setCsrfToken } from '../shared/api.ts';

/** A signed-in staff member. */
export interface StaffUser {
  id: string;
  email: string;
  name?: string;
  roles: string[];
}

interface SessionValue {
  user: StaffUser | null;
  checked: boolean;
  signIn: (email: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

async function loadCsrf(): Promise<void> {
  const response = await api<{ csrfToken?: string; token?: string }>('GET', '/api/auth/csrf');
  setCsrfToken(response?.csrfToken ?? response?.token ?? null);
}

function userOf(body: unknown): StaffUser | null {
  const record = (body ?? {}) as { user?: StaffUser } & Partial<StaffUser>;
  if (record.user) return record.user;
  return record.id ? (record as StaffUser) : null;
}

/** Provides the session to the staff pages. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<StaffUser | null>(null);
  const [checked, setChecked] = useState(false);
  useEffect(() => {
    api<unknown>('GET', '/api/auth/me')
      .then(async (body) => {
        const me = userOf(body);
        if (me) await loadCsrf();
        setUser(me);
      })
      .catch(() => setUser(null))
      .finally(() => setChecked(true));
  }, []);
  const signIn = useCallback(async (email: string, password: string) => {
    const body = await api<{ csrfToken?: string }>('POST', '/api/auth/login', { email, password });
    if (body?.csrfToken) setCsrfToken(body.csrfToken);
    else await loadCsrf();
    setUser(userOf(body));
  }, []);
  const signOut = useCallback(async () => {
    try {
      await api('POST', '/api/auth/logout');
    } finally {
      setCsrfToken(null);
      setUser(null);
    }
  }, []);
  return <SessionContext.Provider value={{ user, checked, signIn, signOut }}>{children}</SessionContext.Provider>;
}

/** The current session. */
export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}
