-- Issue 14: abandoned drafts (applications never submitted) are expired by the scheduler, oldest first; this index
-- finds them without a scan.
CREATE INDEX applications_draft_age ON applications(status, updated_at);
