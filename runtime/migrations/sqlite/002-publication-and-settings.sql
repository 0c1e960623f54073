-- The studio's publication flow: a draft's pending publication request (JSON, maker-checker), the self-published
-- mark of a version published by its requester, and the organisation settings (one row).
ALTER TABLE program_versions ADD COLUMN publication_request TEXT;
ALTER TABLE program_versions ADD COLUMN self_published INTEGER NOT NULL DEFAULT 0;

CREATE TABLE settings (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  value      TEXT NOT NULL,
  revision   INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT
);
