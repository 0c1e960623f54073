/**
 * The caseworker inbox: filters (program, state, assignee, overdue, search) kept in the address, counts, and a table
 * of cases with their state, assignee (by name) and nearest deadline; overdue cases are highlighted. The table fits
 * its column and, at phone width, becomes one stacked card per case (USWDS stacked table). New and changed cases
 * appear without a reload (`useCaseFeed`: server-sent events, else polling).
 */
import { useState, type FormEvent } from 'react';
import { useCaseFeed, POLL_SECONDS } from '../live.ts';
import { api } from '../../shared/api.ts';
import { errorText, useTitle } from '../../shared/components.tsx';
import { LoadError } from '../../shared/DeterminationView.tsx';
import { formatDate } from '../../shared/format.ts';
import { useLoad } from '../../shared/hooks.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { Link, navigate, useLocation } from '../../shared/router.tsx';
import type { ProgramSummary } from '../../shared/types.ts';
import { fetchCurrentProgram } from '../../shared/programs.ts';
import type { CaseList, CaseRow } from '../types.ts';

/** The inbox page. */
export function InboxPage() {
  const { t, lang } = useI18n();
  useTitle(t('staff.inbox'), t('site.staffTitle'));
  const { search } = useLocation();
  const query = search.toString();
  const programs = useLoad(async () => {
    const list = await api<ProgramSummary[]>('GET', `/api/programs?lang=${lang}`);
    // The workflow of each program's current version names the states in the page language.
    const docs = await Promise.all(list.filter((p) => p.current).map((p) => fetchCurrentProgram(p.id, lang).catch(() => null)));
    const stateTitles = new Map<string, string>();
    for (const doc of docs) {
      for (const [state, info] of Object.entries(doc?.workflow.states ?? {})) {
        if (!stateTitles.has(state)) stateTitles.set(state, info.title);
      }
    }
    return { list, stateTitles };
  }, [lang]);
  const list = useLoad(() => api<CaseList>('GET', `/api/cases${query ? `?${query}` : ''}`), [query]);
  const feed = useCaseFeed(list.reload);
  const [filters, setFilters] = useState({
    program: search.get('program') ?? '',
    state: search.get('state') ?? '',
    assignee: search.get('assignee') ?? '',
    overdue: search.get('overdue') === 'true',
    q: search.get('q') ?? '',
  });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const params = new URLSearchParams();
    if (filters.program) params.set('program', filters.program);
    if (filters.state) params.set('state', filters.state);
    if (filters.assignee) params.set('assignee', filters.assignee);
    if (filters.overdue) params.set('overdue', 'true');
    if (filters.q) params.set('q', filters.q);
    navigate(`/staff${params.size ? `?${params}` : ''}`);
  };
  const cases: CaseRow[] = list.data?.items ?? [];
  const programTitles = new Map((programs.data?.list ?? []).map((p) => [p.id, p.title]));
  const titleOf = (state: string) => programs.data?.stateTitles.get(state) ?? state;
  const states = new Map<string, string>();
  for (const row of cases) states.set(row.state, titleOf(row.state));
  for (const state of Object.keys(list.data?.countsByState ?? {})) if (!states.has(state)) states.set(state, titleOf(state));
  const overdueCount = cases.filter((c) => c.overdue).length;

  return (
    <>
      <h1>{t('staff.inbox')}</h1>
      <form className="usa-form usa-form--large maxw-none margin-bottom-3" onSubmit={apply} aria-label={t('staff.filters')}>
        <div className="grid-row grid-gap">
          <div className="tablet:grid-col-3">
            <label className="usa-label" htmlFor="filter-program">
              {t('staff.filterProgram')}
            </label>
            <select
              className="usa-select"
              id="filter-program"
              value={filters.program}
              onChange={(e) => setFilters({ ...filters, program: e.target.value })}
            >
              <option value="">{t('staff.all')}</option>
              {(programs.data?.list ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
            </select>
          </div>
          <div className="tablet:grid-col-3">
            <label className="usa-label" htmlFor="filter-state">
              {t('staff.filterState')}
            </label>
            <select
              className="usa-select"
              id="filter-state"
              value={filters.state}
              onChange={(e) => setFilters({ ...filters, state: e.target.value })}
            >
              <option value="">{t('staff.all')}</option>
              {[...states.entries()].map(([id, title]) => (
                <option key={id} value={id}>
                  {title}
                </option>
              ))}
              {filters.state && !states.has(filters.state) && <option value={filters.state}>{filters.state}</option>}
            </select>
          </div>
          <div className="tablet:grid-col-3">
            <label className="usa-label" htmlFor="filter-assignee">
              {t('staff.filterAssignee')}
            </label>
            <select
              className="usa-select"
              id="filter-assignee"
              value={filters.assignee}
              onChange={(e) => setFilters({ ...filters, assignee: e.target.value })}
            >
              <option value="">{t('staff.assigneeAny')}</option>
              <option value="me">{t('staff.assigneeMe')}</option>
              <option value="none">{t('staff.assigneeNone')}</option>
            </select>
          </div>
          <div className="tablet:grid-col-3">
            <label className="usa-label" htmlFor="filter-q">
              {t('staff.filterSearch')}
            </label>
            <input className="usa-input" id="filter-q" value={filters.q} onChange={(e) => setFilters({ ...filters, q: e.target.value })} />
          </div>
        </div>
        <div className="usa-checkbox margin-top-2">
          <input
            className="usa-checkbox__input"
            id="filter-overdue"
            type="checkbox"
            checked={filters.overdue}
            onChange={(e) => setFilters({ ...filters, overdue: e.target.checked })}
          />
          <label className="usa-checkbox__label" htmlFor="filter-overdue">
            {t('staff.filterOverdue')}
          </label>
        </div>
        <button type="submit" className="usa-button margin-top-2">
          {t('staff.apply')}
        </button>
      </form>
      {list.error !== undefined && <LoadError message={errorText(list.error, t)} />}
      {list.data && (
        <p role="status" data-testid="case-counts">
          <strong>{t(list.data.total === 1 ? 'staff.countOne' : 'staff.count', { n: list.data.total })}</strong>
          {overdueCount > 0 && (
            <>
              {' · '}
              <span className="usa-tag bg-secondary-dark">{t('staff.overdueCount', { n: overdueCount })}</span>
            </>
          )}
          {Object.entries(list.data.countsByState).map(([state, n]) => (
            <span key={state}>
              {' · '}
              {states.get(state) ?? state}: {n}
            </span>
          ))}
        </p>
      )}
      <p className="text-base-dark font-body-3xs margin-top-0" data-testid="feed-mode">
        {feed === 'live' ? t('staff.live') : t('staff.polling', { n: POLL_SECONDS })}
      </p>
      {list.data && cases.length === 0 && <p>{t('staff.none')}</p>}
      {cases.length > 0 && (
        <table className="usa-table usa-table--borderless usa-table--stacked width-full mandate-inbox">
          <caption className="usa-sr-only">{t('staff.inbox')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staff.case')}</th>
              <th scope="col">{t('staff.program')}</th>
              <th scope="col">{t('staff.state')}</th>
              <th scope="col">{t('staff.assignee')}</th>
              <th scope="col">{t('staff.deadline')}</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((row) => {
              const overdue = row.overdue ?? false;
              return (
                <tr key={row.id} className={overdue ? 'mandate-overdue' : undefined} data-testid="case-row">
                  <th scope="row" data-label={t('staff.case')}>
                    <Link className="usa-link" href={`/staff/cases/${encodeURIComponent(row.id)}`}>
                      {row.label || row.reference}
                    </Link>
                    <span className="display-block text-normal font-body-3xs mandate-break">{row.reference}</span>
                  </th>
                  <td data-label={t('staff.program')}>
                    {programTitles.get(row.programId) ?? row.programId} (v{row.version})
                  </td>
                  <td data-label={t('staff.state')}>{titleOf(row.state)}</td>
                  <td data-label={t('staff.assignee')} data-testid="case-assignee">
                    {row.assignee?.name ?? t('staff.unassigned')}
                  </td>
                  <td data-label={t('staff.deadline')}>
                    {overdue && <span className="usa-tag bg-secondary-dark margin-right-1">{t('staff.overdue')}</span>}
                    {row.dueOn && formatDate(row.dueOn, lang)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
