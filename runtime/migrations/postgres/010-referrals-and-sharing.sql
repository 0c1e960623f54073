-- Networks of care (issue 16): a person's consents to share answers with another organisation's program (JSON
-- SharingConsent, with its shares), closed-loop referrals (JSON ReferralRecord, with its history) and each program's
-- intake capacity. These tables only name an organisation id ('default' on a single-organisation install).

CREATE TABLE sharing_consents (
  id                    text PRIMARY KEY,
  source_application_id text NOT NULL,
  program_id            text NOT NULL,
  created_at            text NOT NULL,
  doc                   text NOT NULL,
  rowid                 bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX sharing_consents_source ON sharing_consents(source_application_id, created_at);

CREATE TABLE referrals (
  id                  text PRIMARY KEY,
  from_program_id     text NOT NULL,
  from_application_id text NOT NULL,
  from_case_id        text,
  to_program_id       text NOT NULL,
  revision            integer NOT NULL,
  created_at          text NOT NULL,
  doc                 text NOT NULL,
  rowid               bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX referrals_to ON referrals(to_program_id, created_at);
CREATE INDEX referrals_from_application ON referrals(from_application_id);
CREATE INDEX referrals_from_case ON referrals(from_case_id);

CREATE TABLE program_capacity (
  program_id text PRIMARY KEY,
  doc        text NOT NULL,
  rowid      bigint GENERATED ALWAYS AS IDENTITY
);
