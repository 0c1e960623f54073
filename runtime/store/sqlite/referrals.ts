/**
 * SQLite networks of care (issue 16): sharing consents, referrals and capacity, each a JSON document beside the
 * columns its queries filter on. Every write is one transaction with its audit entries.
 */
import { auditList } from '../common.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { CapacityRecord, ReferralRecord, ReferralStore, SharingConsent } from '../referral-types.ts';
import type { SqliteDb } from './db.ts';

/** The referral and consent methods over `db`. */
export function sqliteReferralMethods(db: SqliteDb): ReferralStore {
  const consent = (id: string): SharingConsent => {
    const row = db.get<{ doc: string }>('SELECT doc FROM sharing_consents WHERE id = ?', id);
    if (!row) throw new NotFoundError('consent', id);
    return JSON.parse(row.doc) as SharingConsent;
  };
  const writeConsent = (next: SharingConsent) => db.run('UPDATE sharing_consents SET doc = ? WHERE id = ?', JSON.stringify(next), next.id);
  const referral = (id: string): ReferralRecord => {
    const row = db.get<{ doc: string }>('SELECT doc FROM referrals WHERE id = ?', id);
    if (!row) throw new NotFoundError('referral', id);
    return JSON.parse(row.doc) as ReferralRecord;
  };
  const withdrawn = (c: SharingConsent) =>
    new ConflictError('wrong-state', `The consent ${c.id} was withdrawn on ${c.withdrawnAt}: nothing more is shared under it.`, {
      withdrawnAt: c.withdrawnAt,
    });
  return {
    async createSharingConsent(input, audit) {
      return db.tx(() => {
        db.run(
          'INSERT INTO sharing_consents (id, source_application_id, program_id, created_at, doc) VALUES (?, ?, ?, ?, ?)',
          input.id,
          input.sourceApplicationId,
          input.programId,
          input.confirmedAt,
          JSON.stringify(input),
        );
        db.appendAudit(auditList(audit));
        return input;
      });
    },
    async getSharingConsent(id) {
      return consent(id);
    },
    async listSharingConsents(sourceApplicationId) {
      return db
        .all<{ doc: string }>('SELECT doc FROM sharing_consents WHERE source_application_id = ? ORDER BY created_at, id', sourceApplicationId)
        .map((r) => JSON.parse(r.doc) as SharingConsent);
    },
    async withdrawSharingConsent(id, by, audit) {
      return db.tx(() => {
        const current = consent(id);
        if (current.withdrawnAt) throw withdrawn(current);
        const next: SharingConsent = { ...current, withdrawnAt: db.now(), withdrawnBy: by };
        writeConsent(next);
        db.appendAudit(auditList(audit));
        return next;
      });
    },
    async recordConsentShare(id, share, audit) {
      return db.tx(() => {
        const current = consent(id);
        if (current.withdrawnAt) throw withdrawn(current);
        const next: SharingConsent = { ...current, shares: [...current.shares, share] };
        writeConsent(next);
        db.appendAudit(auditList(audit));
        return next;
      });
    },
    async createReferral(input, audit) {
      return db.tx(() => {
        db.run(
          `INSERT INTO referrals (id, from_program_id, from_application_id, from_case_id, to_program_id, revision, created_at, follow_code_hash, doc)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          input.id,
          input.fromProgramId,
          input.fromApplicationId,
          input.fromCaseId,
          input.toProgramId,
          input.revision,
          input.createdAt,
          input.followCodeHash ?? null,
          JSON.stringify(input),
        );
        db.appendAudit(auditList(audit));
        return input;
      });
    },
    async getReferral(id) {
      return referral(id);
    },
    async getReferralByFollowCode(codeHash) {
      const row = db.get<{ doc: string }>('SELECT doc FROM referrals WHERE follow_code_hash = ?', codeHash);
      return row ? (JSON.parse(row.doc) as ReferralRecord) : null;
    },
    async listReferrals(query) {
      const where: string[] = [];
      const params: unknown[] = [];
      const within = (column: string, values: readonly string[] | undefined) => {
        if (values === undefined) return;
        if (values.length === 0) where.push('0');
        else {
          where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
          params.push(...values);
        }
      };
      within('to_program_id', query.toProgramIds);
      within('from_program_id', query.fromProgramIds);
      if (query.fromApplicationId !== undefined) {
        where.push('from_application_id = ?');
        params.push(query.fromApplicationId);
      }
      if (query.fromCaseId !== undefined) {
        where.push('from_case_id = ?');
        params.push(query.fromCaseId);
      }
      const sql = `SELECT doc FROM referrals ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id`;
      return db.db
        .prepare(sql)
        .all(...params)
        .map((r) => JSON.parse((r as { doc: string }).doc) as ReferralRecord);
    },
    async saveReferral(next, expectedRevision, audit) {
      return db.tx(() => {
        const current = referral(next.id);
        if (current.revision !== expectedRevision) {
          throw new ConflictError(
            'stale-revision',
            `The referral was changed by someone else (revision ${current.revision}). Reload it and apply your change again.`,
            { currentRevision: current.revision, expectedRevision },
          );
        }
        const saved: ReferralRecord = { ...next, revision: expectedRevision + 1 };
        db.run('UPDATE referrals SET revision = ?, doc = ? WHERE id = ?', saved.revision, JSON.stringify(saved), saved.id);
        db.appendAudit(auditList(audit));
        return saved;
      });
    },
    async getCapacity(programId) {
      const row = db.get<{ doc: string }>('SELECT doc FROM program_capacity WHERE program_id = ?', programId);
      return row ? (JSON.parse(row.doc) as CapacityRecord) : { programId, capacity: 'open', note: null, updatedAt: null, updatedBy: null };
    },
    async setCapacity(record, audit) {
      return db.tx(() => {
        db.run(
          'INSERT INTO program_capacity (program_id, doc) VALUES (?, ?) ON CONFLICT (program_id) DO UPDATE SET doc = excluded.doc',
          record.programId,
          JSON.stringify(record),
        );
        db.appendAudit(auditList(audit));
        return record;
      });
    },
  };
}
