-- The program dashboard (issue 15): the wizard page each application's last save went to, so the dashboard shows
-- where people leave; and the indexes its counts by program and period use.
ALTER TABLE applications ADD COLUMN last_step text;
CREATE INDEX applications_program_created ON applications(program_id, created_at);
CREATE INDEX case_events_case_state ON case_events(case_id, to_state, at);
