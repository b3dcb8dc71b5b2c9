-- Statements of runs (workflows) that every JDBC dialect shares; those that lock rows differently
-- are in <dialect>.sql. A set of ids travels as one JSON array bound as text and is read with
-- json_each, which SQLite has and the PostgreSQL schema defines (migration V3).
-- Terminal job states: completed, failed, cancelled.
-- Where a statement finds jobs by a set of ids and tests their state, it tests "state || ''": no
-- index serves that, so the plan looks each id up by primary key. A plain "state = 'blocked'"
-- lets PostgreSQL walk jobs_state_id through every blocked job of every run instead, which it
-- does when its statistics say blocked jobs are few: a run of thousands created since the last
-- ANALYZE would then cost each completion a walk over all its steps.

-- ---- creating runs and adding steps ----

-- name: insert_run
INSERT INTO runs (id, name, input, state, max_steps, step_count, unfinished, created_at,
                  finished_at)
VALUES (:id, :name, :input, :state, :max_steps, 0, 0, :now, :finished_at)
ON CONFLICT (id) DO NOTHING;

-- name: grow_run
UPDATE runs SET step_count = step_count + :added, unfinished = unfinished + :added
WHERE id = :id;

-- name: insert_step
INSERT INTO steps (job_id, run_id, name, position, optional, run_on, max_attempts, wait_kind,
                   wait_signal, wait_ms, on_timeout, children, pending, armed, wake_at)
VALUES (:job_id, :run_id, :name, :position, :optional, :run_on, :max_attempts, :wait_kind,
        :wait_signal, :wait_ms, :on_timeout, :children, :pending, :armed, :wake_at);

-- Appends steps added to a run to the children of a step already in it; :added is a JSON array.
-- name: add_children
UPDATE steps
SET children = CASE WHEN children = '[]' THEN :added
                    ELSE substr(children, 1, length(children) - 1) || ',' || substr(:added, 2) END
WHERE job_id = :job_id;

-- name: taken_job_ids
SELECT id FROM jobs WHERE id IN (SELECT value FROM json_each(CAST(:ids AS TEXT)));

-- The run's steps as a plan sees them: names, and how each parent has ended so far.
-- name: plan_steps
SELECT s.job_id, s.name, s.optional, j.state
FROM steps s JOIN jobs j ON j.id = s.job_id
WHERE s.run_id = :run_id;

-- ---- steps finishing ----

-- Optional steps fail without failing their run.
-- name: optional_steps
SELECT job_id FROM steps
WHERE job_id IN (SELECT value FROM json_each(CAST(:ids AS TEXT))) AND optional = 1;

-- Counts finished steps off their run; the first step that fails it, or the last to finish, sets
-- its state. A run that is not running keeps its state and finished_at.
-- name: settle_run
UPDATE runs
SET unfinished = unfinished - :finished,
    state = CASE WHEN state <> 'running' THEN state
                 WHEN :failed = 1 THEN 'failed'
                 WHEN unfinished = :finished THEN 'completed'
                 ELSE state END,
    finished_at = CASE WHEN state = 'running' AND (:failed = 1 OR unfinished = :finished)
                       THEN :now ELSE finished_at END
WHERE id = :id;

-- Steps that finished in a way that lets every child start (completed, or optional) release their
-- children: each child's count drops by its parents among them. Parents and children are looked
-- up by key, constant work per edge. The row lock orders concurrent decrements of one step, each
-- on the count the last one left, so the transaction that brings it to 0 is the one that arms it.
-- A child that is no longer blocked (cancelled on its own) may reach 0 too: arming only ever
-- takes blocked steps.
-- name: release_children
UPDATE steps SET pending = steps.pending - d.released
FROM (SELECT c.value AS child_id, COUNT(*) AS released
      FROM steps p CROSS JOIN json_each(p.children) AS c
      WHERE p.job_id IN (SELECT value FROM json_each(CAST(:parents AS TEXT)))
      GROUP BY c.value) AS d
WHERE steps.job_id = d.child_id
RETURNING steps.job_id, steps.pending, steps.wait_kind;

-- The children of steps that failed (or were cancelled): one row per edge, to cancel each blocked
-- child that runs on completion, naming the parent, and release each that runs on finished.
-- name: children
SELECT p.job_id AS parent_id, p.name AS parent_name, e.value AS child_id, c.run_on, j.state,
       j.attempt
FROM steps p
CROSS JOIN json_each(p.children) AS e
JOIN steps c ON c.job_id = e.value
JOIN jobs j ON j.id = e.value
WHERE p.job_id IN (SELECT value FROM json_each(CAST(:parents AS TEXT)));

-- name: release_steps
UPDATE steps SET pending = pending - :released
WHERE job_id IN (SELECT value FROM json_each(CAST(:ids AS TEXT)))
RETURNING job_id, pending, wait_kind;

-- A step's job becomes claimable: waiting, or scheduled while its own run_at is ahead.
-- name: arm_jobs
UPDATE jobs
SET state = CASE WHEN run_at > :now THEN 'scheduled' ELSE 'waiting' END,
    run_at = CASE WHEN run_at > :now THEN run_at ELSE :now END
WHERE id IN (SELECT value FROM json_each(CAST(:ids AS TEXT))) AND state || '' = 'blocked'
RETURNING queue, state, run_at;

-- A wait starts its clock; one without a deadline waits for its signal for ever.
-- name: arm_waits
UPDATE steps SET armed = 1, wake_at = :now + wait_ms
WHERE job_id IN (SELECT id FROM jobs
                 WHERE id IN (SELECT value FROM json_each(CAST(:ids AS TEXT)))
                   AND state || '' = 'blocked')
RETURNING wake_at;

-- When the earliest wait with a deadline ends (steps_wake), due already or not.
-- name: next_wait
SELECT MIN(wake_at) AS due FROM steps WHERE wake_at IS NOT NULL;

-- name: disarm_steps
UPDATE steps SET armed = 0, wake_at = NULL
WHERE job_id IN (SELECT value FROM json_each(CAST(:ids AS TEXT))) AND armed = 1;

-- Ends a step no worker holds: a wait completed or timed out, or a blocked step cancelled because
-- a parent failed. The error, if any, is appended as the fail statement does.
-- name: finish_blocked_step
UPDATE jobs
SET state = :state, result = :result, finished_at = :now,
    errors = CASE WHEN CAST(:error AS TEXT) IS NULL THEN errors
                  WHEN errors = '[]' THEN '[' || :error || ']'
                  ELSE substr(errors, 1, length(errors) - 1) || ',' || :error || ']' END
WHERE id = :id AND state = 'blocked';

-- ---- signals and timers ----

-- name: signal_steps
SELECT s.job_id, s.armed, j.state
FROM steps s JOIN jobs j ON j.id = s.job_id
WHERE s.run_id = :run_id AND s.wait_signal = :signal;

-- Takes due waits off the clock; one another transaction settled meanwhile is no longer due.
-- name: take_due_waits
UPDATE steps SET armed = 0, wake_at = NULL
WHERE job_id IN (SELECT value FROM json_each(CAST(:ids AS TEXT))) AND wake_at <= :now
RETURNING job_id, run_id, wait_kind, wait_signal, wait_ms, on_timeout;

-- ---- cancel, retry, delete ----

-- name: cancel_run_steps
UPDATE jobs SET state = 'cancelled', finished_at = :now, lease_expires_at = NULL
WHERE id IN (SELECT job_id FROM steps WHERE run_id = :run_id)
  AND state NOT IN ('completed', 'failed', 'cancelled');

-- name: disarm_run
UPDATE steps SET armed = 0, wake_at = NULL WHERE run_id = :run_id AND armed = 1;

-- name: cancel_run
UPDATE runs
SET unfinished = 0,
    state = CASE WHEN state = 'running' THEN 'cancelled' ELSE state END,
    finished_at = CASE WHEN state = 'running' THEN :now ELSE finished_at END
WHERE id = :id;

-- A failed or cancelled step is blocked again with its attempts renewed: as many more as its spec
-- gave it.
-- name: renew_steps
UPDATE jobs
SET state = 'blocked', finished_at = NULL, lease_expires_at = NULL,
    max_attempts = attempt + (SELECT s.max_attempts FROM steps s WHERE s.job_id = jobs.id)
WHERE id IN (SELECT job_id FROM steps WHERE run_id = :run_id)
  AND state || '' IN ('failed', 'cancelled')
RETURNING id;

-- Counts a renewed step's unfinished parents again (every renewed parent is one).
-- name: recount_pending
UPDATE steps
SET armed = 0, wake_at = NULL,
    pending = (SELECT COUNT(*) FROM jobs p
               WHERE p.id IN (SELECT value FROM json_each(
                                (SELECT c.depends_on FROM jobs c WHERE c.id = steps.job_id)))
                 AND p.state NOT IN ('completed', 'failed', 'cancelled'))
WHERE job_id IN (SELECT value FROM json_each(CAST(:ids AS TEXT)))
RETURNING job_id, pending, wait_kind;

-- name: restart_run
UPDATE runs
SET unfinished = unfinished + :renewed,
    state = CASE WHEN unfinished + :renewed = 0 THEN 'completed' ELSE 'running' END,
    finished_at = CASE WHEN unfinished + :renewed = 0 THEN :now ELSE NULL END
WHERE id = :id;

-- A run goes whole: its steps' jobs, its steps, then the run.
-- name: delete_run_jobs
DELETE FROM jobs WHERE id IN (SELECT job_id FROM steps WHERE run_id = :run_id);

-- name: delete_run_steps
DELETE FROM steps WHERE run_id = :run_id;

-- name: delete_run
DELETE FROM runs WHERE id = :run_id;

-- ---- reading runs ----

-- name: get_run
SELECT * FROM runs WHERE id = :id;

-- Every step of a run with its job, in creation order.
-- name: run_steps
SELECT s.name, s.optional, s.run_on, s.wait_kind, s.wait_signal, s.wait_ms, s.on_timeout, j.*
FROM steps s JOIN jobs j ON j.id = s.job_id
WHERE s.run_id = :run_id
ORDER BY s.position;

-- Runs newest first; the optional filters are typed by cast, as list_jobs explains.
-- name: list_runs
SELECT * FROM runs
WHERE id < :before
  AND created_at >= :created_from AND created_at < :created_to
  AND (CAST(:state AS TEXT) IS NULL OR state = :state)
  AND (CAST(:name AS TEXT) IS NULL OR name = :name)
ORDER BY id DESC
LIMIT :limit;

-- name: step_counts
SELECT s.run_id, j.state, COUNT(*) AS steps
FROM steps s JOIN jobs j ON j.id = s.job_id
WHERE s.run_id IN (SELECT value FROM json_each(CAST(:run_ids AS TEXT)))
GROUP BY s.run_id, j.state;

-- A step's parents by name, found through its depends_on; none for a plain job.
-- The parents of several steps, one row per edge: what a claim of several steps hands its worker.
-- name: step_parents
SELECT c.id AS child_id, p.name, j.state, j.result
FROM jobs c
CROSS JOIN json_each(c.depends_on) AS d
JOIN steps p ON p.job_id = d.value
JOIN jobs j ON j.id = p.job_id
WHERE c.id IN (SELECT value FROM json_each(CAST(:ids AS TEXT)));
