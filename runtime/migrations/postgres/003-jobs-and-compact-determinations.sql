-- Mass re-determination as a persisted job (issue 12): one row per job with its keyset cursor (the last case id
-- done) and counts, advanced in the same transaction as each chunk's writes, so a restart resumes where it stopped.
-- At most one running job per program version. Determinations written from now on are compact.

CREATE TABLE jobs (
  id          text PRIMARY KEY,
  kind        text NOT NULL CHECK (kind IN ('redetermination')),
  program_id  text NOT NULL,
  version     integer NOT NULL,
  status      text NOT NULL CHECK (status IN ('running', 'done', 'cancelled', 'failed')),
  cursor      text,                      -- the last case id done (keyset order), null before the first chunk
  counts      text NOT NULL,             -- JSON JobCounts
  failures    text NOT NULL,             -- JSON: the first failed cases, { caseId, message }[]
  trigger     text NOT NULL CHECK (trigger IN ('on-demand', 'publication', 'schedule', 'legacy')),
  started_by  text,
  started_at  text NOT NULL,
  updated_at  text NOT NULL,
  finished_at text,
  finished_by text,
  error       text,
  rowid       bigint GENERATED ALWAYS AS IDENTITY
);
CREATE UNIQUE INDEX jobs_one_running ON jobs(program_id, version) WHERE status = 'running';
CREATE INDEX jobs_program ON jobs(program_id, version, started_at);

-- The keyset order the job pages cases in.
CREATE INDEX cases_program_id ON cases(program_id, id);
CREATE INDEX determinations_applied ON determinations(case_id) WHERE applied;

-- The audit marks of the re-determinations run before jobs existed become finished jobs (as in SQLite; an empty
-- PostgreSQL database has none, but the migration means the same change on both stores).
INSERT INTO jobs (id, kind, program_id, version, status, cursor, counts, failures, trigger, started_by, started_at, updated_at, finished_at, finished_by, error)
SELECT 'legacy-' || seq, 'redetermination', entity_id, (details::jsonb ->> 'version')::integer, 'done', NULL,
       json_build_object('seen', (details::jsonb -> 'count'), 'changed', (details::jsonb -> 'count'), 'unchanged', 0,
                         'skippedDecided', 0, 'alreadyCurrent', 0, 'failed', 0)::text,
       '[]', 'legacy', actor_id, at, at, at, NULL, NULL
FROM audit WHERE action = 'program.inflight.redetermine' AND entity = 'program' ORDER BY seq;
