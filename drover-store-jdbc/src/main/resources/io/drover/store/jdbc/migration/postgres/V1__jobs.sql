-- Drover on PostgreSQL, schema version 1: jobs, queues, de-duplication keys, the worker registry.
-- Flyway runs this inside the store's own schema (search_path), so names are unqualified.
-- The columns match the SQLite schema, so the statements in common.sql serve both: times are
-- epoch milliseconds (BIGINT), ids lower-case UUID text, lists JSON arrays as text. Ids and queue
-- names use the "C" collation: byte order is the order the port promises (ids compared as unsigned
-- numbers, which lower-case hex text in byte order is), whatever the database's default collation.

-- Every change to a job writes a new row version. Room left on each page (fillfactor) lets
-- heartbeats and progress updates, which touch no indexed column, stay on the page as HOT updates
-- that add no index entries; the other transitions at least tend to find their new version a place
-- nearby.
-- Each claimed job leaves a dead entry at the head of jobs_claimable, which claims must step over
-- until VACUUM removes it. By default autovacuum waits for dead rows to reach a fifth of the table,
-- which with a million finished jobs kept for retention means hundreds of thousands of entries to
-- step over; here it starts after a fixed number plus a hundredth of the table, however large the
-- history grows.
CREATE TABLE jobs (
  id               TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  queue            TEXT COLLATE "C" NOT NULL,
  kind             TEXT     NOT NULL,
  payload          TEXT     NOT NULL,
  priority         INTEGER  NOT NULL,
  state            TEXT     NOT NULL,
  attempt          INTEGER  NOT NULL,
  max_attempts     INTEGER  NOT NULL,
  backoff_base_ms  BIGINT   NOT NULL,
  backoff_max_ms   BIGINT   NOT NULL,
  timeout_ms       BIGINT   NOT NULL,
  run_at           BIGINT   NOT NULL,
  dedup_key        TEXT,
  rate_key         TEXT,
  tags             TEXT     NOT NULL,
  run_id           TEXT,
  depends_on       TEXT     NOT NULL,
  progress_percent INTEGER,
  progress_message TEXT,
  result           TEXT,
  errors           TEXT     NOT NULL,
  worker_id        TEXT,
  lease_token      BIGINT   NOT NULL,
  lease_expires_at BIGINT,
  created_at       BIGINT   NOT NULL,
  started_at       BIGINT,
  finished_at      BIGINT
) WITH (
  fillfactor = 85,
  autovacuum_vacuum_threshold = 5000,
  autovacuum_vacuum_scale_factor = 0.01
);

-- Claims walk one queue at a time in claim order and stop after the first rows they need; only
-- claimable jobs are indexed, so finished jobs piling up cost claims nothing.
CREATE INDEX jobs_claimable ON jobs (queue, priority DESC, run_at, id)
  WHERE state IN ('waiting', 'scheduled', 'retrying');

-- The reaper reads only active jobs, as many as there are running handlers. Keyed by id rather
-- than by lease expiry so that heartbeats, which move the expiry, change no indexed column.
CREATE INDEX jobs_active ON jobs (id) WHERE state = 'active';

-- Cleanup finds terminal jobs by state and age; unfinished jobs are not indexed.
CREATE INDEX jobs_finished ON jobs (state, finished_at) WHERE finished_at IS NOT NULL;

-- Stats count per queue and state.
CREATE INDEX jobs_queue_state ON jobs (queue, state);

-- Listing one state (the failed jobs, say) pages newest first without scanning the others.
CREATE INDEX jobs_state_id ON jobs (state, id);

-- Every queue that ever had a job (enqueue registers it) or was paused. Claims start here, so a
-- queue must be in this table before its jobs can be claimed.
CREATE TABLE queues (
  name   TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  paused INTEGER NOT NULL
);

-- One row per live de-duplication key: the job that took the key and when the key frees up
-- (that job's created_at plus its dedup window).
CREATE TABLE dedup_keys (
  queue      TEXT COLLATE "C" NOT NULL,
  dedup_key  TEXT   NOT NULL,
  job_id     TEXT COLLATE "C" NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (queue, dedup_key)
);

CREATE INDEX dedup_keys_expiry ON dedup_keys (expires_at);

CREATE TABLE workers (
  id             TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  host           TEXT,
  queues         TEXT    NOT NULL,
  concurrency    INTEGER NOT NULL,
  running        INTEGER NOT NULL,
  started_at     BIGINT,
  last_heartbeat BIGINT
);
