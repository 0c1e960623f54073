-- Decisions staff can stand behind and intermediaries (issue 15): the reason given with a workflow event (the id of
-- one of the program's `workflow.decisionReasons`), the case's latest decision with its reason (JSON CaseDecision,
-- read by notices), and the consent of the client an intermediary applies for (JSON ConsentRecord).

ALTER TABLE case_events ADD COLUMN reason text;
ALTER TABLE cases ADD COLUMN decision text;
ALTER TABLE applications ADD COLUMN consent text;

-- Caseworkers' corrections of submitted answers: what changed (JSON [{path, before, after}]), the note explaining
-- it, and the answers before, so determinations made from them can still be recomputed and checked.
CREATE TABLE corrections (
  id               text PRIMARY KEY,
  case_id          text NOT NULL REFERENCES cases(id),
  application_id   text NOT NULL,
  at               text NOT NULL,
  author_id        text NOT NULL,
  note_id          text NOT NULL,
  changes          text NOT NULL,
  previous_answers text NOT NULL,
  rowid            bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX corrections_case ON corrections(case_id, at);
