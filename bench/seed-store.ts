/**
 * A fast seeder of a SQLite or PostgreSQL store with a realistic caseload, for benchmarks and tests of work over the stored cases
 * (impact previews, mass re-determination): generated SNAP-shaped households (bench/households.ts) stored as what
 * the runtime writes when an applicant submits — a submitted application, its case, its initial determination
 * (traced `evaluate`, as `submitApplication` stores it) and its case events — through the store's own tables, in
 * big transactions instead of one per submission.
 *
 * The store is opened once (migrated; program versions stored through the store's own methods), then rows are
 * inserted with the columns of the runtime's submission (runtime/store/sql/applications.ts and case-writes.ts): one
 * transaction per batch, prepared statements on SQLite, multi-row INSERTs on PostgreSQL.
 * Unlike the intake, the seeder also stores households whose answers are invalid or incomplete when asked
 * (`households.invalidRate`, `missingRate`), as a caseload imported from an older system would hold them, so that
 * the work over the caseload meets them. Cases are spread over the workflow's states (most pending, some decided),
 * each with the events that led there.
 *
 * @example
 * await seedStore({ path: '/tmp/cases.db', count: 100_000, versions: [{ doc: fy2025, status: 'published' }], caseVersion: 4, asOf: '2025-09-15' });
 */
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { compile, evaluate, type IsoDate, type Program } from '../engine/index.ts';
import { openStore } from '../runtime/store/index.ts';
import { openSqliteDatabase } from '../runtime/store/sqlite/db.ts';
import { createSqliteStore } from '../runtime/store/sqlite/sqlite-store.ts';
import { contentHash } from '../engine/format/hash.ts';
import { compactDetermination } from '../runtime/services/determinations.ts';
import { households, prng, type HouseholdOptions } from './households.ts';

/** A program version to store before the cases: published (cases may be decided under it) or the program's draft. */
export interface SeedVersion {
  doc: Program;
  status: 'published' | 'draft';
}

/** What to seed. */
export interface SeedOptions {
  /** The SQLite file (created and migrated when absent); or, instead: */
  path?: string;
  /** A PostgreSQL database (migrated when empty), e.g. `postgres://mandate@db.internal/mandate`. */
  databaseUrl?: string;
  /** How many submitted applications (and cases) to add. */
  count: number;
  /** Households, case states and ids follow from it; default 1. */
  seed?: number;
  /** Program versions to store first (skipped when the store already has that version number). */
  versions: SeedVersion[];
  /** The published version (of `versions`' program) the cases are decided under. */
  caseVersion: number;
  /** The date the initial determinations are made on; submissions are spread over the 60 days before it. */
  asOf: IsoDate;
  /** Passed to `households`: incomplete or invalid answers. */
  households?: HouseholdOptions;
  /** Share of applications in Spanish; default 0.2. */
  spanish?: number;
  /**
   * What each initial determination is stored as: `compact` (what the runtime stores since issue 12, a
   * `CompactDetermination`) or `full` (the whole traced determination, as stores written before compaction hold it;
   * the default, which the tests of legacy rows rely on).
   */
  determinations?: 'full' | 'compact';
  /** Rows per transaction; default 5,000. */
  batch?: number;
  /** Called after each transaction with the cases stored so far. */
  progress?: (done: number) => void;
}

/** What the seeder did. */
export interface SeedResult {
  cases: number;
  seconds: number;
  /** Cases per state. */
  states: Record<string, number>;
}

const DAY = 86_400_000;

/** Seeds `options.count` submitted applications with their cases, determinations and events into the store at `options.path` or `options.databaseUrl`. */
export async function seedStore(options: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const seed = options.seed ?? 1;
  const programId = options.versions[0]?.doc.id;
  if (!programId) throw new Error('seedStore needs at least one program version.');
  if (!options.path === !options.databaseUrl) throw new Error('seedStore needs either a SQLite path or a PostgreSQL databaseUrl, not both.');
  const store = options.databaseUrl ? await openStore({ databaseUrl: options.databaseUrl }) : createSqliteStore(options.path!);
  try {
    for (const { doc, status } of options.versions) {
      if (await store.getProgramVersion(doc.id, doc.version)) continue;
      const content = {
        doc,
        hash: contentHash(doc),
        effectiveFrom: doc.effectiveFrom,
        title: doc.title,
        changelog: doc.changelog ?? '',
        inFlight: doc.inFlight === 'keep' ? ('keep' as const) : ('reevaluate' as const),
      };
      if (status === 'published')
        await store.publishVersion({ ...content, programId: doc.id, version: doc.version, createdBy: null, publishedBy: null });
      else await store.createDraft({ ...content, programId: doc.id, version: doc.version, createdBy: null });
    }
  } finally {
    await store.close();
  }
  const version = options.versions.find((v) => v.doc.version === options.caseVersion && v.status === 'published');
  if (!version) throw new Error(`caseVersion ${options.caseVersion} is not one of the published versions given to seedStore.`);
  const compiled = compile(version.doc).compiled;
  if (!compiled) throw new Error(`${programId} v${options.caseVersion} does not compile; run mandate validate on it.`);
  const hash = contentHash(version.doc);
  const workflow = version.doc.workflow;
  const plan = statePlan(workflow);

  const writer = options.databaseUrl ? await postgresWriter(options.databaseUrl) : sqliteWriter(options.path!);
  const batch = options.batch ?? 5_000;
  const spanish = options.spanish ?? 0.2;
  const rnd = prng(seed ^ 0x5eed);
  const states: Record<string, number> = {};
  const asOfTime = Date.parse(`${options.asOf}T12:00:00Z`);
  try {
    // Ids are unique per seed and offset (a store seeded twice with different seeds holds both caseloads).
    const offset = await writer.cases();
    /** The rows of households `from`… of a batch, as the runtime's submission writes them. */
    const rowsOf = (from: number, list: Record<string, unknown>[]): SeedRows => {
      const rows: SeedRows = { applications: [], cases: [], determinations: [], case_events: [] };
      for (let k = 0; k < list.length; k++) {
        const n = from + k;
        const answers = list[k];
        const ids = idsOf(seed, offset + n);
        const lang = rnd() < spanish ? 'es' : 'en';
        const submitted = new Date(asOfTime - Math.floor(rnd() * 60 * DAY)).toISOString();
        const result = evaluate(compiled, answers, { asOf: options.asOf, lang });
        const state = plan.pick(rnd(), result.eligibility === 'eligible');
        states[state] = (states[state] ?? 0) + 1;
        const path = plan.paths[state];
        const stepAt = (i: number) => new Date(Date.parse(submitted) + i * DAY).toISOString();
        const last = stepAt(path.length);
        const member = Array.isArray(answers.members) ? (answers.members[0] as { name?: unknown }) : undefined;
        const label = typeof member?.name === 'string' ? member.name : `Application ${ids.application.slice(0, 8)}`;
        rows.applications.push({
          id: ids.application,
          program_id: programId,
          version: options.caseVersion,
          resume_code_hash: ids.resume,
          answers: JSON.stringify(answers),
          lang,
          status: 'submitted',
          revision: 2,
          created_at: submitted,
          updated_at: submitted,
          submitted_at: submitted,
        });
        rows.cases.push({
          id: ids.case,
          application_id: ids.application,
          program_id: programId,
          version: options.caseVersion,
          hash,
          state,
          // Seeded steps have no actor (the runtime records none for a null actor).
          performed_by: '{}',
          state_entered_at: last,
          label,
          created_at: submitted,
          updated_at: last,
          revision: 1 + path.length,
        });
        rows.determinations.push({
          id: ids.determination,
          case_id: ids.case,
          application_id: ids.application,
          program_id: programId,
          version: options.caseVersion,
          hash,
          as_of: options.asOf,
          kind: 'initial',
          applied: true,
          result: JSON.stringify(options.determinations === 'compact' ? compactDetermination(result, answers) : result),
          created_at: submitted,
        });
        const event = (i: number, at: string, name: string, from: string | null, to: string) =>
          rows.case_events.push({ id: `${ids.case}-e${i}`, case_id: ids.case, at, event: name, from_state: from, to_state: to, actions: '[]' });
        event(0, submitted, 'submit', null, workflow.initial);
        path.forEach((step, i) => event(i + 1, stepAt(i + 1), step.event, step.from, step.to));
      }
      return rows;
    };
    for (let from = 0; from < options.count; from += batch) {
      const n = Math.min(batch, options.count - from);
      // Each batch of households has its own seed, so a count seeds the same households in any batch size.
      await writer.write(rowsOf(from, households(n, seed * 1_000_003 + from, options.households)));
      options.progress?.(from + n);
    }
  } finally {
    await writer.close();
  }
  return { cases: options.count, seconds: (performance.now() - started) / 1000, states };
}

/** One batch of seeded rows by table, each row by column (the columns the runtime's submission writes). */
type SeedRows = Record<'applications' | 'cases' | 'determinations' | 'case_events', Record<string, string | number | boolean | null>[]>;

/** Where seeded rows go: a SQLite file or a PostgreSQL database, one transaction per batch. */
interface SeedWriter {
  /** How many cases the store holds already. */
  cases(): Promise<number>;
  write(rows: SeedRows): Promise<void>;
  close(): Promise<void>;
}

function sqliteWriter(path: string): SeedWriter {
  const db = openSqliteDatabase(path);
  // A benchmark's store: losing the last transaction on a power cut is acceptable while seeding.
  db.pragma('synchronous = NORMAL');
  const statements = new Map<string, Database.Statement>();
  const insert = (table: string, row: Record<string, unknown>) => {
    const columns = Object.keys(row);
    const key = `${table}:${columns.join(',')}`;
    let statement = statements.get(key);
    if (!statement) {
      statement = db.prepare(`INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
      statements.set(key, statement);
    }
    // SQLite flags are 0/1.
    statement.run(Object.fromEntries(Object.entries(row).map(([c, v]) => [c, typeof v === 'boolean' ? Number(v) : v])));
  };
  const write = db.transaction((rows: SeedRows) => {
    for (const [table, list] of Object.entries(rows)) for (const row of list) insert(table, row);
  });
  return {
    async cases() {
      return (db.prepare('SELECT COUNT(*) AS n FROM cases').get() as { n: number }).n;
    },
    async write(rows) {
      write(rows);
    },
    async close() {
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}

/** PostgreSQL takes at most 65,535 parameters per statement: rows go in multi-row INSERTs below that. */
const PG_PARAMETERS = 60_000;

async function postgresWriter(url: string): Promise<SeedWriter> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // A benchmark's store: a crash while seeding may lose the last batch (never tear one).
  await client.query('SET synchronous_commit = off');
  return {
    async cases() {
      return Number((await client.query('SELECT COUNT(*) AS n FROM cases')).rows[0].n);
    },
    async write(rows) {
      await client.query('BEGIN');
      try {
        for (const [table, list] of Object.entries(rows)) {
          if (list.length === 0) continue;
          const columns = Object.keys(list[0]);
          const per = Math.floor(PG_PARAMETERS / columns.length);
          for (let i = 0; i < list.length; i += per) {
            const part = list.slice(i, i + per);
            const values = part.map((_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`);
            await client.query(
              `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${values.join(', ')}`,
              part.flatMap((row) => columns.map((c) => row[c])),
            );
          }
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    },
    async close() {
      // Fresh statistics for the planner (autovacuum would take its time): the work over the caseload follows at once.
      await client.query('ANALYZE');
      await client.end();
    },
  };
}

/** Deterministic ids (UUID-shaped, from sha256) of the n-th seeded application of a seed. */
function idsOf(seed: number, n: number) {
  const h = createHash('sha256').update(`mandate-seed:${seed}:${n}`).digest('hex');
  const uuid = (s: string) => `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-a${s.slice(17, 20)}-${s.slice(20, 32)}`;
  return {
    application: uuid(h.slice(0, 32)),
    case: uuid(h.slice(32, 64)),
    determination: uuid(createHash('sha256').update(h).digest('hex')),
    resume: createHash('sha256').update(`resume:${h}`).digest('hex'),
  };
}

interface Step {
  event: string;
  from: string;
  to: string;
}

/**
 * Where seeded cases stand: 40% still in the initial state, 30% spread over the other pending states, 30% decided
 * (an approval for eligible households, a denial otherwise, when the workflow has such states), each reached by the
 * shortest path of transitions from the initial state.
 */
function statePlan(workflow: Program['workflow']) {
  const paths: Record<string, Step[]> = { [workflow.initial]: [] };
  const queue = [workflow.initial];
  while (queue.length > 0) {
    const at = queue.shift()!;
    for (const t of workflow.transitions) {
      if (!t.from.includes(at) || t.to in paths) continue;
      paths[t.to] = [...paths[at], { event: t.event, from: at, to: t.to }];
      if (!workflow.states[t.to]?.terminal) queue.push(t.to);
    }
  }
  const reachable = Object.keys(paths);
  const pending = reachable.filter((s) => s !== workflow.initial && !workflow.states[s]?.terminal);
  const decided = reachable.filter((s) => workflow.states[s]?.terminal);
  const approved = decided.find((s) => /approv|grant|accept/.test(s)) ?? decided[0];
  const denied = decided.find((s) => /den|reject|refus/.test(s)) ?? decided[0];
  return {
    paths,
    pick(r: number, eligible: boolean): string {
      if (r < 0.4 || (pending.length === 0 && decided.length === 0)) return workflow.initial;
      if (r < 0.7 && pending.length > 0) return pending[Math.floor(((r - 0.4) / 0.3) * pending.length)];
      return (eligible ? approved : denied) ?? workflow.initial;
    },
  };
}

/**
 * Makes a store `times` times larger without evaluating again: copies every seeded application, case, determination
 * and case event `times - 1` times with new ids (`<id>-r<k>`), in one transaction per copy. For benchmarks over
 * very large stores (1,000,000 cases), where seeding through `evaluate` takes long: the rows have the size and shape
 * of real ones, the households repeat.
 */
export function replicateStore(path: string, times: number): void {
  const db = openSqliteDatabase(path);
  db.pragma('synchronous = NORMAL');
  const copy = db.transaction((k: number) => {
    const r = `-r${k}`;
    const original = "NOT LIKE '%-r%'";
    db.prepare(
      `INSERT INTO applications (id, program_id, version, resume_code_hash, answers, lang, status, created_by, on_behalf_of, revision,
       created_at, updated_at, submitted_at) SELECT id || ?, program_id, version, resume_code_hash || ?, answers, lang, status, created_by, on_behalf_of,
       revision, created_at, updated_at, submitted_at FROM applications WHERE id ${original} AND status = 'submitted'`,
    ).run(r, r);
    db.prepare(
      `INSERT INTO cases (id, application_id, program_id, version, hash, state, assignee, performed_by, state_entered_at, due_on, label,
       created_at, updated_at, revision, reference, decision) SELECT id || ?, application_id || ?, program_id, version, hash, state, assignee, performed_by,
       state_entered_at, due_on, label, created_at, updated_at, revision, reference || ?, decision FROM cases WHERE id ${original}`,
    ).run(r, r, r);
    db.prepare(
      `INSERT INTO determinations (id, case_id, application_id, program_id, version, hash, as_of, kind, applied, result, created_by, created_at)
       SELECT id || ?, case_id || ?, application_id || ?, program_id, version, hash, as_of, kind, applied, result,
       created_by, created_at FROM determinations WHERE id ${original}`,
    ).run(r, r, r);
    db.prepare(
      `INSERT INTO case_events (id, case_id, at, actor_id, event, from_state, to_state, actions, reason)
       SELECT id || ?, case_id || ?, at, actor_id, event, from_state, to_state, actions, reason FROM case_events WHERE case_id ${original}`,
    ).run(r, r);
  });
  try {
    for (let k = 1; k < times; k++) copy(k);
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}
