/**
 * MongoDB caseload reading: the inputs of a program's cases, page by page in case-id order (keyset pagination on
 * `_id`), with each application's answers as the JSON text the store holds (see docs.ts).
 */
import type { Db, Filter } from 'mongodb';
import type { CaseloadFilter, CaseloadRow, CaseStore } from '../types.ts';
import type { ApplicationDoc, CaseDoc } from './docs.ts';
import { scalar } from './units.ts';

type CaseloadMethods = Pick<CaseStore, 'readCaseload' | 'countCaseload'>;

function caseFilter(filter: CaseloadFilter): Filter<CaseDoc> {
  const out: Filter<CaseDoc> = { programId: scalar(filter.programId) };
  if (filter.states) out.state = { $in: filter.states.map(scalar) };
  return out;
}

/** The caseload methods over `db`. */
export function mongoCaseloadMethods(db: Db): CaseloadMethods {
  const cases = db.collection<CaseDoc>('cases');
  const applications = db.collection<ApplicationDoc>('applications');
  return {
    async readCaseload(query) {
      const filter = caseFilter(query);
      if (query.after !== undefined) filter._id = { $gt: scalar(query.after) };
      // The `_id` index drives the scan from the last id read, so a page costs its own documents.
      const page = await cases
        .find(filter, { projection: { _id: 1, state: 1, version: 1, applicationId: 1 } })
        .sort({ _id: 1 })
        .hint({ _id: 1 })
        .limit(query.limit)
        .toArray();
      if (page.length === 0) return [];
      const apps = await applications
        .find({ _id: { $in: page.map((c) => c.applicationId) } }, { projection: { _id: 1, answers: 1, lang: 1 } })
        .toArray();
      const byId = new Map(apps.map((a) => [a._id, a]));
      return page.map((c): CaseloadRow => {
        const app = byId.get(c.applicationId);
        // A case whose application is missing is given answers that are not JSON, so it counts as invalid.
        return { caseId: c._id, state: c.state, version: c.version, lang: app?.lang ?? 'en', answers: app?.answers ?? '' };
      });
    },

    async countCaseload(filter) {
      return cases.countDocuments(caseFilter(filter));
    },
  };
}
