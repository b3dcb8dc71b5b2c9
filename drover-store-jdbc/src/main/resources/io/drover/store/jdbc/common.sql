-- Statements every JDBC dialect shares: plain SQL that SQLite (3.35+) and PostgreSQL both accept.
-- Each block starts with "-- name: <name>"; parameters are written :name and bound by name.
-- Statements a database needs in its own form live in <dialect>.sql beside this file.
-- An acknowledgement applies only while the job is active under the caller's lease token, and
-- returns what it changed (JobRows.change), so no caller reads the job back; its run_id tells a
-- step of a run, whose end moves the run on in the same transaction (RunProgress).

-- name: insert_job
INSERT INTO jobs (id, queue, kind, payload, priority, state, attempt, max_attempts,
                  backoff_base_ms, backoff_max_ms, timeout_ms, run_at, dedup_key, rate_key, tags,
                  run_id, depends_on, errors, lease_token, created_at)
VALUES (:id, :queue, :kind, :payload, :priority, :state, 0, :max_attempts,
        :backoff_base_ms, :backoff_max_ms, :timeout_ms, :run_at, :dedup_key, :rate_key, :tags,
        :run_id, :depends_on, '[]', 0, :now)
ON CONFLICT (id) DO NOTHING;

-- name: delete_job
DELETE FROM jobs WHERE id = :id;

-- name: register_queue
INSERT INTO queues (name, paused) VALUES (:queue, 0)
ON CONFLICT (name) DO NOTHING;

-- name: set_paused
INSERT INTO queues (name, paused) VALUES (:queue, :paused)
ON CONFLICT (name) DO UPDATE SET paused = excluded.paused;

-- name: find_dedup
SELECT job_id FROM dedup_keys
WHERE queue = :queue AND dedup_key = :dedup_key AND expires_at > :now;

-- Takes a key that is free or whose window has passed; changes no row while another job holds it.
-- name: take_dedup
INSERT INTO dedup_keys (queue, dedup_key, job_id, expires_at)
VALUES (:queue, :dedup_key, :job_id, :expires_at)
ON CONFLICT (queue, dedup_key) DO UPDATE
  SET job_id = excluded.job_id, expires_at = excluded.expires_at
  WHERE dedup_keys.expires_at <= :now;

-- name: heartbeat
UPDATE jobs SET lease_expires_at = :lease_expires_at
WHERE id = :id AND state = 'active' AND lease_token = :token;

-- name: complete
UPDATE jobs
SET state = 'completed', result = :result, finished_at = :now, lease_expires_at = NULL
WHERE id = :id AND state = 'active' AND lease_token = :token
RETURNING id, queue, kind, attempt, state, run_at, run_id;

-- Errors is a compact JSON array that only this statement grows, so appending is text surgery
-- that both databases run the same way.
-- name: fail
UPDATE jobs
SET state = :state, run_at = COALESCE(:retry_at, run_at), finished_at = :finished_at,
    lease_expires_at = NULL,
    errors = CASE WHEN errors = '[]' THEN '[' || :error || ']'
                  ELSE substr(errors, 1, length(errors) - 1) || ',' || :error || ']' END
WHERE id = :id AND state = 'active' AND lease_token = :token
RETURNING id, queue, kind, attempt, state, run_at, run_id;

-- name: release
UPDATE jobs
SET state = 'waiting', attempt = attempt - 1, run_at = :now, lease_expires_at = NULL
WHERE id = :id AND state = 'active' AND lease_token = :token
RETURNING id, queue, kind, attempt, state, run_at, run_id;

-- name: update_progress
UPDATE jobs SET progress_percent = :percent, progress_message = :message
WHERE id = :id AND state = 'active' AND lease_token = :token
RETURNING id, queue, kind, attempt, state, run_at, run_id;

-- A cancelled step of a run (run_id set) moves its run on in the same transaction; the queue and
-- kind tell whether it may have freed a limit's slot.
-- name: cancel
UPDATE jobs SET state = 'cancelled', finished_at = :now, lease_expires_at = NULL
WHERE id = :id AND state NOT IN ('completed', 'failed', 'cancelled')
RETURNING run_id, queue, kind;

-- A job that used its last attempt gets one more. A step of a run that ended is retried with its
-- run, never alone.
-- name: retry_now
UPDATE jobs
SET state = 'waiting', run_at = :now, finished_at = NULL, lease_expires_at = NULL,
    max_attempts = CASE WHEN attempt >= max_attempts THEN attempt + 1 ELSE max_attempts END
WHERE id = :id
  AND (state IN ('scheduled', 'retrying')
       OR (state IN ('failed', 'cancelled') AND run_id IS NULL))
RETURNING queue;

-- An active job is left alone: its worker holds the lease. Where writers run concurrently
-- (PostgreSQL), a claim that commits first makes the row active, and the re-check skips it. A step
-- of a run goes only with its run.
-- name: delete_job_unless_active
DELETE FROM jobs WHERE id = :id AND state <> 'active' AND run_id IS NULL
RETURNING id, queue, dedup_key;

-- Frees the key of a deleted job, unless a later job took it after the first one's window.
-- name: release_dedup
DELETE FROM dedup_keys WHERE queue = :queue AND dedup_key = :dedup_key AND job_id = :job_id;

-- What explains why an operation on one job changed nothing.
-- name: job_state
SELECT state, run_id FROM jobs WHERE id = :id;

-- name: get_job
SELECT * FROM jobs WHERE id = :id;

-- name: count_jobs
SELECT queue, state, COUNT(*) AS jobs FROM jobs GROUP BY queue, state;

-- name: oldest_due
SELECT queue, MIN(run_at) AS oldest FROM jobs
WHERE state IN ('waiting', 'scheduled', 'retrying') AND run_at <= :now
GROUP BY queue;

-- name: paused_queues
SELECT name FROM queues WHERE paused = 1;

-- name: upsert_worker
INSERT INTO workers (id, host, queues, concurrency, running, started_at, last_heartbeat)
VALUES (:id, :host, :queues, :concurrency, :running, :started_at, :last_heartbeat)
ON CONFLICT (id) DO UPDATE
  SET host = excluded.host, queues = excluded.queues, concurrency = excluded.concurrency,
      running = excluded.running, started_at = excluded.started_at,
      last_heartbeat = excluded.last_heartbeat;

-- name: heartbeat_worker
UPDATE workers SET running = :running, last_heartbeat = :now WHERE id = :id;

-- name: delete_worker
DELETE FROM workers WHERE id = :id;

-- name: list_workers
SELECT * FROM workers ORDER BY id;
