-- Issue 14: the keyed audit chain. Each entry gets the HMAC of its hash under the audit key (NULL for the entries
-- written before: "unkeyed"); one signed checkpoint (entry count and head hash, HMAC'd) is rewritten in the same
-- transaction as every append, so entries deleted from the end of the log are detected.
ALTER TABLE audit ADD COLUMN mac text;

CREATE TABLE audit_checkpoint (
  id   integer PRIMARY KEY CHECK (id = 1),
  seq  bigint NOT NULL,
  hash text NOT NULL,
  at   text NOT NULL,
  mac  text NOT NULL
);
CREATE FUNCTION audit_checkpoint_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit checkpoint cannot be deleted';
END $$;
CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON audit_checkpoint FOR EACH ROW EXECUTE FUNCTION audit_checkpoint_kept();
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoint_kept();
