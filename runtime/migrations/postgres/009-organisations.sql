-- Organisations (issue 16): each program belongs to an organisation, staff are members of organisations with roles
-- there, and a case can have a team of members from several organisations. An install from before this migration
-- becomes one organisation, `default`, that runs every program and has every user as a member with their roles.
CREATE TABLE organisations (
  id         text PRIMARY KEY,              -- a slug
  name       text NOT NULL,
  created_at text NOT NULL,
  rowid      bigint GENERATED ALWAYS AS IDENTITY
);
INSERT INTO organisations (id, name, created_at)
  VALUES ('default', 'Default organisation', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'));

CREATE TABLE organisation_members (
  organisation_id text NOT NULL REFERENCES organisations(id),
  user_id         text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  roles           text NOT NULL,            -- JSON array of role names held in this organisation
  rowid           bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (organisation_id, user_id)
);
CREATE INDEX organisation_members_user ON organisation_members(user_id);
INSERT INTO organisation_members (organisation_id, user_id, roles) SELECT 'default', id, roles FROM users ORDER BY rowid;

-- The organisation that runs each program; a program without a row (created before its first assignment) is the
-- default organisation's.
CREATE TABLE programs (
  id              text PRIMARY KEY,
  organisation_id text NOT NULL DEFAULT 'default' REFERENCES organisations(id),
  rowid           bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX programs_organisation ON programs(organisation_id);
INSERT INTO programs (id) SELECT DISTINCT program_id FROM program_versions ORDER BY program_id;

-- The team around one person: members (possibly of other organisations than the program's) with a role label.
CREATE TABLE case_team (
  case_id    text NOT NULL REFERENCES cases(id),
  user_id    text NOT NULL REFERENCES users(id),
  role_label text NOT NULL,
  added_by   text,
  added_at   text NOT NULL,
  rowid      bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (case_id, user_id)
);
CREATE INDEX case_team_user ON case_team(user_id);

-- Who reads a note: the program's organisation (as before), the case's team, or the person too (status page).
ALTER TABLE notes ADD COLUMN visibility text NOT NULL DEFAULT 'organisation' CHECK (visibility IN ('organisation', 'team', 'person'));
