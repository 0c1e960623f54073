/**
 * The staff pages: `/staff` sign-in or the case inbox, `/staff/cases/:id` one case, `/staff/clients` an
 * intermediary's clients (their start page when they work no cases), `/staff/dashboard` the program dashboard (loaded
 * when opened: it brings the charts), `/staff/export-settings` the columns of its CSV export (administrators),
 * `/staff/organisations` organisations, members and programs (issue 16).
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { Layout } from '../shared/components.tsx';
import { useI18n } from '../shared/i18n.tsx';
import { matchPath, useLocation } from '../shared/router.tsx';
import { CasePage } from './pages/CasePage.tsx';
import { ClientsPage } from './pages/ClientsPage.tsx';
import { InboxPage } from './pages/InboxPage.tsx';
import { ReferralsPage } from './pages/ReferralsPage.tsx';
import { OrganisationsPage } from './pages/OrganisationsPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { SignedInAs, useSession } from './session.tsx';

/** The roles that work on cases (the inbox and case pages). */
const CASEWORK_ROLES = ['caseworker', 'supervisor', 'administrator'];
/** The roles that see the program dashboard (runtime/services/dashboard.ts DASHBOARD_ROLES). */
const DASHBOARD_ROLES = ['administrator', 'supervisor', 'analyst'];
/** The roles that manage organisations (runtime/http/routes/organisations.ts). */
const ORGANISATION_ROLES = ['administrator', 'platform-administrator'];

const DashboardPage = lazy(() => import('./pages/DashboardPage.tsx').then((m) => ({ default: m.DashboardPage })));
const ExportSettingsPage = lazy(() => import('./pages/ExportSettingsPage.tsx').then((m) => ({ default: m.ExportSettingsPage })));

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
  else if (pathname === '/staff/export-settings') {
    page = user.roles.includes('administrator') ? (
      <Suspense fallback={<p>{t('common.loading')}</p>}>
        <ExportSettingsPage />
      </Suspense>
    ) : (
      <p>{t('export.notAllowed')}</p>
    );
  } else if (pathname === '/staff/organisations' && user.roles.some((r) => ORGANISATION_ROLES.includes(r))) page = <OrganisationsPage />;
  else if (pathname === '/staff/dashboard') {
    page = user.roles.some((r) => DASHBOARD_ROLES.includes(r)) ? (
      <Suspense fallback={<p>{t('common.loading')}</p>}>
        <DashboardPage />
      </Suspense>
    ) : (
      <p>{t('dashboard.notAllowed')}</p>
    );
  } else if (intermediary && (pathname === '/staff/clients' || !casework)) page = <ClientsPage />;
  else if (!casework) {
    // Analysts (and anyone else without casework) are sent where their work is, not shown a refusal.
    page = (
      <>
        <h1>{t('staff.notCasework')}</h1>
        <p>{t('staff.notCaseworkText', { roles: user.roles.join(', ') || '—' })}</p>
        {user.roles.includes('analyst') && (
          <>
            <p>
              <a className="usa-link" href="/studio">
                {t('staff.toStudio')}
              </a>
            </p>
            <p>
              <a className="usa-link" href="/staff/dashboard">
                {t('dashboard.heading')}
              </a>
            </p>
          </>
        )}
      </>
    );
  } else if (params) page = <CasePage caseId={params.id} />;
  else if (pathname === '/staff/referrals') page = <ReferralsPage />;
  else page = <InboxPage />;
  return (
    <Layout
      title={t('site.staffTitle')}
      homeHref="/staff"
      nav={[
        ...(casework ? [{ href: '/staff', label: t('staff.inbox') }] : []),
        ...(casework ? [{ href: '/staff/referrals', label: t('staffReferrals.nav') }] : []),
        ...(intermediary ? [{ href: '/staff/clients', label: t('clients.title') }] : []),
        ...(user?.roles.some((r) => DASHBOARD_ROLES.includes(r)) ? [{ href: '/staff/dashboard', label: t('dashboard.nav') }] : []),
        ...(user?.roles.some((r) => ORGANISATION_ROLES.includes(r)) ? [{ href: '/staff/organisations', label: t('org.nav') }] : []),
      ]}
      extra={<SignedInAs />}
    >
      {page}
    </Layout>
  );
}
