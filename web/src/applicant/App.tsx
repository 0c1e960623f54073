/**
 * The applicant pages and their addresses: `/` programs, `/screen` screener, `/apply/:programId[/:step]` the
 * application wizard, `/resume` continue with a resume code, `/result/:applicationId` the result, `/status` the
 * status of a submitted application on any device (resume code + second factor).
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { Layout } from '../shared/components.tsx';
import { useI18n } from '../shared/i18n.tsx';
import { matchPath, useLocation } from '../shared/router.tsx';
import { ProgramsPage } from './pages/ProgramsPage.tsx';
import { NotFound } from './pages/NotFound.tsx';

// The first page (the programs) loads alone; the pages with forms (RJSF, the validators) load when opened, so a
// phone gets the first page within 150 kB (README "Page weight").
const ApplyPage = lazy(() => import('./pages/ApplyPage.tsx').then((m) => ({ default: m.ApplyPage })));
const ResultPage = lazy(() => import('./pages/ResultPage.tsx').then((m) => ({ default: m.ResultPage })));
const ResumePage = lazy(() => import('./pages/ResumePage.tsx').then((m) => ({ default: m.ResumePage })));
const ScreenPage = lazy(() => import('./pages/ScreenPage.tsx').then((m) => ({ default: m.ScreenPage })));
const StatusPage = lazy(() => import('./pages/StatusPage.tsx').then((m) => ({ default: m.StatusPage })));
const ReferralStatusPage = lazy(() => import('./pages/ReferralStatusPage.tsx').then((m) => ({ default: m.ReferralStatusPage })));

/** Picks the page for the current address. */
export function ApplicantApp() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  let page: ReactNode;
  let params: Record<string, string> | null;
  if (pathname === '/' || pathname === '/programs') page = <ProgramsPage />;
  else if (pathname === '/screen') page = <ScreenPage />;
  else if (pathname === '/resume') page = <ResumePage />;
  else if (pathname === '/status') page = <StatusPage />;
  else if (pathname === '/referral') page = <ReferralStatusPage />;
  else if ((params = matchPath('/apply/:programId', pathname))) page = <ApplyPage programId={params.programId} />;
  else if ((params = matchPath('/apply/:programId/:step', pathname))) page = <ApplyPage programId={params.programId} step={params.step} />;
  else if ((params = matchPath('/result/:applicationId', pathname))) page = <ResultPage applicationId={params.applicationId} />;
  else page = <NotFound />;
  return (
    <Layout
      title={t('site.title')}
      footer={t('site.footer')}
      homeHref="/"
      nav={[
        { href: '/screen', label: t('nav.screen') },
        { href: '/resume', label: t('nav.resume') },
        { href: '/status', label: t('nav.status') },
      ]}
    >
      <Suspense fallback={<p>{t('common.loading')}</p>}>{page}</Suspense>
    </Layout>
  );
}
