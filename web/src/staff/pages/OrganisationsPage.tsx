/**
 * `/staff/organisations` (issue 16): the organisations you administer with their programs and members
 * (`OrganisationMembers`); for a platform administrator every organisation, a form to create one, and which
 * organisation runs each program.
 */
import { useState, type FormEvent } from 'react';
import { api } from '../../shared/api.ts';
import type { Organisation, OrganisationList } from '../../shared/api-types.ts';
import { Alert, errorText, useTitle } from '../../shared/components.tsx';
import { LoadError } from '../../shared/DeterminationView.tsx';
import { useLoad } from '../../shared/hooks.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { useSession } from '../session.tsx';
import { OrganisationMembers } from './OrganisationMembers.tsx';

/** The organisations page. */
export function OrganisationsPage() {
  const { t } = useI18n();
  const { user } = useSession();
  useTitle(t('org.heading'), t('site.staffTitle'));
  const list = useLoad(() => api<OrganisationList>('GET', '/api/organisations'), []);
  const platform = !!user?.roles.includes('platform-administrator');
  const [message, setMessage] = useState<{ type: 'error' | 'success'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  if (list.error !== undefined) return <LoadError message={errorText(list.error, t)} />;
  if (!list.data) return <p>{t('common.loading')}</p>;
  const organisations = list.data.items;
  const run = async (call: () => Promise<string>) => {
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ type: 'success', text: await call() });
      list.reload();
    } catch (error) {
      setMessage({ type: 'error', text: errorText(error, t) });
    } finally {
      setBusy(false);
    }
  };
  const create = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const created = await api<Organisation>('POST', '/api/organisations', { id: id.trim(), name: name.trim() });
      setId('');
      setName('');
      return t('org.created', { name: created.name });
    });
  };
  const programs = organisations
    .flatMap((o) => (o.programs ?? []).map((p) => ({ program: p, organisation: o.id })))
    .sort((a, b) => a.program.localeCompare(b.program));
  const nameOf = (oid: string) => organisations.find((o) => o.id === oid)?.name ?? oid;
  return (
    <>
      <h1>{t('org.heading')}</h1>
      <p>{t('org.intro')}</p>
      {message && (
        <Alert type={message.type} slim focus>
          <p className="usa-alert__text">{message.text}</p>
        </Alert>
      )}
      {organisations.length === 0 && <p>{t('org.none')}</p>}
      <ul className="usa-list usa-list--unstyled" data-testid="organisations">
        {organisations.map((o) => (
          <li key={o.id} className="margin-bottom-2">
            <strong>{o.name}</strong> <span className="text-base-dark">({o.id})</span>
            <br />
            {t('org.programs')}: {(o.programs ?? []).length > 0 ? (o.programs ?? []).join(', ') : t('org.noPrograms')}
          </li>
        ))}
      </ul>
      {platform && (
        <section aria-labelledby="assign-heading">
          <h2 id="assign-heading">{t('org.assign')}</h2>
          <table className="usa-table usa-table--stacked usa-table--borderless width-full">
            <thead>
              <tr>
                <th scope="col">{t('org.program')}</th>
                <th scope="col">{t('org.runBy')}</th>
              </tr>
            </thead>
            <tbody>
              {programs.map(({ program, organisation }) => (
                <tr key={program}>
                  <td data-label={t('org.program')}>
                    <label htmlFor={`assign-${program}`}>{program}</label>
                  </td>
                  <td data-label={t('org.runBy')}>
                    <select
                      className="usa-select margin-top-0"
                      id={`assign-${program}`}
                      value={organisation}
                      disabled={busy}
                      onChange={(e) => {
                        const to = e.target.value;
                        void run(async () => {
                          await api('PUT', `/api/programs/${encodeURIComponent(program)}/organisation`, { organisationId: to });
                          return t('org.assigned', { program, organisation: nameOf(to) });
                        });
                      }}
                    >
                      {organisations.map((o) => (
                        <option key={o.id} value={o.id}>
                          {o.name}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <form className="usa-form" onSubmit={create}>
            <h2>{t('org.create')}</h2>
            <label className="usa-label" htmlFor="org-new-id">
              {t('org.id')}
            </label>
            <input className="usa-input" id="org-new-id" value={id} pattern="[a-z0-9]+(-[a-z0-9]+)*" onChange={(e) => setId(e.target.value)} />
            <label className="usa-label" htmlFor="org-new-name">
              {t('org.name')}
            </label>
            <input className="usa-input" id="org-new-name" value={name} onChange={(e) => setName(e.target.value)} />
            <button type="submit" className="usa-button" disabled={busy || !id.trim() || !name.trim()}>
              {t('org.create')}
            </button>
          </form>
        </section>
      )}
      {organisations
        .filter((o) => o.manages)
        .map((o) => (
          <OrganisationMembers key={o.id} organisation={o} />
        ))}
    </>
  );
}
