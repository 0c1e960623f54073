-- Mandate store, schema version 1, PostgreSQL. The same tables and columns as the SQLite migration of this number:
-- JSON documents are text (the SQL never looks inside them), except `determinations.result` (jsonb: the dashboard and
-- the re-determination jobs read into it); times are ISO 8601 text, so they sort and compare as in SQLite.
-- Every table SQLite gives an implicit rowid has an explicit `rowid` identity column here, so `ORDER BY rowid`
-- means insertion order on both stores (writes are serialised under the audit lock, so it is also commit order).

CREATE TABLE users (
  id            text PRIMARY KEY,
  email         text NOT NULL UNIQUE,
  name          text NOT NULL,
  roles         text NOT NULL,            -- JSON array of role names
  password_hash text NOT NULL,
  created_at    text NOT NULL,
  disabled      boolean NOT NULL DEFAULT false,
  rowid         bigint GENERATED ALWAYS AS IDENTITY
);

CREATE TABLE sessions (
  id         text PRIMARY KEY,
  token_hash text NOT NULL UNIQUE,
  user_id    text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at text NOT NULL,
  expires_at text NOT NULL,
  rowid      bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expiry ON sessions(expires_at);

CREATE TABLE program_versions (
  program_id     text NOT NULL,
  version        integer NOT NULL,
  status         text NOT NULL CHECK (status IN ('draft', 'published')),
  doc            text NOT NULL,
  hash           text NOT NULL,
  effective_from text NOT NULL,
  title          text NOT NULL,
  changelog      text NOT NULL,
  in_flight      text NOT NULL CHECK (in_flight IN ('reevaluate', 'keep')),
  revision       integer NOT NULL,
  created_by     text,
  created_at     text NOT NULL,
  published_by   text,
  published_at   text,
  rowid          bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (program_id, version)
);
-- At most one draft per program.
CREATE UNIQUE INDEX program_versions_one_draft ON program_versions(program_id) WHERE status = 'draft';
CREATE INDEX program_versions_hash ON program_versions(program_id, hash);

CREATE TABLE applications (
  id               text PRIMARY KEY,
  program_id       text NOT NULL,
  version          integer NOT NULL,
  resume_code_hash text NOT NULL UNIQUE,
  answers          text NOT NULL,
  lang             text NOT NULL,
  status           text NOT NULL CHECK (status IN ('draft', 'submitted')),
  created_by       text,
  on_behalf_of     text,
  revision         integer NOT NULL,
  created_at       text NOT NULL,
  updated_at       text NOT NULL,
  submitted_at     text,
  rowid            bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX applications_program ON applications(program_id, status);
CREATE INDEX applications_creator ON applications(created_by);

CREATE TABLE cases (
  id               text PRIMARY KEY,
  application_id   text NOT NULL UNIQUE REFERENCES applications(id),
  program_id       text NOT NULL,
  version          integer NOT NULL,
  hash             text NOT NULL,
  state            text NOT NULL,
  assignee         text,
  performed_by     text NOT NULL,         -- JSON { event: userId[] }
  state_entered_at text NOT NULL,
  due_on           text,
  label            text NOT NULL,
  created_at       text NOT NULL,
  updated_at       text NOT NULL,
  revision         integer NOT NULL,
  rowid            bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX cases_queue ON cases(program_id, state, created_at);
CREATE INDEX cases_created ON cases(created_at);
CREATE INDEX cases_assignee ON cases(assignee);
CREATE INDEX cases_due ON cases(due_on);

CREATE TABLE determinations (
  id             text PRIMARY KEY,
  case_id        text REFERENCES cases(id),
  application_id text NOT NULL REFERENCES applications(id),
  program_id     text NOT NULL,
  version        integer NOT NULL,
  hash           text NOT NULL,
  as_of          text NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('initial', 'redetermination', 'dry-run')),
  applied        boolean NOT NULL,
  result         jsonb NOT NULL,
  created_by     text,
  created_at     text NOT NULL,
  rowid          bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX determinations_case ON determinations(case_id);

CREATE TABLE case_events (
  id         text PRIMARY KEY,
  case_id    text NOT NULL REFERENCES cases(id),
  at         text NOT NULL,
  actor_id   text,
  event      text NOT NULL,
  from_state text,
  to_state   text NOT NULL,
  actions    text NOT NULL,
  rowid      bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX case_events_case ON case_events(case_id);

CREATE TABLE notes (
  id        text PRIMARY KEY,
  case_id   text NOT NULL REFERENCES cases(id),
  at        text NOT NULL,
  author_id text NOT NULL,
  text      text NOT NULL,
  rowid     bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX notes_case ON notes(case_id);

CREATE TABLE documents (
  id           text PRIMARY KEY,
  case_id      text NOT NULL REFERENCES cases(id),
  name         text NOT NULL,
  status       text NOT NULL,
  requested_at text NOT NULL,
  received_at  text,
  rowid        bigint GENERATED ALWAYS AS IDENTITY,
  CONSTRAINT documents_status CHECK (status IN ('requested', 'received'))
);
CREATE INDEX documents_case ON documents(case_id);

CREATE TABLE messages (
  id      text PRIMARY KEY,
  case_id text NOT NULL REFERENCES cases(id),
  "to"    text NOT NULL,
  text    text NOT NULL,
  at      text NOT NULL,
  rowid   bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX messages_case ON messages(case_id);

CREATE TABLE audit (
  seq       bigint PRIMARY KEY,
  at        text NOT NULL,
  actor_id  text,
  action    text NOT NULL,
  entity    text NOT NULL,
  entity_id text NOT NULL,
  details   text NOT NULL,
  prev_hash text NOT NULL,
  hash      text NOT NULL UNIQUE
);
CREATE INDEX audit_entity ON audit(entity, entity_id);

-- The audit log is append-only through the application. (Someone with the database owner's rights can still drop
-- these; the hash chain is what detects that.)
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION 'the audit log is append-only: entries cannot be changed';
  END IF;
  RAISE EXCEPTION 'the audit log is append-only: entries cannot be deleted';
END $$;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only();
-- TRUNCATE skips row triggers; refuse it too.
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
