-- Issue 16's remaining gaps. (1) A referral straight from a screening result has no application, no case and no
-- referring program: `referrals.from_program_id` / `from_application_id` and `sharing_consents.source_application_id`
-- become nullable (SQLite rebuilds the tables), and a referral the person follows by a code keeps that code's
-- sha256 (`follow_code_hash`, unique). (2) Settings per organisation (maker-checker, export columns, stale days):
-- one row per organisation that chose its own; without a row the installation's settings (`settings`, id 1) hold.

CREATE TABLE referrals_014 (
  id                  TEXT PRIMARY KEY,
  from_program_id     TEXT,
  from_application_id TEXT,
  from_case_id        TEXT,
  to_program_id       TEXT NOT NULL,
  revision            INTEGER NOT NULL,
  created_at          TEXT NOT NULL,
  follow_code_hash    TEXT,
  doc                 TEXT NOT NULL
);
INSERT INTO referrals_014 (id, from_program_id, from_application_id, from_case_id, to_program_id, revision, created_at, doc)
  SELECT id, from_program_id, from_application_id, from_case_id, to_program_id, revision, created_at, doc FROM referrals;
DROP TABLE referrals;
ALTER TABLE referrals_014 RENAME TO referrals;
CREATE INDEX referrals_to ON referrals(to_program_id, created_at);
CREATE INDEX referrals_from_application ON referrals(from_application_id);
CREATE INDEX referrals_from_case ON referrals(from_case_id);
CREATE UNIQUE INDEX referrals_follow_code ON referrals(follow_code_hash) WHERE follow_code_hash IS NOT NULL;

CREATE TABLE sharing_consents_014 (
  id                    TEXT PRIMARY KEY,
  source_application_id TEXT,
  program_id            TEXT NOT NULL,
  created_at            TEXT NOT NULL,
  doc                   TEXT NOT NULL
);
INSERT INTO sharing_consents_014 SELECT id, source_application_id, program_id, created_at, doc FROM sharing_consents;
DROP TABLE sharing_consents;
ALTER TABLE sharing_consents_014 RENAME TO sharing_consents;
CREATE INDEX sharing_consents_source ON sharing_consents(source_application_id, created_at);

CREATE TABLE organisation_settings (
  organisation_id TEXT PRIMARY KEY,
  value           TEXT NOT NULL,
  revision        INTEGER NOT NULL,
  updated_at      TEXT NOT NULL,
  updated_by      TEXT
);
