/**
 * The studio: `/studio` lists programs, `/studio/programs/:id` shows one program's versions and history,
 * `/studio/programs/:id/draft` edits its draft, `/studio/programs/:id/compare` compares two versions, `/studio/new` starts a new program from a template. Analysts and
 * administrators only; the server enforces the same on every call.
 */
import type { ReactNode } from 'react';
import { Alert, Layout } from '../../web/src/shared/components.tsx';
import { useI18n } from '../../web/src/shared/i18n.tsx';
import { matchPath, useLocation } from '../../web/src/shared/router.tsx';
import { SignInPage } from '../../web/src/staff/pages/SignInPage.tsx';
import { SignedInAs, useSession } from '../../web/src/staff/session.tsx';
import { ComparePage } from './pages/ComparePage.tsx';
import { DraftPage } from './pages/DraftPage.tsx';
import { NewProgramPage } from './pages/NewProgramPage.tsx';
import { ProgramPage } from './pages/ProgramPage.tsx';
import { ProgramsPage } from './pages/ProgramsPage.tsx';
import { SettingsPage } from './pages/SettingsPage.tsx';
import { useText } from './text.ts';

/** The roles that may use the studio. */
export const STUDIO_ROLES = ['analyst', 'administrator'];

/** Picks the studio page for the current address. */
export function StudioApp() {
  const { t } = useI18n();
  const s = useText();
  const { pathname } = useLocation();
  const { user, checked } = useSession();
  let page: ReactNode;
  let wide = false;
  if (!checked) page = <p>{t('common.loading')}</p>;
  else if (!user) page = <SignInPage />;
  else if (!user.roles.some((r) => STUDIO_ROLES.includes(r))) {
    page = (
      <Alert type="warning" heading={s('roles.heading')}>
        <p>{s('roles.text', { roles: user.roles.join(', ') || '—' })}</p>
      </Alert>
    );
  } else {
    const draft = matchPath('/studio/programs/:id/draft', pathname);
    const compare = matchPath('/studio/programs/:id/compare', pathname);
    const program = matchPath('/studio/programs/:id', pathname);
    if (draft) {
      wide = true;
      page = <DraftPage programId={draft.id} user={user} />;
    } else if (compare) {
      wide = true;
      page = <ComparePage programId={compare.id} />;
    } else if (program) page = <ProgramPage programId={program.id} />;
    else if (pathname === '/studio/settings') page = <SettingsPage user={user} />;
    else if (pathname === '/studio/new') page = <NewProgramPage />;
    else if (pathname === '/studio' || pathname === '/studio/') page = <ProgramsPage />;
    else page = <Alert type="warning" heading={t('common.notFound')} />;
  }
  return (
    <Layout
      title={s('site.title')}
      homeHref="/studio"
      wide={wide}
      nav={
        user
          ? [
              { href: '/studio', label: s('nav.programs') },
              ...(user.roles.includes('administrator') ? [{ href: '/studio/settings', label: s('nav.settings') }] : []),
            ]
          : []
      }
      extra={<SignedInAs />}
    >
      {page}
    </Layout>
  );
}
