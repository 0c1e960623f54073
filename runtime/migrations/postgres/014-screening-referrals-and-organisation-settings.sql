-- Issue 16's remaining gaps, as SQLite's 014 does them. (1) A referral straight from a screening result has no
-- application, no case and no referring program: `referrals.from_program_id` / `from_application_id` and
-- `sharing_consents.source_application_id` become nullable, and a referral the person follows by a code keeps that
-- code's sha256 (`follow_code_hash`, unique). (2) Settings per organisation (maker-checker, export columns, stale days):
-- one row per organisation that chose its own; without a row the installation's settings (`settings`, id 1) hold.

ALTER TABLE referrals ALTER COLUMN from_program_id DROP NOT NULL;
ALTER TABLE referrals ALTER COLUMN from_application_id DROP NOT NULL;
ALTER TABLE referrals ADD COLUMN follow_code_hash text;
CREATE UNIQUE INDEX referrals_follow_code ON referrals(follow_code_hash) WHERE follow_code_hash IS NOT NULL;

ALTER TABLE sharing_consents ALTER COLUMN source_application_id DROP NOT NULL;

CREATE TABLE organisation_settings (
  organisation_id text PRIMARY KEY,
  value           text NOT NULL,
  revision        integer NOT NULL,
  updated_at      text NOT NULL,
  updated_by      text
);
