/**
 * The team around one person (issue 16): the case's members from several organisations with their role labels;
 * staff of the program's organisation add members from the staff directory and remove them.
 */
import { useState, type FormEvent } from 'react';
import { api } from '../../shared/api.ts';
import type { StaffDirectory } from '../../shared/api-types.ts';
import { errorText } from '../../shared/components.tsx';
import { useLoad } from '../../shared/hooks.ts';
import { useI18n } from '../../shared/i18n.tsx';
import type { CaseDetail } from '../types.ts';

/** The team panel of the case page. */
export function CaseTeam({ data, onChange, onError }: { data: CaseDetail; onChange: () => void; onError: (text: string) => void }) {
  const { t } = useI18n();
  const staff = data.access === 'organisation';
  const directory = useLoad(() => (staff ? api<StaffDirectory>('GET', '/api/staff-directory') : Promise.resolve({ items: [] })), [staff]);
  const [who, setWho] = useState('');
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const caseId = encodeURIComponent(data.case.id);
  const run = async (call: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await call();
      onChange();
      return true;
    } catch (error) {
      onError(errorText(error, t));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!who || !label.trim()) return;
    if (await run(() => api('PUT', `/api/cases/${caseId}/team/${encodeURIComponent(who)}`, { roleLabel: label.trim() }))) {
      setWho('');
      setLabel('');
    }
  };
  const onTeam = new Set(data.team.map((m) => m.userId));
  return (
    <section aria-labelledby="team-heading">
      <h2 id="team-heading">{t('team.heading')}</h2>
      <p>{t('team.intro')}</p>
      {data.team.length === 0 ? (
        <p>{t('team.empty')}</p>
      ) : (
        <ul className="usa-list usa-list--unstyled" data-testid="team">
          {data.team.map((m) => (
            <li key={m.userId} className="margin-bottom-1">
              <strong>{m.name}</strong>, {m.roleLabel} ({m.organisations.map((o) => o.name).join(', ')}){' '}
              {staff && (
                <button
                  type="button"
                  className="usa-button usa-button--unstyled"
                  disabled={busy}
                  onClick={() => void run(() => api('DELETE', `/api/cases/${caseId}/team/${encodeURIComponent(m.userId)}`))}
                >
                  {t('team.remove', { name: m.name })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {staff && (
        <form className="usa-form" onSubmit={(e) => void add(e)}>
          <h3>{t('team.add')}</h3>
          <label className="usa-label" htmlFor="team-who">
            {t('team.who')}
          </label>
          <select className="usa-select" id="team-who" value={who} onChange={(e) => setWho(e.target.value)}>
            <option value="">{t('team.choose')}</option>
            {(directory.data?.items ?? [])
              .filter((p) => !onTeam.has(p.id))
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.organisations.map((o) => o.name).join(', ')})
                </option>
              ))}
          </select>
          <label className="usa-label" htmlFor="team-label">
            {t('team.label')}
          </label>
          <input className="usa-input" id="team-label" value={label} maxLength={100} onChange={(e) => setLabel(e.target.value)} />
          <button type="submit" className="usa-button" disabled={busy || !who || !label.trim()}>
            {t('team.save')}
          </button>
        </form>
      )}
    </section>
  );
}
