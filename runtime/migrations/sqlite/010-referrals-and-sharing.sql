-- Networks of care (issue 16): a person's consents to share answers with another organisation's program (JSON
-- SharingConsent, with its shares), closed-loop referrals (JSON ReferralRecord, with its history) and each program's
-- intake capacity. Organisations themselves come with issue 16's organisation migration; these tables only name
-- an organisation id ('default' on a single-organisation install).

CREATE TABLE sharing_consents (
  id                    TEXT PRIMARY KEY,
  source_application_id TEXT NOT NULL,
  program_id            TEXT NOT NULL,
  created_at            TEXT NOT NULL,
  doc                   TEXT NOT NULL
);
CREATE INDEX sharing_consents_source ON sharing_consents(source_application_id, created_at);

CREATE TABLE referrals (
  id                  TEXT PRIMARY KEY,
  from_program_id     TEXT NOT NULL,
  from_application_id TEXT NOT NULL,
  from_case_id        TEXT,
  to_program_id       TEXT NOT NULL,
  revision            INTEGER NOT NULL,
  created_at          TEXT NOT NULL,
  doc                 TEXT NOT NULL
);
CREATE INDEX referrals_to ON referrals(to_program_id, created_at);
CREATE INDEX referrals_from_application ON referrals(from_application_id);
CREATE INDEX referrals_from_case ON referrals(from_case_id);

CREATE TABLE program_capacity (
  program_id TEXT PRIMARY KEY,
  doc        TEXT NOT NULL
);
