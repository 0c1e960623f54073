/**
 * Routes: the program dashboard (issue 15, item 7) for those who steer a program, and its CSV export.
 */
import type { ServiceContext } from '../../services/context.ts';
import { DASHBOARD_ROLES, dashboardCsv, programDashboard } from '../../services/dashboard.ts';
import type { QueryParam, RouteSpec } from '../route.ts';

const PERIOD: QueryParam[] = [
  { name: 'from', description: 'First day of the period (YYYY-MM-DD; applications started from then). Default: 89 days before `to`.' },
  { name: 'to', description: 'Last day of the period (YYYY-MM-DD). Default: today.' },
  { name: 'abandonedDays', description: 'A draft not saved for this many days counts as abandoned (1 to 365, default 30).' },
];

/** The dashboard routes. */
export function dashboardRoutes(ctx: ServiceContext): RouteSpec[] {
  return [
    {
      method: 'get',
      path: '/api/programs/:id/dashboard',
      tag: 'dashboard',
      access: DASHBOARD_ROLES,
      summary: 'The program dashboard over a period',
      description:
        'Applications started in the period: submitted, abandoned (not saved for abandonedDays) and in progress, with the wizard page where abandoned ones stopped; per day (periods up to 62 days) or month; the decided cases by outcome with their days from submission to decision, in bands; each workflow deadline met, late, running or overdue; the rules that failed in the decided cases; and the open cases by state and assignee. Counted by the store.',
      query: [...PERIOD, { name: 'lang', description: 'Language of the titles (program languages; default the program’s first).' }],
      response: { status: 200, schema: 'ProgramDashboard', description: 'The counts, with titles.' },
      errors: [404],
      handler: ({ params, query }) => programDashboard(ctx, params.id, query),
    },
    {
      method: 'get',
      path: '/api/programs/:id/dashboard.csv',
      tag: 'dashboard',
      access: DASHBOARD_ROLES,
      summary: 'The period’s applications as CSV',
      description:
        'One row per application started in the period, with the columns an administrator chose (settings.exportColumns). The applicant’s name and answers are masked (***) for roles that may not see applications.',
      query: PERIOD,
      response: { status: 200, schema: null, contentType: 'text/csv', description: 'The CSV file (UTF-8, CRLF lines, a header row).' },
      errors: [404],
      handler: async ({ res, user, params, query }) => {
        const csv = await dashboardCsv(ctx, user!, params.id, query);
        res.setHeader('Content-Disposition', `attachment; filename="${csv.filename}"`);
        res.type('text/csv; charset=utf-8').send(csv.text);
      },
    },
  ];
}
