-- Mandate store, schema version 1. JSON documents are TEXT columns; times are ISO 8601 TEXT.

CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  roles         TEXT NOT NULL,            -- JSON array of role names
  password_hash TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE sessions (
  id         TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expiry ON sessions(expires_at);

CREATE TABLE program_versions (
  program_id     TEXT NOT NULL,
  version        INTEGER NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('draft', 'published')),
  doc            TEXT NOT NULL,
  hash           TEXT NOT NULL,
  effective_from TEXT NOT NULL,
  title          TEXT NOT NULL,
  changelog      TEXT NOT NULL,
  in_flight      TEXT NOT NULL CHECK (in_flight IN ('reevaluate', 'keep')),
  revision       INTEGER NOT NULL,
  created_by     TEXT,
  created_at     TEXT NOT NULL,
  published_by   TEXT,
  published_at   TEXT,
  PRIMARY KEY (program_id, version)
);
-- At most one draft per program.
CREATE UNIQUE INDEX program_versions_one_draft ON program_versions(program_id) WHERE status = 'draft';
CREATE INDEX program_versions_hash ON program_versions(program_id, hash);

CREATE TABLE applications (
  id               TEXT PRIMARY KEY,
  program_id       TEXT NOT NULL,
  version          INTEGER NOT NULL,
  resume_code_hash TEXT NOT NULL UNIQUE,
  answers          TEXT NOT NULL,
  lang             TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
  created_by       TEXT,
  on_behalf_of     TEXT,
  revision         INTEGER NOT NULL,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  submitted_at     TEXT
);
CREATE INDEX applications_program ON applications(program_id, status);
CREATE INDEX applications_creator ON applications(created_by);

CREATE TABLE cases (
  id               TEXT PRIMARY KEY,
  application_id   TEXT NOT NULL UNIQUE REFERENCES applications(id),
  program_id       TEXT NOT NULL,
  version          INTEGER NOT NULL,
  hash             TEXT NOT NULL,
  state            TEXT NOT NULL,
  assignee         TEXT,
  performed_by     TEXT NOT NULL,         -- JSON { event: userId[] }
  state_entered_at TEXT NOT NULL,
  due_on           TEXT,
  label            TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  revision         INTEGER NOT NULL
);
CREATE INDEX cases_queue ON cases(program_id, state, created_at);
CREATE INDEX cases_created ON cases(created_at);
CREATE INDEX cases_assignee ON cases(assignee);
CREATE INDEX cases_due ON cases(due_on);

CREATE TABLE determinations (
  id             TEXT PRIMARY KEY,
  case_id        TEXT REFERENCES cases(id),
  application_id TEXT NOT NULL REFERENCES applications(id),
  program_id     TEXT NOT NULL,
  version        INTEGER NOT NULL,
  hash           TEXT NOT NULL,
  as_of          TEXT NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('initial', 'redetermination', 'dry-run')),
  applied        INTEGER NOT NULL,
  result         TEXT NOT NULL,
  created_by     TEXT,
  created_at     TEXT NOT NULL
);
CREATE INDEX determinations_case ON determinations(case_id);

CREATE TABLE case_events (
  id         TEXT PRIMARY KEY,
  case_id    TEXT NOT NULL REFERENCES cases(id),
  at         TEXT NOT NULL,
  actor_id   TEXT,
  event      TEXT NOT NULL,
  from_state TEXT,
  to_state   TEXT NOT NULL,
  actions    TEXT NOT NULL
);
CREATE INDEX case_events_case ON case_events(case_id);

CREATE TABLE notes (
  id        TEXT PRIMARY KEY,
  case_id   TEXT NOT NULL REFERENCES cases(id),
  at        TEXT NOT NULL,
  author_id TEXT NOT NULL,
  text      TEXT NOT NULL
);
CREATE INDEX notes_case ON notes(case_id);

CREATE TABLE documents (
  id           TEXT PRIMARY KEY,
  case_id      TEXT NOT NULL REFERENCES cases(id),
  name         TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('requested', 'received')),
  requested_at TEXT NOT NULL,
  received_at  TEXT
);
CREATE INDEX documents_case ON documents(case_id);

CREATE TABLE messages (
  id      TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id),
  "to"    TEXT NOT NULL,
  text    TEXT NOT NULL,
  at      TEXT NOT NULL
);
CREATE INDEX messages_case ON messages(case_id);

CREATE TABLE audit (
  seq       INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor_id  TEXT,
  action    TEXT NOT NULL,
  entity    TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  details   TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_entity ON audit(entity, entity_id);

-- The audit log is append-only through the application. (Someone with the file can still drop these; the hash
-- chain is what detects that.)
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be changed'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be deleted'); END;
