-- Issue 18: the state several runtime processes on one database must share (nothing of it in process memory).
-- Times are epoch milliseconds (bigint). Fixed-window counters (rate limits, wrong-code throttles): one row per key
-- and window, incremented by UPSERT.
CREATE TABLE IF NOT EXISTS shared_counters (
  key          text NOT NULL,
  window_start bigint NOT NULL,
  hits         bigint NOT NULL,
  expires_at   bigint NOT NULL,
  PRIMARY KEY (key, window_start)
);
CREATE INDEX IF NOT EXISTS shared_counters_expiry ON shared_counters (expires_at);
-- Short-lived secrets by key (status-page sessions, one-time email codes): hashes only, each with an expiry.
CREATE TABLE IF NOT EXISTS shared_values (
  key        text PRIMARY KEY,
  value      text NOT NULL,
  expires_at bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS shared_values_expiry ON shared_values (expires_at);
-- Leases: work one process claims so that no other does it at the same time (a scheduled version's start, a job's run).
CREATE TABLE IF NOT EXISTS leases (
  name   text PRIMARY KEY,
  holder text NOT NULL,
  until  bigint NOT NULL
);
