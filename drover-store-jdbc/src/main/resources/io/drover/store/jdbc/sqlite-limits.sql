-- Statements of limits in SQLite's own form; the shared ones are in limits.sql. Queue patterns
-- arrive as a JSON array of GLOB patterns, as for claim, kinds and ids as JSON arrays. SQLite's
-- single writer keeps claims apart, so no lock is taken. Plans are pinned to jobs_lanes (INDEXED
-- BY): without table statistics SQLite would rather walk jobs_claimable, past every job of a key
-- held back.

-- name: claim_lanes
WITH RECURSIVE lanes(queue, lane) AS (
  SELECT q.name,
         (SELECT j.kind || ' ' || COALESCE(j.rate_key, '') FROM jobs j INDEXED BY jobs_lanes
          WHERE j.queue = q.name AND j.state IN ('waiting', 'scheduled', 'retrying')
          ORDER BY j.kind || ' ' || COALESCE(j.rate_key, '')
          LIMIT 1)
  FROM queues q
  WHERE q.paused = 0 AND EXISTS (SELECT 1 FROM json_each(:patterns) p WHERE q.name GLOB p.value)
  UNION ALL
  SELECT l.queue,
         (SELECT j.kind || ' ' || COALESCE(j.rate_key, '') FROM jobs j INDEXED BY jobs_lanes
          WHERE j.queue = l.queue AND j.state IN ('waiting', 'scheduled', 'retrying')
            AND j.kind || ' ' || COALESCE(j.rate_key, '') > l.lane
          ORDER BY j.kind || ' ' || COALESCE(j.rate_key, '')
          LIMIT 1)
  FROM lanes l
  WHERE l.lane IS NOT NULL)
SELECT h.id, l.queue, h.kind, COALESCE(h.rate_key, '') AS rate_key, h.priority, h.run_at, l.lane,
       COALESCE(t.served, 0) AS served
FROM lanes l
JOIN jobs h ON h.id = (
  SELECT j.id FROM jobs j INDEXED BY jobs_lanes
  WHERE j.queue = l.queue AND j.kind || ' ' || COALESCE(j.rate_key, '') = l.lane
    AND j.state IN ('waiting', 'scheduled', 'retrying') AND j.run_at <= :now
  ORDER BY j.priority DESC, j.run_at, j.id
  LIMIT 1)
LEFT JOIN fair_turns t ON t.queue = l.queue AND t.lane = l.lane;

-- SQLite has no LATERAL: each queue's window is a list subquery of the join's condition, whose ids
-- find the jobs by primary key. CROSS JOIN keeps queues the outer loop: the other way round, the
-- window would be read once per job of the table. The held keys per queue are a table made once
-- (held), looked up per job.
-- name: claim_windows
WITH held(queue, rate_key) AS MATERIALIZED (
  SELECT q.name, k.value
  FROM queues q, json_each(:held_keys) k JOIN json_each(:held_queues) p ON p.key = k.key
  WHERE q.name GLOB p.value)
SELECT q.name AS queue, j.id, j.kind, COALESCE(j.rate_key, '') AS rate_key, j.priority, j.run_at
FROM queues q
CROSS JOIN jobs j ON j.id IN (
  SELECT s.id FROM (
    SELECT c.id, COALESCE(c.rate_key, '') AS rate_key FROM jobs c INDEXED BY jobs_claimable
    WHERE c.queue = q.name AND c.state IN ('waiting', 'scheduled', 'retrying') AND c.run_at <= :now
    ORDER BY c.priority DESC, c.run_at, c.id
    LIMIT :scan) s
  WHERE NOT EXISTS (SELECT 1 FROM held h WHERE h.queue = q.name AND h.rate_key = s.rate_key)
  LIMIT :rows)
WHERE q.paused = 0
  AND EXISTS (SELECT 1 FROM json_each(:patterns) p WHERE q.name GLOB p.value)
  AND NOT EXISTS (SELECT 1 FROM json_each(:closed) p WHERE q.name GLOB p.value);

-- name: lane_jobs
SELECT id, priority, run_at FROM jobs INDEXED BY jobs_lanes
WHERE queue = :queue AND kind || ' ' || COALESCE(rate_key, '') = :lane
  AND state IN ('waiting', 'scheduled', 'retrying') AND run_at <= :now
ORDER BY priority DESC, run_at, id
LIMIT :limit;

-- name: claim_jobs
UPDATE jobs
SET state = 'active', attempt = attempt + 1, lease_token = MAX(lease_token + :token_step, :token_floor),
    worker_id = :worker_id, lease_expires_at = :lease_expires_at, started_at = :now
WHERE id IN (SELECT value FROM json_each(:ids))
  AND state IN ('waiting', 'scheduled', 'retrying') AND run_at <= :now
RETURNING *;

-- name: active_by_key
SELECT COALESCE(rate_key, '') AS rate_key, COUNT(*) AS jobs FROM jobs INDEXED BY jobs_leases
WHERE state = 'active'
  AND EXISTS (SELECT 1 FROM json_each(:patterns) p WHERE queue GLOB p.value)
  AND (json_array_length(:kinds) = 0 OR kind IN (SELECT value FROM json_each(:kinds)))
GROUP BY COALESCE(rate_key, '');

-- name: waiting_by_key
SELECT COALESCE(rate_key, '') AS rate_key, COUNT(*) AS jobs, MIN(run_at) AS oldest FROM jobs INDEXED BY jobs_claimable
WHERE state IN ('waiting', 'scheduled', 'retrying') AND run_at <= :now
  AND EXISTS (SELECT 1 FROM json_each(:patterns) p WHERE queue GLOB p.value)
  AND (json_array_length(:kinds) = 0 OR kind IN (SELECT value FROM json_each(:kinds)))
GROUP BY COALESCE(rate_key, '');
