/**
 * The applicant pages and their addresses: `/` programs, `/screen` screener, `/apply/:programId[/:step]` the
 * application wizard, `/resume` continue with a resume code, `/result/:applicationId` the result, `/status` the
 * status of a submitted application on any device (resume code + second factor).
 */
import type { ReactNode } from 'react';
import { Layout } from '../shared/components.tsx';
import { useI18n } from '../shared/i18n.tsx';
import { matchPath, useLocation } from '../shared/router.tsx';
import { ApplyPage } from './pages/ApplyPage.tsx';
import { ProgramsPage } from './pages/ProgramsPage.tsx';
import { ResultPage } from './pages/ResultPage.tsx';
import { ResumePage } from './pages/ResumePage.tsx';
import { ScreenPage } from './pages/ScreenPage.tsx';
import { StatusPage } from './pages/StatusPage.tsx';
import { NotFound } from './pages/NotFound.tsx';

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
      {page}
    </Layout>
  );
}
