-- Mandate store, schema version 6 (issue 15): what applicants and staff rely on after submission.
-- Short case references with a per-program, per-year sequence; the applicant's second factor for the status page;
-- notices' subjects and kinds on messages; the email outbox; documents by type, reviewed one by one, with their files.

ALTER TABLE cases ADD COLUMN reference text;
-- Unique regardless of case, as SQLite's `COLLATE NOCASE` index (look it up with `lower(reference) = lower($1)`).
CREATE UNIQUE INDEX cases_reference ON cases(lower(reference)) WHERE reference IS NOT NULL;

CREATE TABLE case_sequences (
  program_id text NOT NULL,
  year       integer NOT NULL,
  last       integer NOT NULL,
  PRIMARY KEY (program_id, year)
);

ALTER TABLE applications ADD COLUMN status_factor text;   -- JSON StatusFactor, set at submission

ALTER TABLE messages ADD COLUMN subject text;
ALTER TABLE messages ADD COLUMN notice text;

-- Written in the same transaction as the message it delivers; a sender claims rows (claimed_until) so a crash
-- between claiming and marking only delays the next attempt.
CREATE TABLE outbox (
  id              text PRIMARY KEY,
  message_id      text REFERENCES messages(id),
  case_id         text REFERENCES cases(id),
  to_address      text NOT NULL,
  subject         text NOT NULL,
  text            text NOT NULL,
  status          text NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at text NOT NULL,
  claimed_until   text,
  last_error      text,
  created_at      text NOT NULL,
  sent_at         text,
  rowid           bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
CREATE INDEX outbox_case ON outbox(case_id);

-- Documents gain their type, a review (accepted/rejected with a reason) and a file; the status check widens
-- (PostgreSQL alters the constraint where SQLite rebuilds the table).
ALTER TABLE documents ADD COLUMN type_id text;
ALTER TABLE documents ADD COLUMN reviewed_at text;
ALTER TABLE documents ADD COLUMN reviewed_by text;
ALTER TABLE documents ADD COLUMN reason text;
ALTER TABLE documents ADD COLUMN file_id text;
ALTER TABLE documents DROP CONSTRAINT documents_status;
ALTER TABLE documents ADD CONSTRAINT documents_status CHECK (status IN ('requested', 'received', 'accepted', 'rejected'));

CREATE TABLE document_files (
  id          text PRIMARY KEY,
  case_id     text NOT NULL REFERENCES cases(id),
  document_id text NOT NULL REFERENCES documents(id),
  name        text NOT NULL,
  media_type  text NOT NULL,
  size        bigint NOT NULL,
  sha256      text NOT NULL,
  content     bytea NOT NULL,
  uploaded_by text,
  uploaded_at text NOT NULL,
  rowid       bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX document_files_document ON document_files(document_id);
