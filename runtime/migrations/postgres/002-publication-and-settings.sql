-- The studio's publication flow: a draft's pending publication request (JSON, maker-checker), the self-published
-- mark of a version published by its requester, and the organisation settings (one row).
ALTER TABLE program_versions ADD COLUMN publication_request text;
ALTER TABLE program_versions ADD COLUMN self_published boolean NOT NULL DEFAULT false;

CREATE TABLE settings (
  id         integer PRIMARY KEY CHECK (id = 1),
  value      text NOT NULL,
  revision   integer NOT NULL,
  updated_at text NOT NULL,
  updated_by text
);
