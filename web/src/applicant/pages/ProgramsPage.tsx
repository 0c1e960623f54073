/** The list of programs open for applications, each with its description, who runs it and an "Apply" link. */
import { api } from '../../shared/api.ts';
import { errorText, useTitle } from '../../shared/components.tsx';
import { LoadError } from '../../shared/DeterminationView.tsx';
import { useLoad } from '../../shared/hooks.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { Link } from '../../shared/router.tsx';
import type { ProgramSummary } from '../../shared/types.ts';
import { offeredIn, StatePicker, usePlace } from '../StatePicker.tsx';

/** Fetches the published programs (in the page language) and lists them as USWDS cards. */
export function ProgramsPage() {
  const { t, lang } = useI18n();
  useTitle(t('programs.heading'), t('site.title'));
  const programs = useLoad(() => api<ProgramSummary[]>('GET', `/api/programs?lang=${lang}`), [lang]);
  const [place, setPlace] = usePlace();
  const { states, offered: list } = offeredIn(
    (programs.data ?? []).filter((p) => p.current !== null),
    place,
    (p) => p,
  );
  return (
    <>
      <h1>{t('programs.heading')}</h1>
      <p className="usa-intro">{t('programs.intro')}</p>
      <p>
        <Link className="usa-button usa-button--outline" href="/screen">
          {t('programs.screen')}
        </Link>
      </p>
      <StatePicker states={states} value={place} onChange={setPlace} />
      {programs.loading && !programs.data && <p>{t('common.loading')}</p>}
      {programs.error !== undefined && <LoadError message={errorText(programs.error, t)} />}
      {programs.data && list.length === 0 && <p>{t('programs.empty')}</p>}
      <ul className="usa-card-group">
        {list.map((program) => (
          <li className="usa-card tablet:grid-col-6" key={program.id}>
            <div className="usa-card__container">
              <div className="usa-card__header">
                <h2 className="usa-card__heading">{program.title}</h2>
              </div>
              <div className="usa-card__body">
                <p>{program.description}</p>
                {program.owner?.name && <p className="text-base-dark">{t('programs.runBy', { owner: program.owner.name })}</p>}
              </div>
              <div className="usa-card__footer">
                <Link className="usa-button" href={`/apply/${encodeURIComponent(program.id)}`}>
                  {t('programs.apply', { title: program.title })}
                </Link>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
