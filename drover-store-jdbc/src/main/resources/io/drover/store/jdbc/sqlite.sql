-- Statements in SQLite's own form; the shared ones are in common.sql.

-- Queue patterns arrive as a JSON array of GLOB patterns (queue names hold no GLOB specials but
-- "*"). The plan is pinned: for each matching queue (CROSS JOIN keeps queues the outer loop),
-- walk jobs_claimable in claim order and stop once a row cannot make the limit, so a claim costs
-- the same with a backlog of millions. Left to itself, without table statistics, SQLite sorts
-- every claimable job instead. RETURNING gives rows in no particular order. As on PostgreSQL, the
-- claim runs only while the limits are at the version the caller last read (:limits_version).
-- name: claim
UPDATE jobs
SET state = 'active', attempt = attempt + 1, lease_token = MAX(lease_token + :token_step, :token_floor),
    worker_id = :worker_id, lease_expires_at = :lease_expires_at, started_at = :now
WHERE id IN (
  SELECT j.id
  FROM queues q CROSS JOIN jobs j INDEXED BY jobs_claimable
  WHERE j.queue = q.name
    AND q.paused = 0
    AND EXISTS (SELECT 1 FROM json_each(:patterns) p WHERE q.name GLOB p.value)
    AND j.state IN ('waiting', 'scheduled', 'retrying') AND j.run_at <= :now
    AND (SELECT COALESCE(MAX(version), 0) FROM limit_version) = :limits_version
  ORDER BY j.priority DESC, j.run_at, j.id
  LIMIT :limit)
RETURNING *;

-- When the earliest job waiting for its time becomes due, in the queues the patterns match; jobs
-- due already (paused or held back) are passed over.
-- name: next_due
SELECT MIN(j.run_at) AS due
FROM queues q CROSS JOIN jobs j
WHERE j.queue = q.name
  AND EXISTS (SELECT 1 FROM json_each(:patterns) p WHERE q.name GLOB p.value)
  AND j.state IN ('scheduled', 'retrying') AND j.run_at > :now;

-- Lists without a state filter (list_jobs_in_state has one). The other filters are optional
-- (null); :before and the created bounds are always set, so the id range can seek the primary key.
-- name: list_jobs
SELECT * FROM jobs
WHERE id < :before
  AND created_at >= :created_from AND created_at < :created_to
  AND (:queue IS NULL OR queue = :queue)
  AND (:kind IS NULL OR kind = :kind)
  AND (:tag IS NULL OR EXISTS (SELECT 1 FROM json_each(jobs.tags) t WHERE t.value = :tag))
ORDER BY id DESC
LIMIT :limit;

-- list_jobs within one state, walking jobs_state_id: a state can be a sliver of a large table.
-- name: list_jobs_in_state
SELECT * FROM jobs
WHERE state = :state AND id < :before
  AND created_at >= :created_from AND created_at < :created_to
  AND (:queue IS NULL OR queue = :queue)
  AND (:kind IS NULL OR kind = :kind)
  AND (:tag IS NULL OR EXISTS (SELECT 1 FROM json_each(jobs.tags) t WHERE t.value = :tag))
ORDER BY id DESC
LIMIT :limit;

-- SQLite has one writer at a time, so the maintenance statements need no row locks, and neither
-- do those PostgreSQL runs FOR UPDATE: lock_run, held_job, due_waits, due_runs.
-- name: expired_leases
SELECT id, attempt, max_attempts, backoff_base_ms, backoff_max_ms, worker_id, lease_token,
       lease_expires_at
FROM jobs
WHERE state = 'active' AND lease_expires_at < :now
ORDER BY lease_expires_at
LIMIT :limit;

-- name: delete_finished_jobs
DELETE FROM jobs WHERE id IN (
  SELECT id FROM jobs
  WHERE ((state = 'completed' AND finished_at < :completed_before)
     OR (state = 'failed' AND finished_at < :failed_before)
     OR (state = 'cancelled' AND finished_at < :cancelled_before))
    AND run_id IS NULL
  LIMIT :limit)
RETURNING id, queue, dedup_key;

-- name: delete_jobs_in_state
DELETE FROM jobs WHERE id IN (
  SELECT id FROM jobs WHERE queue = :queue AND state = :state AND run_id IS NULL LIMIT :limit)
RETURNING id, queue, dedup_key;

-- name: delete_expired_dedup_keys
DELETE FROM dedup_keys WHERE expires_at <= :now;

-- name: lock_run
SELECT * FROM runs WHERE id = :id;

-- name: held_job
SELECT run_id, attempt FROM jobs WHERE id = :id AND state = 'active' AND lease_token = :token;

-- name: due_waits
SELECT s.job_id, j.attempt
FROM steps s JOIN jobs j ON j.id = s.job_id
WHERE s.wake_at <= :now
ORDER BY s.wake_at
LIMIT :limit;

-- name: due_runs
SELECT id, step_count FROM runs
WHERE finished_at < :due_before
  AND unfinished = 0
  AND ((state = 'completed' AND finished_at < :completed_before)
       OR (state = 'failed' AND finished_at < :failed_before)
       OR (state = 'cancelled' AND finished_at < :cancelled_before))
ORDER BY finished_at
LIMIT :limit;
