/**
 * The staff pages: `/staff` sign-in or the case inbox, `/staff/cases/:id` one case, `/staff/clients` an
 * intermediary's clients (their start page when they work no cases).
 */
import type { ReactNode } from 'react';
import { Layout } from '../shared/components.tsx';
import { useI18n } from '../shared/i18n.tsx';
import { matchPath, useLocation } from '../shared/router.tsx';
import { CasePage } from './pages/CasePage.tsx';
import { ClientsPage } from './pages/ClientsPage.tsx';
import { InboxPage } from './pages/InboxPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { SignedInAs, useSession } from './session.tsx';

/** The roles that work on cases (the inbox and case pages). */
const CASEWORK_ROLES = ['caseworker', 'supervisor', 'administrator'];

/** Picks the staff page for the current address; everything needs a signed-in user. */
export function StaffApp() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const { user, checked } = useSession();
  const params = matchPath('/staff/cases/:id', pathname);
  const intermediary = !!user?.roles.includes('intermediary');
  const casework = !!user?.roles.some((r) => CASEWORK_ROLES.includes(r));
  let page: ReactNode;
  if (!checked) page = <p>{t('common.loading')}</p>;
  else if (!user) page = <SignInPage />;
  else if (intermediary && (pathname === '/staff/clients' || !casework)) page = <ClientsPage />;
  else if (!casework) {
    // Analysts (and anyone else without casework) are sent where their work is, not shown a refusal.
    page = (
      <>
        <h1>{t('staff.notCasework')}</h1>
        <p>{t('staff.notCaseworkText', { roles: user.roles.join(', ') || '—' })}</p>
        {user.roles.includes('analyst') && (
          <p>
            <a className="usa-link" href="/studio">
              {t('staff.toStudio')}
            </a>
          </p>
        )}
      </>
    );
  } else if (params) page = <CasePage caseId={params.id} />;
  else page = <InboxPage />;
  return (
    <Layout
      title={t('site.staffTitle')}
      homeHref="/staff"
      nav={[
        ...(casework ? [{ href: '/staff', label: t('staff.inbox') }] : []),
        ...(intermediary ? [{ href: '/staff/clients', label: t('clients.title') }] : []),
      ]}
      extra={<SignedInAs />}
    >
      {page}
    </Layout>
  );
}
