/**
 * The program dashboard (issue 15, item 7): for one program and a period, the applications started, submitted and
 * abandoned with the wizard page where people leave, the time from submission to decision against each deadline of
 * the workflow, the outcomes and the rules that failed, and the backlog by state and assignee; every count is
 * aggregated by the store (`Store.dashboard`). Titles come from the program version in force, in the caller's
 * language. The CSV export lists the period's applications with the columns an administrator chose
 * (`exportColumns` in the settings); answers and applicant names are masked for roles that may not see
 * applications (`STAFF_ROLES`, the rule of access.ts).
 */
import { dateQuery } from '../http/params.ts';
import type { Role } from '../../engine/index.ts';
import type { AuthUser } from '../auth/context.ts';
import { HttpError, notFound, unprocessable, words } from '../http/errors.ts';
import type { DashboardQuery, DashboardRow } from '../store/types.ts';
import { hasRole, STAFF_ROLES } from './access.ts';
import { today, type ServiceContext } from './context.ts';
import { parameterValue } from './engine-port.ts';
import { inLanguage } from './programs.ts';
import { versionInForce } from './versions.ts';

/** Who may see the dashboard: those who steer a program. */
export const DASHBOARD_ROLES: readonly Role[] = ['administrator', 'supervisor', 'analyst'];

/** The columns of the CSV export besides answers (`answer:<question>`), in the order they are offered. */
export const EXPORT_COLUMNS = [
  'case',
  'application',
  'applicant',
  'version',
  'status',
  'lastStep',
  'language',
  'started',
  'submitted',
  'state',
  'assignee',
  'decided',
  'daysToDecision',
  'eligibility',
] as const;

/** The columns exported until an administrator chooses: nothing that names or describes the applicant. */
export const DEFAULT_EXPORT_COLUMNS: string[] = [
  'case',
  'version',
  'status',
  'lastStep',
  'started',
  'submitted',
  'state',
  'decided',
  'daysToDecision',
  'eligibility',
];

/** Columns that say something about the applicant: masked for roles that may not see applications. */
const SENSITIVE = (column: string) => column === 'applicant' || column.startsWith('answer:');
const MASK = '***';
const ANSWER_COLUMN = /^answer:[A-Za-z_][A-Za-z0-9_]*$/;
/** The most rows one export holds. */
export const EXPORT_LIMIT = 100_000;

/** 422 naming each chosen column that is not one (`/exportColumns/2`). */
export function checkExportColumns(columns: string[]): void {
  const bad = columns.findIndex((c) => !(EXPORT_COLUMNS as readonly string[]).includes(c) && !ANSWER_COLUMN.test(c));
  if (bad >= 0) {
    const params = { index: bad, value: columns[bad], allowed: [...EXPORT_COLUMNS] };
    throw unprocessable(words('settings.export-column', params), [
      { code: 'settings.export-column', severity: 'error', path: `/exportColumns/${bad}`, message: '', params },
    ]);
  }
}

interface Period {
  from: string;
  to: string;
  abandonedDays: number;
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The period asked for: `from`/`to` dates (default the 90 days to today), `abandonedDays` (default 30). */
function periodOf(ctx: ServiceContext, query: Record<string, string | undefined>): Period {
  // Checked before use (one calendar-date check for every query: http/params.ts), then defaulted.
  const to = dateQuery(query.to, 'to') ?? today(ctx);
  const from = dateQuery(query.from, 'from') ?? addDays(to, -89);
  if (from > to) throw new HttpError(400, 'bad-query', words('dashboard.period', { from, to }));
  const raw = query.abandonedDays ?? '30';
  const abandonedDays = Number(raw);
  if (!/^\d+$/.test(raw) || abandonedDays < 1 || abandonedDays > 365)
    throw new HttpError(400, 'bad-query', words('dashboard.abandoned-days', { value: raw }));
  return { from, to, abandonedDays };
}

/** The program's version in force (for titles, terminal states and deadlines) and the store query of the period. */
async function prepare(ctx: ServiceContext, programId: string, period: Period) {
  const versions = await ctx.store.listProgramVersions({ programId, status: 'published' });
  if (versions.length === 0) throw notFound('program', programId);
  const current = versionInForce(versions, today(ctx)) ?? versions[versions.length - 1];
  const doc = current.doc;
  // A case is decided when it first enters a terminal state or one that stops an agency's deadline (a denial that may
  // still be appealed), in any version it may have been decided under.
  const decidedStates = [
    ...new Set(
      versions.flatMap((v) => [
        ...Object.entries(v.doc.workflow.states).flatMap(([name, state]) => (state.terminal ? [name] : [])),
        // (An applicant's deadline, such as sending documents, decides nothing.)
        ...(v.doc.workflow.deadlines ?? []).flatMap((d) => (d.party === 'applicant' ? [] : d.until)),
      ]),
    ),
  ];
  const asOf = today(ctx);
  const deadlines = (doc.workflow.deadlines ?? []).map((d) => ({
    id: d.id,
    from: d.from,
    until: d.until,
    days: typeof d.days === 'number' ? d.days : Number(parameterValue(doc, d.days.param, asOf) ?? 0),
  }));
  const now = ctx.now().toISOString();
  const query: DashboardQuery = {
    programId,
    from: `${period.from}T00:00:00.000Z`,
    to: `${addDays(period.to, 1)}T00:00:00.000Z`,
    abandonedBefore: new Date(ctx.now().getTime() - period.abandonedDays * 86_400_000).toISOString(),
    decidedStates,
    bucket: Date.parse(period.to) - Date.parse(period.from) <= 62 * 86_400_000 ? 'day' : 'month',
    deadlines,
    now,
  };
  return { current, query };
}

/** The dashboard of one program over a period, with titles in `lang`. */
export async function programDashboard(ctx: ServiceContext, programId: string, query: Record<string, string | undefined>) {
  const period = periodOf(ctx, query);
  const { current, query: q } = await prepare(ctx, programId, period);
  const { doc } = inLanguage(current.doc, query.lang);
  const counts = await ctx.store.dashboard(q);
  const users = new Map((await ctx.store.listUsers()).map((u) => [u.id, u.name]));
  const stateTitle = (state: string) => doc.workflow.states[state]?.title ?? state;
  const pageTitle = (step: string | null) => (step === null ? null : (doc.form.pages.find((p) => p.id === step)?.title ?? null));
  const order = (step: string | null) =>
    step === null ? -1 : step === 'review' ? doc.form.pages.length : doc.form.pages.findIndex((p) => p.id === step);
  return {
    programId,
    title: doc.title,
    version: current.version,
    from: period.from,
    to: period.to,
    abandonedDays: period.abandonedDays,
    bucket: q.bucket,
    applications: counts.applications,
    // In the order of the wizard: before the first page, each page, the review.
    leftAt: [...counts.leftAt].sort((a, b) => order(a.step) - order(b.step)).map((l) => ({ ...l, title: pageTitle(l.step) })),
    series: counts.series,
    outcomes: counts.outcomes.map((o) => ({ ...o, title: stateTitle(o.state) })),
    decisionDays: counts.decisionDays,
    deadlines: counts.deadlines.map((d) => {
      const def = doc.workflow.deadlines?.find((x) => x.id === d.id);
      return { ...d, title: def?.title ?? d.id, days: q.deadlines.find((x) => x.id === d.id)?.days ?? 0 };
    }),
    reasons: counts.reasons.map((r) => ({ ...r, title: doc.rules.find((x) => x.id === r.rule)?.title ?? r.rule })),
    backlog: counts.backlog.map((b) => ({
      ...b,
      title: stateTitle(b.state),
      assigneeName: b.assignee === null ? null : (users.get(b.assignee) ?? b.assignee),
    })),
  };
}

/** One CSV cell: quoted when it holds a comma, a quote or a line break; a leading = + - @ is defused for spreadsheets. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value !== 'number') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The value of one export column for one row (before masking). */
function columnValue(column: string, row: DashboardRow, names: Map<string, string>): unknown {
  switch (column) {
    case 'case':
      return row.caseId;
    case 'application':
      return row.applicationId;
    case 'applicant':
      return row.label;
    case 'version':
      return row.version;
    case 'status':
      return row.status;
    case 'lastStep':
      return row.lastStep;
    case 'language':
      return row.lang;
    case 'started':
      return row.createdAt;
    case 'submitted':
      return row.submittedAt;
    case 'state':
      return row.state;
    case 'assignee':
      return row.assignee === null ? null : (names.get(row.assignee) ?? row.assignee);
    case 'decided':
      return row.decidedAt;
    case 'daysToDecision':
      return row.decidedAt && row.submittedAt ? Math.round(((Date.parse(row.decidedAt) - Date.parse(row.submittedAt)) / 86_400_000) * 10) / 10 : null;
    case 'eligibility':
      return row.eligibility;
    default:
      return row.answers[column.slice('answer:'.length)];
  }
}

/** The CSV export of the period's applications, with the administrator's columns; sensitive ones masked unless `user` may see applications. */
export async function dashboardCsv(ctx: ServiceContext, user: AuthUser, programId: string, query: Record<string, string | undefined>) {
  const period = periodOf(ctx, query);
  const { query: q } = await prepare(ctx, programId, period);
  const settings = await ctx.store.getSettings(await ctx.store.programOrganisation(programId));
  const columns = settings.exportColumns ?? DEFAULT_EXPORT_COLUMNS;
  const maySee = hasRole(user, STAFF_ROLES);
  const rows = await ctx.store.dashboardRows(q, EXPORT_LIMIT);
  const names = new Map((await ctx.store.listUsers()).map((u) => [u.id, u.name]));
  const lines = [columns.map(cell).join(',')];
  for (const row of rows) lines.push(columns.map((c) => (SENSITIVE(c) && !maySee ? MASK : cell(columnValue(c, row, names)))).join(','));
  return { filename: `${programId}-${period.from}-${period.to}.csv`, text: `${lines.join('\r\n')}\r\n`, masked: !maySee && columns.some(SENSITIVE) };
}
