/**
 * The program dashboard on an SQL store, one implementation for SQLite and PostgreSQL: every count is one aggregate
 * query over the program's applications, cases, case events and determinations of the period (GROUP BY in SQL; no
 * case is loaded to be counted), and the CSV export's rows one query. The SQL is written once (`COUNT(*) FILTER`,
 * `->>`, `NULLS FIRST` are both dialects'); what differs is in `dialectSql`: day counts (SQLite's `julianday`
 * differences, PostgreSQL's epoch seconds over 86,400), whole days (truncated toward zero), rounding, text in byte
 * order (SQLite's own; `COLLATE "C"` on PostgreSQL, so both order alike), the applied flag, and the JSON functions
 * that list a determination's failed rules.
 */
import { sql, type RawBuilder } from 'kysely';
import type { CaseStore, DashboardCounts, DashboardRow } from '../types.ts';
import { all, first, raw, type SqlStore } from './steps.ts';

type DashboardMethods = Pick<CaseStore, 'dashboard' | 'dashboardRows'>;

/** The values as an IN list; none: `NULL` (`x IN (NULL)` and `x NOT IN (NULL)` hold for no row). */
const list = (values: readonly unknown[]) => (values.length === 0 ? sql`NULL` : sql.join([...values]));

/** The SQL fragments the dialects write differently. */
interface DialectSql {
  /** Days (fractional) from ISO timestamp `a` to ISO timestamp `b`. */
  days(a: RawBuilder<unknown>, b: RawBuilder<unknown>): RawBuilder<number>;
  /** `days` as whole days, truncated toward zero. */
  wholeDays(days: RawBuilder<unknown>): RawBuilder<number>;
  /** `value` rounded to one decimal. */
  round1(value: RawBuilder<unknown>): RawBuilder<number>;
  /** A text expression as it sorts in byte order. */
  bytes(text: RawBuilder<unknown>): RawBuilder<unknown>;
  /** The condition that the determination `alias` is the applied one. */
  applied(alias: string): RawBuilder<unknown>;
  /**
   * The failed rule of each row of `applied` (its `result`): compact results hold `outcomes` (rule → outcome); full
   * results written before issue 12 hold `reasons` ({ rule, outcome }).
   */
  failedRules: RawBuilder<{ rule: string }>;
}

const dialectSql: Record<SqlStore['dialect'], DialectSql> = {
  sqlite: {
    days: (a, b) => sql<number>`(julianday(${b}) - julianday(${a}))`,
    wholeDays: (days) => sql<number>`CAST(${days} AS INTEGER)`,
    round1: (value) => sql<number>`ROUND(${value}, 1)`,
    bytes: (text) => text,
    // `= 1` as the partial index `determinations_applied` is written, so the planner uses it.
    applied: (alias) => sql`${sql.ref(`${alias}.applied`)} = 1`,
    failedRules: sql<{ rule: string }>`
      SELECT o.key AS rule FROM applied, json_each(applied.result, '$.outcomes') o
        WHERE json_extract(applied.result, '$.format') = 'compact-1' AND o.value = 'fail'
      UNION ALL
      SELECT json_extract(r.value, '$.rule') AS rule FROM applied, json_each(applied.result, '$.reasons') r
        WHERE json_extract(applied.result, '$.format') IS NOT 'compact-1' AND json_extract(r.value, '$.outcome') = 'fail'`,
  },
  postgres: {
    days: (a, b) => sql<number>`(EXTRACT(EPOCH FROM ((${b})::timestamptz - (${a})::timestamptz)) / 86400.0)`,
    wholeDays: (days) => sql<number>`trunc(${days})`,
    round1: (value) => sql<number>`ROUND((${value})::numeric, 1)`,
    bytes: (text) => sql`${text} COLLATE "C"`,
    applied: (alias) => sql.ref(`${alias}.applied`),
    // jsonb_each_text and jsonb_array_elements fail on other JSON types, where SQLite's json_each yields no row.
    failedRules: sql<{ rule: string }>`
      SELECT o.key AS rule FROM applied,
        jsonb_each_text(CASE WHEN jsonb_typeof(applied.result -> 'outcomes') = 'object' THEN applied.result -> 'outcomes' END) o
        WHERE applied.result ->> 'format' = 'compact-1' AND o.value = 'fail'
      UNION ALL
      SELECT r ->> 'rule' AS rule FROM applied,
        jsonb_array_elements(CASE WHEN jsonb_typeof(applied.result -> 'reasons') = 'array' THEN applied.result -> 'reasons' END) r
        WHERE (applied.result ->> 'format') IS DISTINCT FROM 'compact-1' AND r ->> 'outcome' = 'fail'`,
  },
};

/** The dashboard methods over `s`. */
export function sqlDashboardMethods(s: SqlStore): DashboardMethods {
  const dialect = dialectSql[s.dialect];
  /**
   * The decided cases of the period as a CTE: each case of an application started in [from, to) with its submission
   * time and the first event into a terminal state (`decided_at`, `decided_state`).
   */
  const decidedCte = (terminal: readonly string[], programId: string, from: string, to: string) => sql`decided AS (
    SELECT c.id AS case_id, a.submitted_at, e.at AS decided_at, e.to_state AS decided_state,
           ${dialect.days(sql`a.submitted_at`, sql`e.at`)} AS days
    FROM applications a JOIN cases c ON c.application_id = a.id
    JOIN case_events e ON e.id = (SELECT e2.id FROM case_events e2 WHERE e2.case_id = c.id AND e2.to_state IN (${list(terminal)})
                                  ORDER BY e2.at, e2.id LIMIT 1)
    WHERE a.program_id = ${programId} AND a.created_at >= ${from} AND a.created_at < ${to})`;

  return {
    dashboard: (q) =>
      s.query(function* () {
        const inPeriod = sql`program_id = ${q.programId} AND created_at >= ${q.from} AND created_at < ${q.to}`;
        const totals = (yield* first(
          raw(
            s,
            sql<{ started: number; submitted: number; abandoned: number; in_progress: number }>`
              SELECT COUNT(*) AS started,
                     COUNT(*) FILTER (WHERE status = 'submitted') AS submitted,
                     COUNT(*) FILTER (WHERE status = 'draft' AND updated_at < ${q.abandonedBefore}) AS abandoned,
                     COUNT(*) FILTER (WHERE status = 'draft' AND updated_at >= ${q.abandonedBefore}) AS in_progress
              FROM applications WHERE ${inPeriod}`,
          ),
        ))!;
        const leftAt = yield* all(
          raw(
            s,
            sql<{ step: string | null; count: number }>`
              SELECT last_step AS step, COUNT(*) AS count FROM applications
              WHERE ${inPeriod} AND status = 'draft' AND updated_at < ${q.abandonedBefore}
              GROUP BY last_step ORDER BY count DESC, ${dialect.bytes(sql`last_step`)} NULLS FIRST`,
          ),
        );
        // ISO timestamps (the store's, in UTC): the day is their first 10 characters, the month their first 7.
        const bucketLength = q.bucket === 'day' ? 10 : 7;
        const series = yield* all(
          raw(
            s,
            sql<{ bucket: string; started: number; submitted: number }>`
              SELECT substr(created_at, 1, ${sql.lit(bucketLength)}) AS bucket, COUNT(*) AS started,
                     COUNT(*) FILTER (WHERE status = 'submitted') AS submitted
              FROM applications WHERE ${inPeriod} GROUP BY bucket ORDER BY bucket`,
          ),
        );
        const terminal = q.decidedStates;
        const decided = decidedCte(terminal, q.programId, q.from, q.to);
        const outcomes = yield* all(
          raw(
            s,
            sql<{ state: string; count: number; averageDays: number; maxDays: number }>`
              WITH ${decided}
              SELECT decided_state AS state, COUNT(*) AS count, ${dialect.round1(sql`AVG(days)`)} AS "averageDays",
                     ${dialect.round1(sql`MAX(days)`)} AS "maxDays"
              FROM decided GROUP BY decided_state ORDER BY count DESC, ${dialect.bytes(sql`decided_state`)}`,
          ),
        );
        const whole = dialect.wholeDays(sql`days`);
        const bands = (yield* first(
          raw(
            s,
            sql<Record<string, number>>`
              WITH ${decided}
              SELECT COUNT(*) FILTER (WHERE ${whole} <= 7) AS "0-7",
                     COUNT(*) FILTER (WHERE ${whole} BETWEEN 8 AND 14) AS "8-14",
                     COUNT(*) FILTER (WHERE ${whole} BETWEEN 15 AND 30) AS "15-30",
                     COUNT(*) FILTER (WHERE ${whole} BETWEEN 31 AND 60) AS "31-60",
                     COUNT(*) FILTER (WHERE ${whole} > 60) AS "61+"
              FROM decided`,
          ),
        ))!;
        const decisionDays = (['0-7', '8-14', '15-30', '31-60', '61+'] as const).map((band) => ({ band, count: bands[band] }));
        const deadlines: DashboardCounts['deadlines'] = [];
        for (const deadline of q.deadlines) {
          // The clock starts at the first entry into `from` and stops at the first entry into one of `until` after it.
          const ran = dialect.days(sql`started_at`, sql`stopped_at`);
          const running = dialect.days(sql`started_at`, sql`${q.now}`);
          const row = (yield* first(
            raw(
              s,
              sql<{ met: number; late: number; open: number; overdue: number }>`
                WITH clocks AS (
                  SELECT s.at AS started_at,
                         (SELECT MIN(e.at) FROM case_events e WHERE e.case_id = c.id AND e.to_state IN (${list(deadline.until)}) AND e.at >= s.at) AS stopped_at
                  FROM applications a JOIN cases c ON c.application_id = a.id
                  JOIN case_events s ON s.id = (SELECT s2.id FROM case_events s2 WHERE s2.case_id = c.id AND s2.to_state = ${deadline.from}
                                                ORDER BY s2.at, s2.id LIMIT 1)
                  WHERE a.program_id = ${q.programId} AND a.created_at >= ${q.from} AND a.created_at < ${q.to})
                SELECT COUNT(*) FILTER (WHERE stopped_at IS NOT NULL AND ${ran} <= ${deadline.days}) AS met,
                       COUNT(*) FILTER (WHERE stopped_at IS NOT NULL AND ${ran} > ${deadline.days}) AS late,
                       COUNT(*) FILTER (WHERE stopped_at IS NULL AND ${running} <= ${deadline.days}) AS open,
                       COUNT(*) FILTER (WHERE stopped_at IS NULL AND ${running} > ${deadline.days}) AS overdue
                FROM clocks`,
            ),
          ))!;
          deadlines.push({ id: deadline.id, ...row });
        }
        // The failed rules of each decided case's last applied determination.
        const reasons = yield* all(
          raw(
            s,
            sql<{ rule: string; count: number }>`
              WITH ${decided},
              applied AS (
                SELECT d.result FROM decided x
                JOIN determinations d ON d.id = (SELECT d2.id FROM determinations d2 WHERE d2.case_id = x.case_id AND ${dialect.applied('d2')}
                                                 ORDER BY d2.created_at DESC, d2.id DESC LIMIT 1))
              SELECT rule, COUNT(*) AS count FROM (${dialect.failedRules}) failed
              GROUP BY rule ORDER BY count DESC, ${dialect.bytes(sql`rule`)} NULLS FIRST`,
          ),
        );
        const backlog = yield* all(
          raw(
            s,
            sql<{ state: string; assignee: string | null; count: number }>`
              SELECT state, assignee, COUNT(*) AS count FROM cases WHERE program_id = ${q.programId} AND state NOT IN (${list(terminal)})
              GROUP BY state, assignee ORDER BY ${dialect.bytes(sql`state`)}, count DESC, ${dialect.bytes(sql`assignee`)} NULLS FIRST`,
          ),
        );
        const counts: DashboardCounts = {
          applications: { started: totals.started, submitted: totals.submitted, abandoned: totals.abandoned, inProgress: totals.in_progress },
          leftAt,
          series,
          outcomes,
          decisionDays,
          deadlines,
          reasons,
          backlog,
        };
        return counts;
      }),

    dashboardRows: (q, limit) =>
      s.query(function* () {
        const rows = yield* all(
          raw(
            s,
            sql<{
              id: string;
              case_id: string | null;
              version: number;
              status: 'draft' | 'submitted';
              last_step: string | null;
              lang: string;
              created_at: string;
              updated_at: string;
              submitted_at: string | null;
              state: string | null;
              assignee: string | null;
              label: string | null;
              decided_at: string | null;
              eligibility: string | null;
              answers: string;
            }>`
              SELECT a.id, c.id AS case_id, a.version, a.status, a.last_step, a.lang, a.created_at, a.updated_at, a.submitted_at,
                     c.state, c.assignee, c.label, a.answers,
                     (SELECT MIN(e.at) FROM case_events e WHERE e.case_id = c.id AND e.to_state IN (${list(q.decidedStates)})) AS decided_at,
                     (SELECT d.result ->> 'eligibility' FROM determinations d WHERE d.case_id = c.id AND ${dialect.applied('d')}
                      ORDER BY d.created_at DESC, d.id DESC LIMIT 1) AS eligibility
              FROM applications a LEFT JOIN cases c ON c.application_id = a.id
              WHERE a.program_id = ${q.programId} AND a.created_at >= ${q.from} AND a.created_at < ${q.to}
              ORDER BY a.created_at, a.id LIMIT ${limit}`,
          ),
        );
        return rows.map(
          (r): DashboardRow => ({
            applicationId: r.id,
            caseId: r.case_id,
            version: r.version,
            status: r.status,
            lastStep: r.last_step,
            lang: r.lang,
            createdAt: r.created_at,
            updatedAt: r.updated_at,
            submittedAt: r.submitted_at,
            state: r.state,
            assignee: r.assignee,
            label: r.label,
            decidedAt: r.decided_at,
            eligibility: r.eligibility,
            answers: JSON.parse(r.answers) as Record<string, unknown>,
          }),
        );
      }),
  };
}
