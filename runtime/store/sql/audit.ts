/**
 * The audit log's reads and its own appends on an SQL store, one implementation for SQLite and PostgreSQL. Entries
 * are linked (hashes, MACs, the signed checkpoint) by each connection's `appendAudit` inside the write transaction
 * (`SqliteDb`, `PgDb`), which every write's `audit` step reaches; the signed checkpoint is read per dialect there too.
 */
import { auditLimit, auditList } from '../common.ts';
import { auditFromRow } from '../rows.ts';
import type { AuditStore } from '../types.ts';
import { all, audit, first, type SqlStore } from './steps.ts';

const AUDIT_COLUMNS = ['seq', 'at', 'actor_id', 'action', 'entity', 'entity_id', 'details', 'prev_hash', 'hash', 'mac'] as const;

/** The audit methods over `s` (but `auditCheckpoint`, which each store reads from its connection). */
export function sqlAuditMethods(s: SqlStore): Pick<AuditStore, 'appendAudit' | 'listAudit' | 'lastAudit'> {
  const { q } = s;
  return {
    appendAudit: (entries) => s.transaction(() => audit(auditList(entries))),

    listAudit: (query = {}) =>
      s.query(function* () {
        let select = q
          .selectFrom('audit')
          .select(AUDIT_COLUMNS)
          .where('seq', '>', query.afterSeq ?? 0);
        if (query.entity != null) select = select.where('entity', '=', query.entity);
        if (query.entityId != null) select = select.where('entity_id', '=', query.entityId);
        if (query.actorId != null) select = select.where('actor_id', '=', query.actorId);
        if (query.action != null) select = select.where('action', '=', query.action);
        return (yield* all(select.orderBy('seq').limit(auditLimit(query.limit)))).map(auditFromRow);
      }),

    lastAudit: () =>
      s.query(function* () {
        const row = yield* first(q.selectFrom('audit').select(AUDIT_COLUMNS).orderBy('seq', 'desc').limit(1));
        return row ? auditFromRow(row) : null;
      }),
  };
}
