-- Issue 14: the keyed audit chain. Each entry gets the HMAC of its hash under the audit key (NULL for the entries
-- written before: "unkeyed"); one signed checkpoint (entry count and head hash, HMAC'd) is rewritten in the same
-- transaction as every append, so entries deleted from the end of the log are detected.
ALTER TABLE audit ADD COLUMN mac TEXT;

CREATE TABLE audit_checkpoint (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL,
  at TEXT NOT NULL,
  mac TEXT NOT NULL
);
CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON audit_checkpoint
BEGIN SELECT RAISE(ABORT, 'the audit checkpoint cannot be deleted'); END;
