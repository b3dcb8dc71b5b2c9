-- Drover on SQLite, schema version 1: jobs, queues, de-duplication keys, the worker registry.
-- Times are epoch milliseconds. Ids are lower-case UUID text, so for UUIDv7 ids text order is time
-- order. Lists (tags, depends_on, errors, worker queues) are JSON arrays as text.

CREATE TABLE jobs (
  id               TEXT    NOT NULL PRIMARY KEY,
  queue            TEXT    NOT NULL,
  kind             TEXT    NOT NULL,
  payload          TEXT    NOT NULL,
  priority         INTEGER NOT NULL,
  state            TEXT    NOT NULL,
  attempt          INTEGER NOT NULL,
  max_attempts     INTEGER NOT NULL,
  backoff_base_ms  INTEGER NOT NULL,
  backoff_max_ms   INTEGER NOT NULL,
  timeout_ms       INTEGER NOT NULL,
  run_at           INTEGER NOT NULL,
  dedup_key        TEXT,
  rate_key         TEXT,
  tags             TEXT    NOT NULL,
  run_id           TEXT,
  depends_on       TEXT    NOT NULL,
  progress_percent INTEGER,
  progress_message TEXT,
  result           TEXT,
  errors           TEXT    NOT NULL,
  worker_id        TEXT,
  lease_token      INTEGER NOT NULL,
  lease_expires_at INTEGER,
  created_at       INTEGER NOT NULL,
  started_at       INTEGER,
  finished_at      INTEGER
) STRICT;

-- Claims walk one queue at a time in claim order and stop after the first rows they need; only
-- claimable jobs are indexed, so finished jobs piling up cost claims nothing.
CREATE INDEX jobs_claimable ON jobs (queue, priority DESC, run_at, id)
  WHERE state IN ('waiting', 'scheduled', 'retrying');

-- The reaper looks only at active jobs, soonest expiry first.
CREATE INDEX jobs_leases ON jobs (lease_expires_at) WHERE state = 'active';

-- Cleanup finds terminal jobs by state and age; unfinished jobs are not indexed.
CREATE INDEX jobs_finished ON jobs (state, finished_at) WHERE finished_at IS NOT NULL;

-- Stats count per queue and state from the index alone.
CREATE INDEX jobs_queue_state ON jobs (queue, state);

-- Listing one state (the failed jobs, say) pages newest first without scanning the others.
CREATE INDEX jobs_state_id ON jobs (state, id);

-- Every queue that ever had a job (enqueue registers it) or was paused. Claims start here, so a
-- queue must be in this table before its jobs can be claimed.
CREATE TABLE queues (
  name   TEXT    NOT NULL PRIMARY KEY,
  paused INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- One row per live de-duplication key: the job that took the key and when the key frees up
-- (that job's created_at plus its dedup window).
CREATE TABLE dedup_keys (
  queue      TEXT    NOT NULL,
  dedup_key  TEXT    NOT NULL,
  job_id     TEXT    NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (queue, dedup_key)
) STRICT, WITHOUT ROWID;

CREATE INDEX dedup_keys_expiry ON dedup_keys (expires_at);

CREATE TABLE workers (
  id             TEXT    NOT NULL PRIMARY KEY,
  host           TEXT,
  queues         TEXT    NOT NULL,
  concurrency    INTEGER NOT NULL,
  running        INTEGER NOT NULL,
  started_at     INTEGER,
  last_heartbeat INTEGER
) STRICT, WITHOUT ROWID;
