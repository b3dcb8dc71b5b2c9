-- Statements of limits in PostgreSQL's own form; the shared ones are in limits.sql. Queue patterns
-- arrive as a text[] of LIKE patterns, as for claim, and kinds as a text[] (empty: every kind).

-- Claims under a limit queue behind each other on a lock per limit, held until the transaction
-- ends, so what one counts cannot change until it has claimed: transaction-scoped advisory locks,
-- named within the store's schema, cost no row write. Taken in name order, so claims under several
-- limits cannot deadlock.
-- name: lock_limit
SELECT pg_advisory_xact_lock(hashtextextended(current_schema() || ' limit ' || :name, 0));

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

-- A limit's governed jobs running now, per key.
-- name: active_by_key
SELECT COALESCE(rate_key, '') AS rate_key, COUNT(*) AS jobs FROM jobs
WHERE state = 'active' AND queue LIKE ANY (:patterns)
  AND (cardinality(CAST(:kinds AS TEXT[])) = 0 OR kind = ANY (CAST(:kinds AS TEXT[])))
GROUP BY COALESCE(rate_key, '');

-- A limit's governed jobs due to start, per key, paused queues included.
-- name: waiting_by_key
SELECT COALESCE(rate_key, '') AS rate_key, COUNT(*) AS jobs, MIN(run_at) AS oldest FROM jobs
WHERE state IN ('waiting', 'scheduled', 'retrying') AND run_at <= :now
  AND queue LIKE ANY (:patterns)
  AND (cardinality(CAST(:kinds AS TEXT[])) = 0 OR kind = ANY (CAST(:kinds AS TEXT[])))
GROUP BY COALESCE(rate_key, '');
