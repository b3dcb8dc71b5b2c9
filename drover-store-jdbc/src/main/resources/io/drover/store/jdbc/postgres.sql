-- Statements in PostgreSQL's own form; the shared ones are in common.sql. Connections send string
-- parameters untyped (stringtype=unspecified), so the server infers their types from the columns.

-- Queue patterns arrive as a text[] of LIKE patterns. For each matching, unpaused queue, the
-- LATERAL subquery walks jobs_claimable in claim order, skipping rows other claims hold, and stops
-- after :limit rows; the outer query keeps the best :limit of those. A claim thus reads a few
-- index entries per queue however many jobs wait or have finished. The subquery locks what it
-- returns, so rows cut by the outer limit stay locked, and skipped by other claims, only until
-- this statement's transaction ends. MATERIALIZED runs the selection exactly once. The claim runs
-- only while the limits are as the caller last read them (:limits_version), so a claim that knows of
-- no limit on its queues never starts a job a limit saved since holds back; when the version moved,
-- it claims nothing and the caller reads the limits again. The version is one row, read once.
-- name: claim
WITH picked AS MATERIALIZED (
  SELECT c.id
  FROM queues q
  CROSS JOIN LATERAL (
    SELECT j.id, j.priority, j.run_at
    FROM jobs j
    WHERE j.queue = q.name
      AND j.state IN ('waiting', 'scheduled', 'retrying') AND j.run_at <= :now
    ORDER BY j.priority DESC, j.run_at, j.id
    LIMIT :limit
    FOR UPDATE SKIP LOCKED) c
  WHERE q.paused = 0 AND q.name LIKE ANY (:patterns)
    AND (SELECT COALESCE(MAX(version), 0) FROM limit_version) = :limits_version
  ORDER BY c.priority DESC, c.run_at, c.id
  LIMIT :limit)
UPDATE jobs
SET state = 'active', attempt = attempt + 1, lease_token = GREATEST(lease_token + :token_step, :token_floor),
    worker_id = :worker_id, lease_expires_at = :lease_expires_at, started_at = :now
FROM picked
WHERE jobs.id = picked.id
RETURNING jobs.*;

-- When the earliest job waiting for its time becomes due, in the queues the patterns match: one
-- step of jobs_delayed per queue, past the jobs due already (paused or held back, they stay there).
-- name: next_due
SELECT MIN(d.run_at) AS due
FROM queues q
CROSS JOIN LATERAL (
  SELECT j.run_at FROM jobs j
  WHERE j.queue = q.name AND j.state IN ('scheduled', 'retrying') AND j.run_at > :now
  ORDER BY j.run_at
  LIMIT 1) d
WHERE q.name LIKE ANY (:patterns);

-- Leases another process is reaping right now are skipped, so reapers on many nodes split the work
-- instead of queueing behind each other; the fenced fail update that follows settles each once.
-- name: expired_leases
SELECT id, attempt, max_attempts, backoff_base_ms, backoff_max_ms, worker_id, lease_token,
       lease_expires_at
FROM jobs
WHERE state = 'active' AND lease_expires_at < :now
ORDER BY lease_expires_at
LIMIT :limit
FOR UPDATE SKIP LOCKED;

-- One bounded batch per call; rows another cleaner holds are skipped rather than waited for. The
-- rows are found through jobs_finished and deleted by their physical address (a TID scan). Like
-- every statement that deletes jobs, it returns what JobDeletion needs to free their dedup keys.
-- Steps of runs are left to go with their run (RunDeletion).
-- name: delete_finished_jobs
DELETE FROM jobs WHERE ctid = ANY (ARRAY(
  SELECT ctid FROM jobs
  WHERE ((state = 'completed' AND finished_at < :completed_before)
     OR (state = 'failed' AND finished_at < :failed_before)
     OR (state = 'cancelled' AND finished_at < :cancelled_before))
    AND run_id IS NULL
  LIMIT :limit
  FOR UPDATE SKIP LOCKED))
RETURNING id, queue, dedup_key;

-- One bounded batch of a purge, found through jobs_queue_state. Rows another transaction holds
-- are skipped: they are changing state, and the lock re-checks the state of the rest.
-- name: delete_jobs_in_state
DELETE FROM jobs WHERE ctid = ANY (ARRAY(
  SELECT ctid FROM jobs
  WHERE queue = :queue AND state = :state AND run_id IS NULL
  LIMIT :limit
  FOR UPDATE SKIP LOCKED))
RETURNING id, queue, dedup_key;

-- name: delete_expired_dedup_keys
DELETE FROM dedup_keys WHERE ctid = ANY (ARRAY(
  SELECT ctid FROM dedup_keys WHERE expires_at <= :now
  FOR UPDATE SKIP LOCKED));

-- Lists without a state filter (list_jobs_in_state has one). The optional filters are typed by
-- cast, as an untyped parameter tested only with IS NULL has no type PostgreSQL can infer.
-- name: list_jobs
SELECT * FROM jobs
WHERE id < :before
  AND created_at >= :created_from AND created_at < :created_to
  AND (CAST(:queue AS TEXT) IS NULL OR queue = :queue)
  AND (CAST(:kind AS TEXT) IS NULL OR kind = :kind)
  AND (CAST(:tag AS TEXT) IS NULL OR CAST(tags AS JSONB) @> jsonb_build_array(CAST(:tag AS TEXT)))
ORDER BY id DESC
LIMIT :limit;

-- list_jobs within one state, walking jobs_state_id: a state can be a sliver of a large table.
-- name: list_jobs_in_state
SELECT * FROM jobs
WHERE state = :state AND id < :before
  AND created_at >= :created_from AND created_at < :created_to
  AND (CAST(:queue AS TEXT) IS NULL OR queue = :queue)
  AND (CAST(:kind AS TEXT) IS NULL OR kind = :kind)
  AND (CAST(:tag AS TEXT) IS NULL OR CAST(tags AS JSONB) @> jsonb_build_array(CAST(:tag AS TEXT)))
ORDER BY id DESC
LIMIT :limit;

-- Tells every process listening on the channel, once this transaction commits: which queues got
-- claimable jobs (the wake-up channel), or messages of job events (the events channel).
-- name: notify
SELECT pg_notify(:channel, payload) FROM unnest(CAST(:payloads AS TEXT[])) AS payload;

-- Many jobs without de-duplication keys in one statement, one array per column (see insert_job).
-- name: insert_jobs
INSERT INTO jobs (id, queue, kind, payload, priority, state, attempt, max_attempts,
                  backoff_base_ms, backoff_max_ms, timeout_ms, run_at, rate_key, tags,
                  run_id, depends_on, errors, lease_token, created_at)
SELECT id, queue, kind, payload, priority, state, 0, max_attempts,
       backoff_base_ms, backoff_max_ms, timeout_ms, run_at, rate_key, tags,
       run_id, depends_on, '[]', 0, :now
FROM unnest(CAST(:ids AS TEXT[]), CAST(:queues AS TEXT[]), CAST(:kinds AS TEXT[]),
            CAST(:payloads AS TEXT[]), CAST(:priorities AS INT[]), CAST(:states AS TEXT[]),
            CAST(:max_attempts AS INT[]), CAST(:backoff_base_ms AS BIGINT[]),
            CAST(:backoff_max_ms AS BIGINT[]), CAST(:timeout_ms AS BIGINT[]),
            CAST(:run_ats AS BIGINT[]), CAST(:rate_keys AS TEXT[]), CAST(:tags AS TEXT[]),
            CAST(:run_ids AS TEXT[]), CAST(:depends_on AS TEXT[]))
     AS j(id, queue, kind, payload, priority, state, max_attempts, backoff_base_ms, backoff_max_ms,
          timeout_ms, run_at, rate_key, tags, run_id, depends_on)
ON CONFLICT (id) DO NOTHING
RETURNING id;

-- Whether any process listens for job events of this schema: its listening connection carries
-- the name, and pg_stat_activity shows every session's application name.
-- name: event_listeners
SELECT count(*) FROM pg_stat_activity WHERE application_name = :application;

-- Dead and live rows of the jobs table, for vacuuming it where autovacuum is off.
-- name: dead_rows
SELECT n_dead_tup, n_live_tup FROM pg_stat_user_tables WHERE schemaname = :schema AND relname = 'jobs';

-- Whether autovacuum runs at all; claims slow down as dead entries pile up when it does not.
-- name: autovacuum_on
SELECT current_setting('autovacuum') = 'on' AS autovacuum_on;

-- A run's row, locked: the operations on a run as a whole (cancel, retry, delete, signal, steps
-- added) hold it, as finishing steps does, so two never change one run's graph at once.
-- name: lock_run
SELECT * FROM runs WHERE id = :id FOR UPDATE;

-- A held job about to complete with steps to add: locked, so it cannot be reaped or cancelled
-- between the steps' check and the completion.
-- name: held_job
SELECT run_id, attempt FROM jobs
WHERE id = :id AND state = 'active' AND lease_token = :token
FOR UPDATE;

-- Due waits, earliest first, of runs no other transaction holds: processes firing at once split
-- the work, and a run busy finishing steps is fired on a later call rather than waited for. The
-- wait's job is locked too, and skipped while another transaction holds it: a cancel of that step,
-- which holds the job and then waits for the run's row, is not waited for in turn.
-- name: due_waits
SELECT s.job_id, j.attempt
FROM steps s JOIN runs r ON r.id = s.run_id JOIN jobs j ON j.id = s.job_id
WHERE s.wake_at <= :now
ORDER BY s.wake_at
LIMIT :limit
FOR UPDATE OF r, j SKIP LOCKED;

-- Settled runs whose retention has passed, oldest first, walking runs_finished no further than the
-- latest cutoff (:due_before); runs another cleaner holds are skipped.
-- name: due_runs
SELECT id, step_count FROM runs
WHERE finished_at < :due_before
  AND unfinished = 0
  AND ((state = 'completed' AND finished_at < :completed_before)
       OR (state = 'failed' AND finished_at < :failed_before)
       OR (state = 'cancelled' AND finished_at < :cancelled_before))
ORDER BY finished_at
LIMIT :limit
FOR UPDATE SKIP LOCKED;
