/** The page for an address that leads nowhere. */
import { useTitle } from '../../shared/components.tsx';
import { useI18n } from '../../shared/i18n.tsx';
import { Link } from '../../shared/router.tsx';

/** "We could not find that page", with a way back. */
export function NotFound() {
  const { t } = useI18n();
  useTitle(t('common.notFound'), t('site.title'));
  return (
    <>
      <h1>{t('common.notFound')}</h1>
      <p>
        <Link className="usa-link" href="/">
          {t('nav.programs')}
        </Link>
      </p>
    </>
  );
}
