-- Statements of limits (flow control) that both databases share; those that match queue patterns
-- or take lists are in <dialect>-limits.sql. Rate times (next_start) are epoch microseconds.

-- No row reads as version 0, so a schema emptied by hand still works.
-- name: limit_version
SELECT COALESCE(MAX(version), 0) AS version FROM limit_version;

-- name: bump_limit_version
INSERT INTO limit_version (id, version) VALUES (1, 1)
ON CONFLICT (id) DO UPDATE SET version = limit_version.version + 1;

-- name: list_limits
SELECT * FROM limits ORDER BY name;

-- name: get_limit
SELECT * FROM limits WHERE name = :name;

-- name: insert_limit
INSERT INTO limits (name, queues, kinds, rate_limit, rate_per_nanos, rate_burst, concurrency,
                    queue_concurrency, fair, updated_at)
VALUES (:name, :queues, :kinds, :rate_limit, :rate_per_nanos, :rate_burst, :concurrency,
        :queue_concurrency, :fair, :now)
ON CONFLICT (name) DO NOTHING;

-- name: update_limit
UPDATE limits
SET queues = :queues, kinds = :kinds, rate_limit = :rate_limit, rate_per_nanos = :rate_per_nanos,
    rate_burst = :rate_burst, concurrency = :concurrency, queue_concurrency = :queue_concurrency,
    fair = :fair, updated_at = :now
WHERE name = :name;

-- name: delete_limit
DELETE FROM limits WHERE name = :name;

-- A limit saved anew starts its rate afresh, as one created.
-- name: delete_limit_rates
DELETE FROM limit_rates WHERE limit_name = :name;

-- name: delete_limit_starts
DELETE FROM limit_starts WHERE limit_name = :name;

-- A claim's starts under one limit, added to their bucket.
-- name: count_starts
INSERT INTO limit_starts (limit_name, bucket, starts, expires_at)
VALUES (:name, :bucket, :starts, :expires_at)
ON CONFLICT (limit_name, bucket) DO UPDATE SET starts = limit_starts.starts + excluded.starts;

-- name: recent_starts
SELECT COALESCE(SUM(starts), 0) AS starts FROM limit_starts
WHERE limit_name = :name AND bucket BETWEEN :first AND :last;

-- name: delete_expired_starts
DELETE FROM limit_starts WHERE expires_at <= :now;

-- The keys a rate may hold back now: those whose next start is still ahead.
-- name: rate_states
SELECT rate_key, next_start FROM limit_rates WHERE limit_name = :name AND next_start > :now;

-- name: save_rate_state
INSERT INTO limit_rates (limit_name, rate_key, next_start) VALUES (:name, :rate_key, :next_start)
ON CONFLICT (limit_name, rate_key) DO UPDATE SET next_start = excluded.next_start;

-- The earliest next start after :after (now plus the rate's tolerance) among the limit's keys.
-- name: next_rate_opening
SELECT MIN(next_start) AS next_start FROM limit_rates
WHERE limit_name = :name AND next_start > :after;

-- A rested key needs no row: one whose next start has passed starts as if it had none.
-- name: delete_rested_rates
DELETE FROM limit_rates WHERE next_start <= :now;

-- name: last_fair_turn
SELECT COALESCE(MAX(served), 0) AS served FROM fair_turns WHERE queue = :queue;

-- name: save_fair_turn
INSERT INTO fair_turns (queue, lane, served) VALUES (:queue, :lane, :served)
ON CONFLICT (queue, lane) DO UPDATE SET served = excluded.served;

-- Lanes without claimable jobs forget their turn, as an emptied lane of the memory store does.
-- name: delete_idle_fair_turns
DELETE FROM fair_turns
WHERE NOT EXISTS (
  SELECT 1 FROM jobs j
  WHERE j.queue = fair_turns.queue AND j.kind || ' ' || COALESCE(j.rate_key, '') = fair_turns.lane
    AND j.state IN ('waiting', 'scheduled', 'retrying'));

-- Every queue that ever had a job: a limit saved or deleted wakes those it matches.
-- name: queue_names
SELECT name FROM queues;
