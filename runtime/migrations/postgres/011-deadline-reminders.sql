-- Deadline reminders (issue 15): one row per reminder sent, keyed by case, deadline, the day its clock started and
-- the offset, written in the same transaction as the reminder's messages and outbox emails, so a reminder is sent
-- once, also across restarts.
CREATE TABLE reminders (
  key     text PRIMARY KEY,
  case_id text NOT NULL REFERENCES cases(id),
  sent_at text NOT NULL,
  rowid   bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX reminders_case ON reminders(case_id);

-- The caseworker chooses the documents to ask for (issue 15): each request may carry the day it is due by and a note.
ALTER TABLE documents ADD COLUMN due_on text;
ALTER TABLE documents ADD COLUMN note text;
