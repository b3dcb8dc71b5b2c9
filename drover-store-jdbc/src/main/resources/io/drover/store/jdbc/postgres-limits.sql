-- Statements of limits in PostgreSQL's own form; the shared ones are in limits.sql. Queue patterns
-- arrive as a text[] of LIKE patterns, as for claim, and kinds as a text[] (empty: every kind).

-- Claims under a limit queue behind each other on a lock per limit, held until the transaction
-- ends, so what one counts cannot change until it has claimed: transaction-scoped advisory locks,
-- named within the store's schema, cost no row write. Taken in the order of :names (sorted), so
-- claims under several limits cannot deadlock. The version of the limits comes in the same round
-- trip; read as the statement starts, it is no older than one read before it.
-- name: lock_limits
SELECT COUNT(pg_advisory_xact_lock(hashtextextended(current_schema() || ' limit ' || l.name, 0)))
         AS locked,
       (SELECT COALESCE(MAX(version), 0) FROM limit_version) AS version
FROM unnest(CAST(:names AS TEXT[])) WITH ORDINALITY AS l(name, position);

-- The first due job of every lane (kind and key) of the matching unpaused queues, with the lane's
-- last fair turn. The recursive part steps through jobs_lanes from one lane to the next, one probe
-- each; the LATERAL part then takes each lane's first due job in claim order. Lanes whose jobs are
-- all due later yield nothing.
-- name: claim_lanes
WITH RECURSIVE lanes(queue, lane) AS (
  SELECT q.name,
         (SELECT j.kind || ' ' || COALESCE(j.rate_key, '') FROM jobs j
          WHERE j.queue = q.name AND j.state IN ('waiting', 'scheduled', 'retrying')
          ORDER BY j.kind || ' ' || COALESCE(j.rate_key, '')
          LIMIT 1)
  FROM queues q
  WHERE q.paused = 0 AND q.name LIKE ANY (:patterns)
  UNION ALL
  SELECT l.queue,
         (SELECT j.kind || ' ' || COALESCE(j.rate_key, '') FROM jobs j
          WHERE j.queue = l.queue AND j.state IN ('waiting', 'scheduled', 'retrying')
            AND j.kind || ' ' || COALESCE(j.rate_key, '') > l.lane
          ORDER BY j.kind || ' ' || COALESCE(j.rate_key, '')
          LIMIT 1)
  FROM lanes l
  WHERE l.lane IS NOT NULL)
SELECT h.id, l.queue, h.kind, h.rate_key, h.priority, h.run_at, l.lane,
       COALESCE(t.served, 0) AS served
FROM lanes l
CROSS JOIN LATERAL (
  SELECT j.id, j.kind, COALESCE(j.rate_key, '') AS rate_key, j.priority, j.run_at FROM jobs j
  WHERE j.queue = l.queue AND j.kind || ' ' || COALESCE(j.rate_key, '') = l.lane
    AND j.state IN ('waiting', 'scheduled', 'retrying') AND j.run_at <= :now
  ORDER BY j.priority DESC, j.run_at, j.id
  LIMIT 1) h
LEFT JOIN fair_turns t ON t.queue = l.queue AND t.lane = l.lane;

-- The windows of a claim under limits: in each unpaused queue the claim's patterns match and no
-- pattern of :closed does, the first :scan due jobs in claim order, less those of held keys (the
-- pairs of :held_keys and :held_queues: a key, and a pattern of the queues a limit holds it back
-- in whatever the job's kind), at most :rows of them per queue, in no promised order. A window's
-- walk stops as soon as :rows are found, so held keys' jobs ahead of them cost one index entry
-- each, and never more than :scan.
-- name: claim_windows
SELECT q.name AS queue, w.id, w.kind, w.rate_key, w.priority, w.run_at
FROM queues q
CROSS JOIN LATERAL (
  SELECT s.* FROM (
    SELECT j.id, j.kind, COALESCE(j.rate_key, '') AS rate_key, j.priority, j.run_at FROM jobs j
    WHERE j.queue = q.name AND j.state IN ('waiting', 'scheduled', 'retrying') AND j.run_at <= :now
    ORDER BY j.priority DESC, j.run_at, j.id
    LIMIT :scan) s
  WHERE NOT EXISTS (
    SELECT 1 FROM unnest(CAST(:held_keys AS TEXT[]), CAST(:held_queues AS TEXT[])) h(rate_key, queue)
    WHERE h.rate_key = s.rate_key AND q.name LIKE h.queue)
  LIMIT :rows) w
WHERE q.paused = 0 AND q.name LIKE ANY (:patterns) AND NOT q.name LIKE ANY (:closed);

-- The first :limit due jobs of one lane, in claim order.
-- name: lane_jobs
SELECT id, priority, run_at FROM jobs
WHERE queue = :queue AND kind || ' ' || COALESCE(rate_key, '') = :lane
  AND state IN ('waiting', 'scheduled', 'retrying') AND run_at <= :now
ORDER BY priority DESC, run_at, id
LIMIT :limit;

-- The jobs a claim under limits chose, moved to active as claim does. A job that stopped being due
-- since it was chosen (cancelled meanwhile) is left out.
-- name: claim_jobs
UPDATE jobs
SET state = 'active', attempt = attempt + 1, lease_token = GREATEST(lease_token + :token_step, :token_floor),
    worker_id = :worker_id, lease_expires_at = :lease_expires_at, started_at = :now
WHERE id = ANY (CAST(:ids AS TEXT[]))
  AND state IN ('waiting', 'scheduled', 'retrying') AND run_at <= :now
RETURNING *;

-- A limit's governed jobs running now, per key. Found queue by queue through jobs_queue_state, whose
-- range of a queue's active jobs is short, rather than among every active job of the store.
-- name: active_by_key
SELECT COALESCE(j.rate_key, '') AS rate_key, COUNT(*) AS jobs
FROM queues q JOIN jobs j ON j.queue = q.name AND j.state = 'active'
WHERE q.name LIKE ANY (:patterns)
  AND (cardinality(CAST(:kinds AS TEXT[])) = 0 OR j.kind = ANY (CAST(:kinds AS TEXT[])))
GROUP BY COALESCE(j.rate_key, '');

-- A limit's governed jobs due to start, per key, paused queues included.
-- name: waiting_by_key
SELECT COALESCE(rate_key, '') AS rate_key, COUNT(*) AS jobs, MIN(run_at) AS oldest FROM jobs
WHERE state IN ('waiting', 'scheduled', 'retrying') AND run_at <= :now
  AND queue LIKE ANY (:patterns)
  AND (cardinality(CAST(:kinds AS TEXT[])) = 0 OR kind = ANY (CAST(:kinds AS TEXT[])))
GROUP BY COALESCE(rate_key, '');
