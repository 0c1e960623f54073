-- Mass re-determination as a persisted job (issue 12): one row per job with its keyset cursor (the last case id
-- done) and counts, advanced in the same transaction as each chunk's writes, so a restart resumes where it stopped.
-- At most one running job per program version. Determinations written from now on are compact (their `result` is
-- a compact determination, the trace is recomputed on demand); older rows keep their full result and stay readable.

CREATE TABLE jobs (
  id          TEXT PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('redetermination')),
  program_id  TEXT NOT NULL,
  version     INTEGER NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('running', 'done', 'cancelled', 'failed')),
  cursor      TEXT,                      -- the last case id done (keyset order), null before the first chunk
  counts      TEXT NOT NULL,             -- JSON JobCounts
  failures    TEXT NOT NULL,             -- JSON: the first failed cases, { caseId, message }[]
  trigger     TEXT NOT NULL CHECK (trigger IN ('on-demand', 'publication', 'schedule', 'legacy')),
  started_by  TEXT,
  started_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  finished_at TEXT,
  finished_by TEXT,
  error       TEXT
);
CREATE UNIQUE INDEX jobs_one_running ON jobs(program_id, version) WHERE status = 'running';
CREATE INDEX jobs_program ON jobs(program_id, version, started_at);

-- The keyset order the job pages cases in.
CREATE INDEX cases_program_id ON cases(program_id, id);
CREATE INDEX determinations_applied ON determinations(case_id) WHERE applied = 1;

-- The audit marks of the re-determinations run before jobs existed become finished jobs, so the scheduler (which
-- now looks for a job) never runs one of those versions again.
INSERT INTO jobs (id, kind, program_id, version, status, cursor, counts, failures, trigger, started_by, started_at, updated_at, finished_at, finished_by, error)
SELECT 'legacy-' || seq, 'redetermination', entity_id, json_extract(details, '$.version'), 'done', NULL,
       json_object('seen', json_extract(details, '$.count'), 'changed', json_extract(details, '$.count'), 'unchanged', 0,
                   'skippedDecided', 0, 'alreadyCurrent', 0, 'failed', 0),
       '[]', 'legacy', actor_id, at, at, at, NULL, NULL
FROM audit WHERE action = 'program.inflight.redetermine' AND entity = 'program';
