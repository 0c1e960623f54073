-- Decisions staff can stand behind and intermediaries (issue 15): the reason given with a workflow event (the id of
-- one of the program's `workflow.decisionReasons`), the case's latest decision with its reason (JSON CaseDecision,
-- read by notices), and the consent of the client an intermediary applies for (JSON ConsentRecord).

ALTER TABLE case_events ADD COLUMN reason TEXT;
ALTER TABLE cases ADD COLUMN decision TEXT;
ALTER TABLE applications ADD COLUMN consent TEXT;
