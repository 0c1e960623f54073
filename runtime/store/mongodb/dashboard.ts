/**
 * MongoDB program dashboard: the counts as aggregation pipelines over the program's applications of the period,
 * their cases (`$lookup`) and case events, grouped in the database. The failed rules are the one count made here:
 * a determination's result is stored as JSON text (docs.ts), which no pipeline stage parses, so the applied results
 * of the decided cases are read (result only) and their failed rules counted as they stream by.
 */
import type { Db, Document } from 'mongodb';
import type { CaseStore, DashboardCounts, DashboardQuery, DashboardRow } from '../types.ts';
import type { ApplicationDoc, DeterminationDoc } from './docs.ts';
import { scalar } from './units.ts';

type DashboardMethods = Pick<CaseStore, 'dashboard' | 'dashboardRows'>;

const days = (later: unknown, earlier: unknown) => ({
  $divide: [{ $subtract: [{ $toDate: later }, { $toDate: earlier }] }, 86_400_000],
});

/** The pipeline of the period's submitted applications with their case and first entry into a terminal state. */
function decidedPipeline(q: Pick<DashboardQuery, 'programId' | 'from' | 'to' | 'decidedStates'>): Document[] {
  return [
    { $match: { programId: scalar(q.programId), createdAt: { $gte: scalar(q.from), $lt: scalar(q.to) }, status: 'submitted' } },
    { $lookup: { from: 'cases', localField: '_id', foreignField: 'applicationId', as: 'case' } },
    { $unwind: '$case' },
    {
      $lookup: {
        from: 'case_events',
        let: { caseId: '$case._id' },
        pipeline: [
          { $match: { $expr: { $and: [{ $eq: ['$caseId', '$$caseId'] }, { $in: ['$to', q.decidedStates] }] } } },
          { $sort: { at: 1, ord: 1 } },
          { $limit: 1 },
        ],
        as: 'decision',
      },
    },
    { $unwind: '$decision' },
    { $project: { caseId: '$case._id', state: '$decision.to', decidedAt: '$decision.at', days: days('$decision.at', '$submittedAt') } },
  ];
}

/** The dashboard methods over `db`. */
export function mongoDashboardMethods(db: Db): DashboardMethods {
  const applications = db.collection<ApplicationDoc>('applications');
  return {
    async dashboard(q) {
      const inPeriod = { programId: scalar(q.programId), createdAt: { $gte: scalar(q.from), $lt: scalar(q.to) } };
      const abandoned = { status: 'draft', updatedAt: { $lt: scalar(q.abandonedBefore) } };
      const [totals] = await applications
        .aggregate<{ started: number; submitted: number; abandoned: number; inProgress: number }>([
          { $match: inPeriod },
          {
            $group: {
              _id: null,
              started: { $sum: 1 },
              submitted: { $sum: { $cond: [{ $eq: ['$status', 'submitted'] }, 1, 0] } },
              abandoned: { $sum: { $cond: [{ $and: [{ $eq: ['$status', 'draft'] }, { $lt: ['$updatedAt', q.abandonedBefore] }] }, 1, 0] } },
              inProgress: { $sum: { $cond: [{ $and: [{ $eq: ['$status', 'draft'] }, { $gte: ['$updatedAt', q.abandonedBefore] }] }, 1, 0] } },
            },
          },
        ])
        .toArray();
      const leftAt = await applications
        .aggregate<{ step: string | null; count: number }>([
          { $match: { ...inPeriod, ...abandoned } },
          { $group: { _id: { $ifNull: ['$lastStep', null] }, count: { $sum: 1 } } },
          { $project: { _id: 0, step: '$_id', count: 1 } },
          { $sort: { count: -1, step: 1 } },
        ])
        .toArray();
      const series = await applications
        .aggregate<{ bucket: string; started: number; submitted: number }>([
          { $match: inPeriod },
          {
            $group: {
              _id: { $substrBytes: ['$createdAt', 0, q.bucket === 'day' ? 10 : 7] },
              started: { $sum: 1 },
              submitted: { $sum: { $cond: [{ $eq: ['$status', 'submitted'] }, 1, 0] } },
            },
          },
          { $project: { _id: 0, bucket: '$_id', started: 1, submitted: 1 } },
          { $sort: { bucket: 1 } },
        ])
        .toArray();
      const outcomes = await applications
        .aggregate<{ state: string; count: number; averageDays: number; maxDays: number }>([
          ...decidedPipeline(q),
          { $group: { _id: '$state', count: { $sum: 1 }, averageDays: { $avg: '$days' }, maxDays: { $max: '$days' } } },
          { $project: { _id: 0, state: '$_id', count: 1, averageDays: { $round: ['$averageDays', 1] }, maxDays: { $round: ['$maxDays', 1] } } },
          { $sort: { count: -1, state: 1 } },
        ])
        .toArray();
      const bandOf = {
        $switch: { branches: [7, 14, 30, 60].map((upTo, i) => ({ case: { $lte: [{ $floor: '$days' }, upTo] }, then: i })), default: 4 },
      };
      const banded = await applications
        .aggregate<{ _id: number; count: number }>([...decidedPipeline(q), { $group: { _id: bandOf, count: { $sum: 1 } } }])
        .toArray();
      const decisionDays = (['0-7', '8-14', '15-30', '31-60', '61+'] as const).map((band, i) => ({
        band,
        count: banded.find((b) => b._id === i)?.count ?? 0,
      }));
      const deadlines: DashboardCounts['deadlines'] = [];
      for (const d of q.deadlines) {
        const [row] = await applications
          .aggregate<{ met: number; late: number; open: number; overdue: number }>([
            { $match: { ...inPeriod, status: 'submitted' } },
            { $lookup: { from: 'cases', localField: '_id', foreignField: 'applicationId', as: 'case' } },
            { $unwind: '$case' },
            {
              $lookup: {
                from: 'case_events',
                let: { caseId: '$case._id' },
                pipeline: [{ $match: { $expr: { $eq: ['$caseId', '$$caseId'] } } }, { $sort: { at: 1, ord: 1 } }, { $project: { to: 1, at: 1 } }],
                as: 'events',
              },
            },
            { $set: { start: { $first: { $filter: { input: '$events', cond: { $eq: ['$$this.to', d.from] } } } } } },
            { $match: { start: { $ne: null } } },
            {
              $set: {
                stop: {
                  $first: {
                    $filter: { input: '$events', cond: { $and: [{ $in: ['$$this.to', d.until] }, { $gte: ['$$this.at', '$start.at'] }] } },
                  },
                },
              },
            },
            {
              $set: {
                ran: { $cond: [{ $ifNull: ['$stop', false] }, days('$stop.at', '$start.at'), days(q.now, '$start.at')] },
                stopped: { $ifNull: ['$stop', false] },
              },
            },
            {
              $group: {
                _id: null,
                met: { $sum: { $cond: [{ $and: [{ $ne: ['$stopped', false] }, { $lte: ['$ran', d.days] }] }, 1, 0] } },
                late: { $sum: { $cond: [{ $and: [{ $ne: ['$stopped', false] }, { $gt: ['$ran', d.days] }] }, 1, 0] } },
                open: { $sum: { $cond: [{ $and: [{ $eq: ['$stopped', false] }, { $lte: ['$ran', d.days] }] }, 1, 0] } },
                overdue: { $sum: { $cond: [{ $and: [{ $eq: ['$stopped', false] }, { $gt: ['$ran', d.days] }] }, 1, 0] } },
              },
            },
          ])
          .toArray();
        deadlines.push({ id: d.id, met: row?.met ?? 0, late: row?.late ?? 0, open: row?.open ?? 0, overdue: row?.overdue ?? 0 });
      }
      const failed = new Map<string, number>();
      const decided = applications.aggregate<{ caseId: string }>([...decidedPipeline(q), { $project: { _id: 0, caseId: 1 } }]);
      const determinations = db.collection<DeterminationDoc>('determinations');
      for await (const { caseId } of decided) {
        const last = await determinations
          .find({ caseId: scalar(caseId), applied: true }, { projection: { result: 1 } })
          .sort({ createdAt: -1, ord: -1 })
          .limit(1)
          .next();
        if (!last) continue;
        const result = JSON.parse(last.result) as {
          format?: string;
          outcomes?: Record<string, string>;
          reasons?: { rule: string; outcome: string }[];
        };
        const rules =
          result.format === 'compact-1'
            ? Object.entries(result.outcomes ?? {})
                .filter(([, o]) => o === 'fail')
                .map(([rule]) => rule)
            : (result.reasons ?? []).filter((r) => r.outcome === 'fail').map((r) => r.rule);
        for (const rule of rules) failed.set(rule, (failed.get(rule) ?? 0) + 1);
      }
      const reasons = [...failed].map(([rule, count]) => ({ rule, count })).sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule));
      const backlog = await db
        .collection('cases')
        .aggregate<{ state: string; assignee: string | null; count: number }>([
          { $match: { programId: scalar(q.programId), state: { $nin: q.decidedStates } } },
          { $group: { _id: { state: '$state', assignee: { $ifNull: ['$assignee', null] } }, count: { $sum: 1 } } },
          { $project: { _id: 0, state: '$_id.state', assignee: '$_id.assignee', count: 1 } },
          { $sort: { state: 1, count: -1, assignee: 1 } },
        ])
        .toArray();
      return {
        applications: totals ?? { started: 0, submitted: 0, abandoned: 0, inProgress: 0 },
        leftAt,
        series,
        outcomes,
        decisionDays,
        deadlines,
        reasons,
        backlog,
      };
    },

    async dashboardRows(q, limit) {
      const docs = await applications
        .aggregate<ApplicationDoc & { lastStep?: string; case?: Document; decision?: Document; applied?: Document }>([
          { $match: { programId: scalar(q.programId), createdAt: { $gte: scalar(q.from), $lt: scalar(q.to) } } },
          { $sort: { createdAt: 1, _id: 1 } },
          { $limit: limit },
          { $lookup: { from: 'cases', localField: '_id', foreignField: 'applicationId', as: 'case' } },
          { $set: { case: { $first: '$case' } } },
          {
            $lookup: {
              from: 'case_events',
              let: { caseId: '$case._id' },
              pipeline: [
                { $match: { $expr: { $and: [{ $eq: ['$caseId', '$$caseId'] }, { $in: ['$to', q.decidedStates] }] } } },
                { $sort: { at: 1, ord: 1 } },
                { $limit: 1 },
              ],
              as: 'decision',
            },
          },
          { $set: { decision: { $first: '$decision' } } },
          {
            $lookup: {
              from: 'determinations',
              let: { caseId: '$case._id' },
              pipeline: [
                { $match: { $expr: { $and: [{ $eq: ['$caseId', '$$caseId'] }, { $eq: ['$applied', true] }] } } },
                { $sort: { createdAt: -1, ord: -1 } },
                { $limit: 1 },
                { $project: { result: 1 } },
              ],
              as: 'applied',
            },
          },
          { $set: { applied: { $first: '$applied' } } },
        ])
        .toArray();
      return docs.map(
        (d): DashboardRow => ({
          applicationId: d._id,
          caseId: (d.case?._id as string | undefined) ?? null,
          version: d.version,
          status: d.status,
          lastStep: d.lastStep ?? null,
          lang: d.lang,
          createdAt: d.createdAt,
          updatedAt: d.updatedAt,
          submittedAt: d.submittedAt,
          state: (d.case?.state as string | undefined) ?? null,
          assignee: (d.case?.assignee as string | null | undefined) ?? null,
          label: (d.case?.label as string | undefined) ?? null,
          decidedAt: (d.decision?.at as string | undefined) ?? null,
          eligibility: d.applied ? ((JSON.parse(d.applied.result as string) as { eligibility?: string }).eligibility ?? null) : null,
          answers: JSON.parse(d.answers) as Record<string, unknown>,
        }),
      );
    },
  };
}
