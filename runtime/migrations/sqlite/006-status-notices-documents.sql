-- Mandate store, schema version 6 (issue 15): what applicants and staff rely on after submission.
-- Short case references with a per-program, per-year sequence; the applicant's second factor for the status page;
-- notices' subjects and kinds on messages; the email outbox; documents by type, reviewed one by one, with their files.

ALTER TABLE cases ADD COLUMN reference TEXT;
CREATE UNIQUE INDEX cases_reference ON cases(reference COLLATE NOCASE) WHERE reference IS NOT NULL;

CREATE TABLE case_sequences (
  program_id TEXT NOT NULL,
  year       INTEGER NOT NULL,
  last       INTEGER NOT NULL,
  PRIMARY KEY (program_id, year)
);

ALTER TABLE applications ADD COLUMN status_factor TEXT;   -- JSON StatusFactor, set at submission

ALTER TABLE messages ADD COLUMN subject TEXT;
ALTER TABLE messages ADD COLUMN notice TEXT;

-- Written in the same transaction as the message it delivers; a sender claims rows (claimed_until) so a crash
-- between claiming and marking only delays the next attempt.
CREATE TABLE outbox (
  id              TEXT PRIMARY KEY,
  message_id      TEXT REFERENCES messages(id),
  case_id         TEXT REFERENCES cases(id),
  to_address      TEXT NOT NULL,
  subject         TEXT NOT NULL,
  text            TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  claimed_until   TEXT,
  last_error      TEXT,
  created_at      TEXT NOT NULL,
  sent_at         TEXT
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
CREATE INDEX outbox_case ON outbox(case_id);

-- Documents gain their type, a review (accepted/rejected with a reason) and a file; the status check widens, which
-- SQLite can only do by rebuilding the table.
CREATE TABLE documents_v6 (
  id           TEXT PRIMARY KEY,
  case_id      TEXT NOT NULL REFERENCES cases(id),
  name         TEXT NOT NULL,
  type_id      TEXT,
  status       TEXT NOT NULL CHECK (status IN ('requested', 'received', 'accepted', 'rejected')),
  requested_at TEXT NOT NULL,
  received_at  TEXT,
  reviewed_at  TEXT,
  reviewed_by  TEXT,
  reason       TEXT,
  file_id      TEXT
);
INSERT INTO documents_v6 (id, case_id, name, status, requested_at, received_at)
  SELECT id, case_id, name, status, requested_at, received_at FROM documents ORDER BY rowid;
DROP TABLE documents;
ALTER TABLE documents_v6 RENAME TO documents;
CREATE INDEX documents_case ON documents(case_id);

CREATE TABLE document_files (
  id          TEXT PRIMARY KEY,
  case_id     TEXT NOT NULL REFERENCES cases(id),
  document_id TEXT NOT NULL REFERENCES documents(id),
  name        TEXT NOT NULL,
  media_type  TEXT NOT NULL,
  size        INTEGER NOT NULL,
  sha256      TEXT NOT NULL,
  content     BLOB NOT NULL,
  uploaded_by TEXT,
  uploaded_at TEXT NOT NULL
);
CREATE INDEX document_files_document ON document_files(document_id);
