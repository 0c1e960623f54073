/**
 * The staff session: `useSession()` knows who is signed in (`GET /api/auth/me`), signs in with email and password
 * (cookie session; the CSRF token is then sent on every change), and signs out.
 */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, setCsrfToken } from '../shared/api.ts';
import { useI18n } from '../shared/i18n.tsx';
import type { Csrf, LoginResponse, User } from '../shared/api-types.ts';

/** A signed-in staff member (`GET /api/auth/me`). */
export type StaffUser = User;

interface SessionValue {
  user: StaffUser | null;
  checked: boolean;
  signIn: (email: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

async function loadCsrf(): Promise<void> {
  const response = await api<Csrf>('GET', '/api/auth/csrf');
  setCsrfToken(response.csrfToken);
}

/** Provides the session to the staff pages. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<StaffUser | null>(null);
  const [checked, setChecked] = useState(false);
  useEffect(() => {
    api<User>('GET', '/api/auth/me')
      .then(async (me) => {
        await loadCsrf();
        setUser(me);
      })
      .catch(() => setUser(null))
      .finally(() => setChecked(true));
  }, []);
  const signIn = useCallback(async (email: string, password: string) => {
    const body = await api<LoginResponse>('POST', '/api/auth/login', { email, password });
    setCsrfToken(body.csrfToken);
    setUser(body.user);
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

/** The header's "Signed in as … · Sign out" for the staff pages and the studio. */
export function SignedInAs() {
  const { user, signOut } = useSession();
  const { t } = useI18n();
  if (!user) return null;
  return (
    <span>
      <span className="margin-right-1">{t('staff.signedInAs', { name: user.name ?? user.email })}</span>
      <button type="button" className="usa-button usa-button--unstyled" onClick={() => void signOut()}>
        {t('staff.signOut')}
      </button>
    </span>
  );
}
