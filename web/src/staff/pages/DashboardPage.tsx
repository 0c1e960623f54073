/**
 * The program dashboard (`/staff/dashboard`, administrators, supervisors and analysts): for a program and a period
 * kept in the address, the big numbers first, then each measure as a chart with its data table (the table is the
 * accessible form; the chart is a picture of it, loaded with recharts only on this page), and a link to the
 * period's applications as CSV. Every number comes from `GET /api/programs/:id/dashboard`.
 */
import { lazy, Suspense, useState, type FormEvent, type ReactNode } from 'react';
import type { BarRow, BarChartProps } from '../../shared/BarChart.tsx';
import { api } from '../../shared/api.ts';
import type { ProgramDashboard } from '../../shared/api-types.ts';
import { errorText, useTitle } from '../../shared/components.tsx';
import { LoadError } from '../../shared/DeterminationView.tsx';
import { formatDate, formatNumber } from '../../shared/format.ts';
import { useLoad } from '../../shared/hooks.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { Link, navigate, useLocation } from '../../shared/router.tsx';
import { useSession } from '../session.tsx';
import { ScrollTable } from '../../shared/ScrollTable.tsx';
import type { ProgramSummary } from '../../shared/types.ts';

const BarChart = lazy(() => import('../../shared/BarChart.tsx'));

/** A chart, drawn once recharts has loaded (the table beside it says the same). */
function Chart(props: BarChartProps) {
  if (props.rows.length === 0) return null;
  return (
    <Suspense fallback={null}>
      <BarChart {...props} />
    </Suspense>
  );
}

/** One measure: a heading, an optional sentence, the chart and the table. */
function Measure({ id, title, intro, chart, children }: { id: string; title: string; intro?: string; chart?: ReactNode; children: ReactNode }) {
  return (
    <section className="mandate-dashboard__measure margin-top-5" aria-labelledby={`dashboard-${id}`} data-testid={`dashboard-${id}`}>
      <h2 id={`dashboard-${id}`}>{title}</h2>
      {intro && <p>{intro}</p>}
      <div className="mandate-dashboard__pair">
        {chart}
        <div>{children}</div>
      </div>
    </section>
  );
}

/** A data table with a caption, scrollable when wider than the column. */
function Table({ caption, head, rows }: { caption: string; head: string[]; rows: ReactNode[][] }) {
  const { t } = useI18n();
  if (rows.length === 0) return <p>{t('dashboard.none')}</p>;
  return (
    <ScrollTable label={caption}>
      <table className="usa-table usa-table--borderless usa-table--compact width-full">
        <caption className="usa-sr-only">{caption}</caption>
        <thead>
          <tr>
            {head.map((h, i) => (
              <th key={h} scope="col" className={i > 0 ? 'text-right' : undefined}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((cells, r) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows of counts have no identity beyond their place
            <tr key={r}>
              {cells.map((c, i) =>
                i === 0 ? (
                  <th key="label" scope="row">
                    {c}
                  </th>
                ) : (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed
                  <td key={i} className="text-right text-tabular">
                    {c}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

const today = () => new Date().toISOString().slice(0, 10);
const daysBefore = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

/** The dashboard page. */
export function DashboardPage() {
  const { t, lang } = useI18n();
  const { user } = useSession();
  useTitle(t('dashboard.heading'), t('site.staffTitle'));
  const { search } = useLocation();
  const programs = useLoad(() => api<ProgramSummary[]>('GET', `/api/programs?lang=${lang}`), [lang]);
  const published = (programs.data ?? []).filter((p) => p.current);
  const program = search.get('program') || published[0]?.id || '';
  const to = search.get('to') || today();
  const from = search.get('from') || daysBefore(to, 89);
  const abandonedDays = search.get('abandonedDays') || '30';
  const period = new URLSearchParams({ from, to, abandonedDays });
  const data = useLoad(
    () =>
      program ? api<ProgramDashboard>('GET', `/api/programs/${encodeURIComponent(program)}/dashboard?${period}&lang=${lang}`) : Promise.resolve(null),
    [program, from, to, abandonedDays, lang],
  );
  const [choice, setChoice] = useState<{ program?: string; from?: string; to?: string; abandonedDays?: string }>({});
  const chosen = { program, from, to, abandonedDays, ...choice };
  const show = (event: FormEvent) => {
    event.preventDefault();
    navigate(`/staff/dashboard?${new URLSearchParams(chosen)}`);
    setChoice({});
  };
  const n = (v: number) => formatNumber(v, lang);

  if (programs.error !== undefined) return <LoadError message={errorText(programs.error, t)} />;
  if (!programs.data) return <p>{t('common.loading')}</p>;
  const d = data.data;
  const stepTitle = (step: string | null, title: string | null) =>
    step === null ? t('dashboard.beforeStart') : step === 'review' ? t('dashboard.review') : (title ?? step);
  const series = (rows: BarRow[], key: string, name: string, tone: BarChartProps['series'][number]['tone'] = 'primary', labelWidth = 150) => (
    <Chart rows={rows} series={[{ key, name, tone }]} lang={lang} labelWidth={labelWidth} />
  );

  return (
    <>
      <h1>{t('dashboard.heading')}</h1>
      <p className="usa-intro">{t('dashboard.intro')}</p>
      {published.length === 0 ? (
        <p>{t('dashboard.noPrograms')}</p>
      ) : (
        <form className="usa-form maxw-none margin-bottom-3" onSubmit={show} aria-label={t('dashboard.filters')}>
          <div className="grid-row grid-gap">
            <div className="tablet:grid-col-4">
              <label className="usa-label" htmlFor="dashboard-program">
                {t('dashboard.program')}
              </label>
              <select
                className="usa-select"
                id="dashboard-program"
                value={chosen.program}
                onChange={(e) => setChoice({ ...choice, program: e.target.value })}
              >
                {published.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.title}
                  </option>
                ))}
              </select>
            </div>
            <div className="mobile-lg:grid-col-6 tablet:grid-col-2">
              <label className="usa-label" htmlFor="dashboard-from">
                {t('dashboard.from')}
              </label>
              <input
                className="usa-input"
                id="dashboard-from"
                type="date"
                value={chosen.from}
                onChange={(e) => setChoice({ ...choice, from: e.target.value })}
              />
            </div>
            <div className="mobile-lg:grid-col-6 tablet:grid-col-2">
              <label className="usa-label" htmlFor="dashboard-to">
                {t('dashboard.to')}
              </label>
              <input
                className="usa-input"
                id="dashboard-to"
                type="date"
                value={chosen.to}
                onChange={(e) => setChoice({ ...choice, to: e.target.value })}
              />
            </div>
            <div className="tablet:grid-col-4">
              <label className="usa-label" htmlFor="dashboard-abandoned">
                {t('dashboard.abandonedDays')}
              </label>
              <input
                className="usa-input usa-input--small"
                id="dashboard-abandoned"
                type="number"
                min={1}
                max={365}
                value={chosen.abandonedDays}
                onChange={(e) => setChoice({ ...choice, abandonedDays: e.target.value })}
              />
            </div>
          </div>
          <button type="submit" className="usa-button margin-top-2">
            {t('dashboard.show')}
          </button>
        </form>
      )}
      {data.error !== undefined && <LoadError message={errorText(data.error, t)} />}
      {program && !d && data.error === undefined && <p>{t('common.loading')}</p>}
      {d && (
        <>
          <p className="text-bold" data-testid="dashboard-period">
            {t('dashboard.period', { title: d.title, from: formatDate(d.from, lang), to: formatDate(d.to, lang) })}
          </p>
          <ul className="mandate-dashboard__numbers usa-list usa-list--unstyled" data-testid="dashboard-numbers">
            {(
              [
                ['started', d.applications.started],
                ['submitted', d.applications.submitted],
                ['abandoned', d.applications.abandoned],
                ['inProgress', d.applications.inProgress],
              ] as const
            ).map(([key, value]) => (
              <li key={key} data-testid={`dashboard-${key}`}>
                <span className="mandate-dashboard__number">{n(value)}</span>
                <span>{t(`dashboard.${key}`)}</span>
              </li>
            ))}
          </ul>
          <p>
            <a className="usa-button usa-button--outline" href={`/api/programs/${encodeURIComponent(d.programId)}/dashboard.csv?${period}`} download>
              {t('dashboard.export')}
            </a>
          </p>
          <p className="text-base-dark">{t('dashboard.exportNote')}</p>
          {user?.roles.includes('administrator') && (
            <p>
              <Link className="usa-link" href="/staff/export-settings">
                {t('export.link')}
              </Link>
            </p>
          )}

          <Measure
            id="over-time"
            title={t('dashboard.overTime')}
            chart={
              <Chart
                rows={d.series.map((s) => ({ label: s.bucket, started: s.started, submitted: s.submitted }))}
                series={[
                  { key: 'started', name: t('dashboard.started'), tone: 'same' },
                  { key: 'submitted', name: t('dashboard.submitted'), tone: 'primary' },
                ]}
                lang={lang}
                labelWidth={90}
              />
            }
          >
            <Table
              caption={t('dashboard.overTime')}
              head={[t(`dashboard.period.${d.bucket}`), t('dashboard.started'), t('dashboard.submitted')]}
              rows={d.series.map((s) => [s.bucket, n(s.started), n(s.submitted)])}
            />
          </Measure>

          <Measure
            id="left-at"
            title={t('dashboard.leftAt')}
            intro={t('dashboard.leftAtIntro')}
            chart={series(
              d.leftAt.map((l) => ({ label: stepTitle(l.step, l.title), count: l.count })),
              'count',
              t('dashboard.count'),
              'loss',
            )}
          >
            <Table
              caption={t('dashboard.leftAt')}
              head={[t('dashboard.page'), t('dashboard.count')]}
              rows={d.leftAt.map((l) => [stepTitle(l.step, l.title), n(l.count)])}
            />
          </Measure>

          <Measure
            id="decision-time"
            title={t('dashboard.decisionTime')}
            chart={
              d.decisionDays.some((b) => b.count > 0)
                ? series(
                    d.decisionDays.map((b) => ({ label: t('dashboard.band', { band: b.band }), count: b.count })),
                    'count',
                    t('dashboard.cases'),
                    'primary',
                    110,
                  )
                : undefined
            }
          >
            <Table
              caption={t('dashboard.decisionTime')}
              head={[t('dashboard.days'), t('dashboard.cases')]}
              rows={d.decisionDays.some((b) => b.count > 0) ? d.decisionDays.map((b) => [t('dashboard.band', { band: b.band }), n(b.count)]) : []}
            />
          </Measure>

          <Measure
            id="deadlines"
            title={t('dashboard.deadlines')}
            chart={
              <Chart
                rows={d.deadlines.map((x) => ({ label: x.title, met: x.met, late: x.late + x.overdue }))}
                series={[
                  { key: 'met', name: t('dashboard.met'), tone: 'gain' },
                  { key: 'late', name: `${t('dashboard.late')} / ${t('dashboard.overdue')}`, tone: 'loss' },
                ]}
                lang={lang}
              />
            }
          >
            <Table
              caption={t('dashboard.deadlines')}
              head={[
                t('dashboard.deadline'),
                t('dashboard.deadlineDays'),
                t('dashboard.met'),
                t('dashboard.late'),
                t('dashboard.running'),
                t('dashboard.overdue'),
              ]}
              rows={d.deadlines.map((x) => [x.title, n(x.days), n(x.met), n(x.late), n(x.open), n(x.overdue)])}
            />
          </Measure>

          <Measure
            id="outcomes"
            title={t('dashboard.outcomes')}
            chart={series(
              d.outcomes.map((o) => ({ label: o.title, count: o.count })),
              'count',
              t('dashboard.cases'),
            )}
          >
            <Table
              caption={t('dashboard.outcomes')}
              head={[t('dashboard.outcome'), t('dashboard.cases'), t('dashboard.averageDays'), t('dashboard.maxDays')]}
              rows={d.outcomes.map((o) => [o.title, n(o.count), n(o.averageDays), n(o.maxDays)])}
            />
          </Measure>

          <Measure
            id="reasons"
            title={t('dashboard.reasons')}
            chart={series(
              d.reasons.map((r) => ({ label: r.title, count: r.count })),
              'count',
              t('dashboard.cases'),
              'loss',
            )}
          >
            <Table
              caption={t('dashboard.reasons')}
              head={[t('dashboard.rule'), t('dashboard.cases')]}
              rows={d.reasons.map((r) => [r.title, n(r.count)])}
            />
          </Measure>

          <Measure
            id="backlog"
            title={t('dashboard.backlog')}
            chart={series(
              Object.values(
                d.backlog.reduce<Record<string, BarRow>>((acc, b) => {
                  const row = acc[b.state] ?? { label: b.title, count: 0 };
                  row.count = Number(row.count) + b.count;
                  acc[b.state] = row;
                  return acc;
                }, {}),
              ),
              'count',
              t('dashboard.cases'),
            )}
          >
            <Table
              caption={t('dashboard.backlog')}
              head={[t('dashboard.state'), t('dashboard.assignee'), t('dashboard.cases')]}
              rows={d.backlog.map((b) => [b.title, b.assigneeName ?? t('dashboard.nobody'), n(b.count)])}
            />
          </Measure>
        </>
      )}
    </>
  );
}
