/**
 * "My clients", for intermediaries (navigators, community organisations): start an application on behalf of a named
 * client, after reading them the consent statement (`GET /api/consent-statement`) and confirming it with a checkbox,
 * then fill it in on the applicant pages; and follow every application they started, with where each stands. The
 * client's consent (the statement as shown, when, by whom) is stored with the application; the intermediary receives
 * a copy of every notice the client does.
 */
import { useState, type FormEvent } from 'react';
import { loadResult, saveDraft } from '../../applicant/drafts.ts';
import { api } from '../../shared/api.ts';
import { errorText, useTitle } from '../../shared/components.tsx';
import { LoadError } from '../../shared/DeterminationView.tsx';
import { formatDate } from '../../shared/format.ts';
import { useLoad } from '../../shared/hooks.ts';
import { LANGUAGES, translator, useI18n } from '../../shared/i18n.tsx';
import type { ApplicationList, ConsentStatement, StartedApplication } from '../../shared/api-types.ts';
import type { ProgramSummary } from '../../shared/types.ts';

/** The page. */
export function ClientsPage() {
  const { t, lang } = useI18n();
  useTitle(t('clients.title'), t('site.staffTitle'));
  const programs = useLoad(() => api<ProgramSummary[]>('GET', `/api/programs?lang=${lang}`), [lang]);
  const mine = useLoad(() => api<ApplicationList>('GET', '/api/applications'), []);
  const [client, setClient] = useState('');
  const [programId, setProgramId] = useState('');
  const [clientLang, setClientLang] = useState<string>(lang);
  const [agreed, setAgreed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = client.trim();
  const statement = useLoad(
    () =>
      name && programId
        ? api<ConsentStatement>(
            'GET',
            `/api/consent-statement?program=${encodeURIComponent(programId)}&client=${encodeURIComponent(name)}&lang=${clientLang}`,
          )
        : Promise.resolve(null),
    [name, programId, clientLang],
  );
  const open = (programs.data ?? []).filter((p) => p.current);
  const titles = new Map((programs.data ?? []).map((p) => [p.id, p.title]));

  const start = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await api<StartedApplication>('POST', '/api/applications', {
        programId,
        lang: clientLang,
        onBehalfOf: name,
        consent: { confirmed: true },
      });
      // The applicant pages continue the application on this device, as they do for an applicant.
      saveDraft({ id: created.id, programId, resumeCode: created.resumeCode, answers: created.answers, updatedAt: new Date().toISOString() });
      window.location.assign(`/apply/${encodeURIComponent(programId)}?lang=${clientLang}`);
    } catch (err) {
      setError(errorText(err, t));
      setBusy(false);
    }
  };

  return (
    <>
      <h1>{t('clients.title')}</h1>
      <p className="usa-intro">{t('clients.intro')}</p>
      <section aria-labelledby="start-heading">
        <h2 id="start-heading">{t('clients.start')}</h2>
        <form className="usa-form usa-form--large" onSubmit={(e) => void start(e)} data-testid="client-start">
          <label className="usa-label" htmlFor="client-name">
            {t('clients.name')}
          </label>
          <input
            className="usa-input"
            id="client-name"
            autoComplete="off"
            value={client}
            onChange={(e) => (setClient(e.target.value), setAgreed(false))}
          />
          <label className="usa-label" htmlFor="client-program">
            {t('clients.program')}
          </label>
          <select className="usa-select" id="client-program" value={programId} onChange={(e) => (setProgramId(e.target.value), setAgreed(false))}>
            <option value="">{t('common.select')}</option>
            {open.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
          <label className="usa-label" htmlFor="client-lang">
            {t('clients.language')}
          </label>
          <select className="usa-select" id="client-lang" value={clientLang} onChange={(e) => (setClientLang(e.target.value), setAgreed(false))}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {translator(l)('lang.name')}
              </option>
            ))}
          </select>
          <fieldset className="usa-fieldset margin-top-3">
            <legend className="usa-legend text-bold">{t('clients.consentHeading')}</legend>
            {!statement.data ? (
              <p>{t('clients.consentNeedsName')}</p>
            ) : (
              <>
                <p>{t('clients.consentIntro')}</p>
                <blockquote className="margin-x-0 padding-2 bg-base-lightest" lang={statement.data.lang} data-testid="consent-statement">
                  {statement.data.statement}
                </blockquote>
                <div className="usa-checkbox">
                  <input
                    className="usa-checkbox__input"
                    id="client-consent"
                    type="checkbox"
                    checked={agreed}
                    onChange={(e) => setAgreed(e.target.checked)}
                  />
                  <label className="usa-checkbox__label" htmlFor="client-consent">
                    {t('clients.consentConfirm')}
                  </label>
                </div>
              </>
            )}
          </fieldset>
          {error && (
            <p className="usa-error-message" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="usa-button" disabled={busy || !name || !programId || !agreed || !statement.data}>
            {t('clients.begin')}
          </button>
        </form>
      </section>

      <section aria-labelledby="mine-heading">
        <h2 id="mine-heading">{t('clients.list')}</h2>
        {mine.error !== undefined && <LoadError message={errorText(mine.error, t)} />}
        {mine.data && mine.data.items.length === 0 && <p>{t('clients.none')}</p>}
        {mine.data && mine.data.items.length > 0 && (
          <table className="usa-table usa-table--borderless usa-table--stacked width-full" data-testid="client-applications">
            <caption className="usa-sr-only">{t('clients.list')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('clients.client')}</th>
                <th scope="col">{t('clients.program')}</th>
                <th scope="col">{t('clients.started')}</th>
                <th scope="col">{t('clients.status')}</th>
              </tr>
            </thead>
            <tbody>
              {mine.data.items.map((a) => (
                <tr key={a.id} data-testid="client-row">
                  <th scope="row" data-label={t('clients.client')}>
                    {a.onBehalfOf ?? '—'}
                  </th>
                  <td data-label={t('clients.program')}>{titles.get(a.programId) ?? a.programId}</td>
                  <td data-label={t('clients.started')}>{formatDate(a.createdAt, lang)}</td>
                  <td data-label={t('clients.status')}>
                    {a.caseState ? (
                      <>
                        <span data-testid="client-state">{a.caseState.title}</span> {/* The result page shows a result this device submitted. */}
                        {loadResult(a.id) && (
                          <a className="usa-link" href={`/result/${encodeURIComponent(a.id)}?lang=${a.lang}`}>
                            {t('clients.viewResult')}
                          </a>
                        )}
                      </>
                    ) : (
                      t('clients.draft')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
