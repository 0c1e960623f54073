/**
 * SQLite program dashboard: every count is one aggregate query over the program's applications, cases, case
 * events and determinations of the period (GROUP BY in SQL; no case is loaded to be counted), and the CSV export's
 * rows one query.
 */
import type { CaseStore, DashboardCounts, DashboardRow } from '../types.ts';
import type { SqliteDb } from './db.ts';

type DashboardMethods = Pick<CaseStore, 'dashboard' | 'dashboardRows'>;

const placeholders = (n: number) => (n === 0 ? 'NULL' : Array.from({ length: n }, () => '?').join(', '));

/**
 * The decided cases of the period as a CTE: each case of an application started in [from, to) with its submission
 * time and the first event into a terminal state (`decided_at`, `decided_state`).
 */
function decidedCte(terminal: number): string {
  return `decided AS (
    SELECT c.id AS case_id, a.submitted_at, e.at AS decided_at, e.to_state AS decided_state,
           julianday(e.at) - julianday(a.submitted_at) AS days
    FROM applications a JOIN cases c ON c.application_id = a.id
    JOIN case_events e ON e.id = (SELECT e2.id FROM case_events e2 WHERE e2.case_id = c.id AND e2.to_state IN (${placeholders(terminal)})
                                  ORDER BY e2.at, e2.id LIMIT 1)
    WHERE a.program_id = ? AND a.created_at >= ? AND a.created_at < ?)`;
}

/** The dashboard methods over `db`. */
export function sqliteDashboardMethods(db: SqliteDb): DashboardMethods {
  return {
    async dashboard(q) {
      const period = [q.programId, q.from, q.to];
      const totals = db.get<{ started: number; submitted: number; abandoned: number; in_progress: number }>(
        `SELECT COUNT(*) AS started,
                COALESCE(SUM(status = 'submitted'), 0) AS submitted,
                COALESCE(SUM(status = 'draft' AND updated_at < ?), 0) AS abandoned,
                COALESCE(SUM(status = 'draft' AND updated_at >= ?), 0) AS in_progress
         FROM applications WHERE program_id = ? AND created_at >= ? AND created_at < ?`,
        q.abandonedBefore,
        q.abandonedBefore,
        ...period,
      )!;
      const leftAt = db.all<{ step: string | null; count: number }>(
        `SELECT last_step AS step, COUNT(*) AS count FROM applications
         WHERE program_id = ? AND created_at >= ? AND created_at < ? AND status = 'draft' AND updated_at < ?
         GROUP BY last_step ORDER BY count DESC, step`,
        ...period,
        q.abandonedBefore,
      );
      const format = q.bucket === 'day' ? '%Y-%m-%d' : '%Y-%m';
      const series = db.all<{ bucket: string; started: number; submitted: number }>(
        `SELECT strftime('${format}', created_at) AS bucket, COUNT(*) AS started, COALESCE(SUM(status = 'submitted'), 0) AS submitted
         FROM applications WHERE program_id = ? AND created_at >= ? AND created_at < ? GROUP BY bucket ORDER BY bucket`,
        ...period,
      );
      const terminal = q.decidedStates;
      const outcomes = db.all<{ state: string; count: number; averageDays: number; maxDays: number }>(
        `WITH ${decidedCte(terminal.length)}
         SELECT decided_state AS state, COUNT(*) AS count, ROUND(AVG(days), 1) AS averageDays, ROUND(MAX(days), 1) AS maxDays
         FROM decided GROUP BY decided_state ORDER BY count DESC, state`,
        ...terminal,
        ...period,
      );
      const bands = db.get<Record<string, number>>(
        `WITH ${decidedCte(terminal.length)}
         SELECT COALESCE(SUM(CAST(days AS INTEGER) <= 7), 0) AS "0-7",
                COALESCE(SUM(CAST(days AS INTEGER) BETWEEN 8 AND 14), 0) AS "8-14",
                COALESCE(SUM(CAST(days AS INTEGER) BETWEEN 15 AND 30), 0) AS "15-30",
                COALESCE(SUM(CAST(days AS INTEGER) BETWEEN 31 AND 60), 0) AS "31-60",
                COALESCE(SUM(CAST(days AS INTEGER) > 60), 0) AS "61+"
         FROM decided`,
        ...terminal,
        ...period,
      )!;
      const decisionDays = (['0-7', '8-14', '15-30', '31-60', '61+'] as const).map((band) => ({ band, count: bands[band] }));
      const deadlines = q.deadlines.map((d) => {
        // The clock starts at the first entry into `from` and stops at the first entry into one of `until` after it.
        const row = db.get<{ met: number; late: number; open: number; overdue: number }>(
          `WITH clocks AS (
             SELECT s.at AS started_at,
                    (SELECT MIN(e.at) FROM case_events e WHERE e.case_id = c.id AND e.to_state IN (${placeholders(d.until.length)}) AND e.at >= s.at) AS stopped_at
             FROM applications a JOIN cases c ON c.application_id = a.id
             JOIN case_events s ON s.id = (SELECT s2.id FROM case_events s2 WHERE s2.case_id = c.id AND s2.to_state = ? ORDER BY s2.at, s2.id LIMIT 1)
             WHERE a.program_id = ? AND a.created_at >= ? AND a.created_at < ?)
           SELECT COALESCE(SUM(stopped_at IS NOT NULL AND julianday(stopped_at) - julianday(started_at) <= ?), 0) AS met,
                  COALESCE(SUM(stopped_at IS NOT NULL AND julianday(stopped_at) - julianday(started_at) > ?), 0) AS late,
                  COALESCE(SUM(stopped_at IS NULL AND julianday(?) - julianday(started_at) <= ?), 0) AS open,
                  COALESCE(SUM(stopped_at IS NULL AND julianday(?) - julianday(started_at) > ?), 0) AS overdue
           FROM clocks`,
          ...d.until,
          d.from,
          ...period,
          d.days,
          d.days,
          q.now,
          d.days,
          q.now,
          d.days,
        )!;
        return { id: d.id, ...row };
      });
      // The failed rules of each decided case's last applied determination: compact results hold `outcomes`
      // (rule → outcome); full results written before issue 12 hold `reasons` ({ rule, outcome }).
      const reasons = db.all<{ rule: string; count: number }>(
        `WITH ${decidedCte(terminal.length)},
         applied AS (
           SELECT d.result FROM decided x
           JOIN determinations d ON d.id = (SELECT d2.id FROM determinations d2 WHERE d2.case_id = x.case_id AND d2.applied = 1
                                            ORDER BY d2.created_at DESC, d2.id DESC LIMIT 1))
         SELECT rule, COUNT(*) AS count FROM (
           SELECT o.key AS rule FROM applied, json_each(applied.result, '$.outcomes') o
             WHERE json_extract(applied.result, '$.format') = 'compact-1' AND o.value = 'fail'
           UNION ALL
           SELECT json_extract(r.value, '$.rule') AS rule FROM applied, json_each(applied.result, '$.reasons') r
             WHERE json_extract(applied.result, '$.format') IS NOT 'compact-1' AND json_extract(r.value, '$.outcome') = 'fail')
         GROUP BY rule ORDER BY count DESC, rule`,
        ...terminal,
        ...period,
      );
      const backlog = db.all<{ state: string; assignee: string | null; count: number }>(
        `SELECT state, assignee, COUNT(*) AS count FROM cases WHERE program_id = ? AND state NOT IN (${placeholders(terminal.length)})
         GROUP BY state, assignee ORDER BY state, count DESC, assignee`,
        q.programId,
        ...terminal,
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
    },

    async dashboardRows(q, limit) {
      const rows = db.all<{
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
      }>(
        `SELECT a.id, c.id AS case_id, a.version, a.status, a.last_step, a.lang, a.created_at, a.updated_at, a.submitted_at,
                c.state, c.assignee, c.label, a.answers,
                (SELECT MIN(e.at) FROM case_events e WHERE e.case_id = c.id AND e.to_state IN (${placeholders(q.decidedStates.length)})) AS decided_at,
                (SELECT json_extract(d.result, '$.eligibility') FROM determinations d WHERE d.case_id = c.id AND d.applied = 1
                 ORDER BY d.created_at DESC, d.id DESC LIMIT 1) AS eligibility
         FROM applications a LEFT JOIN cases c ON c.application_id = a.id
         WHERE a.program_id = ? AND a.created_at >= ? AND a.created_at < ? ORDER BY a.created_at, a.id LIMIT ?`,
        ...q.decidedStates,
        q.programId,
        q.from,
        q.to,
        limit,
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
    },
  };
}
