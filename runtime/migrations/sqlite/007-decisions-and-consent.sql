-- Decisions staff can stand behind and intermediaries (issue 15): the reason given with a workflow event (the id of
-- one of the program's `workflow.decisionReasons`), the case's latest decision with its reason (JSON CaseDecision,
-- read by notices), and the consent of the client an intermediary applies for (JSON ConsentRecord).

ALTER TABLE case_events ADD COLUMN reason TEXT;
ALTER TABLE cases ADD COLUMN decision TEXT;
ALTER TABLE applications ADD COLUMN consent TEXT;

-- Caseworkers' corrections of submitted answers: what changed (JSON [{path, before, after}]), the note explaining
-- it, and the answers before, so determinations made from them can still be recomputed and checked.
CREATE TABLE corrections (
  id               TEXT PRIMARY KEY,
  case_id          TEXT NOT NULL REFERENCES cases(id),
  application_id   TEXT NOT NULL,
  at               TEXT NOT NULL,
  author_id        TEXT NOT NULL,
  note_id          TEXT NOT NULL,
  changes          TEXT NOT NULL,
  previous_answers TEXT NOT NULL
);
CREATE INDEX corrections_case ON corrections(case_id, at);
