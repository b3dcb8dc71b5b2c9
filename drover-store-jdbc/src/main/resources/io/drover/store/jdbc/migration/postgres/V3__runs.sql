-- Runs (workflows): a run, and its steps beside their jobs. A step's job is an ordinary row of jobs
-- (run_id set, depends_on its parents' job ids) that workers claim like any other; what makes it a
-- step lives here, one steps row per step, so plain jobs pay nothing for runs.

-- The run's two counters are what make its bookkeeping constant per finished step: step_count
-- places a new step and checks the step limit, unfinished tells when the run settles. Every
-- transaction that finishes steps of a run updates its row before it reads their children, and
-- every transaction that adds steps holds the row while it reads their parents' states: the row
-- lock orders the two, so no finished parent misses a child added at the same moment.
-- A run's row is updated once per transaction that finishes its steps, so no index covers the
-- counters, and half of each page is left free: the updates stay HOT, each new version on the
-- page of the last and no index entry added. Otherwise every look-up of a busy run by its key
-- would step over one dead index entry per step finished so far.
CREATE TABLE runs (
  id          TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  name        TEXT    NOT NULL,
  input       TEXT    NOT NULL,
  state       TEXT    NOT NULL,
  max_steps   INTEGER NOT NULL,
  step_count  INTEGER NOT NULL,
  unfinished  INTEGER NOT NULL,
  created_at  BIGINT  NOT NULL,
  finished_at BIGINT
) WITH (fillfactor = 50);

-- Retention finds finished runs by age, and keeps those with no step left unfinished.
CREATE INDEX runs_finished ON runs (finished_at) WHERE finished_at IS NOT NULL;

-- children: the job ids of the steps that depend on this one, as a JSON array; the run's edges,
-- read from the parent, by its key, when it finishes. (A table of (parent, child) rows would hold
-- the same, but is looked up by a key that is not unique: without statistics, which a new table or
-- a fresh large run lacks until ANALYZE, PostgreSQL then expects 65 children per parent and scans
-- the steps table instead of looking the children up.)
-- pending: parents that have not yet finished in a way that lets the step start; the transaction
-- that brings it to 0 arms the step. The row lock makes concurrent completions of one join's
-- parents decrement it one after the other, so exactly one of them sees 0.
-- A step that waits (wait_kind signal or timer) is never claimed: once armed, a signal completes
-- it, or at wake_at (armed + wait_ms) its timer fires or its signal gives up.
-- pending and armed are not indexed, so releasing a step is a HOT update (room left on each page).
CREATE TABLE steps (
  job_id       TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  run_id       TEXT COLLATE "C" NOT NULL,
  name         TEXT    NOT NULL,
  position     INTEGER NOT NULL,
  optional     INTEGER NOT NULL,
  run_on       TEXT    NOT NULL,
  max_attempts INTEGER NOT NULL,
  wait_kind    TEXT,
  wait_signal  TEXT,
  wait_ms      BIGINT,
  on_timeout   TEXT,
  children     TEXT    NOT NULL,
  pending      INTEGER NOT NULL,
  armed        INTEGER NOT NULL,
  wake_at      BIGINT
) WITH (fillfactor = 85);

-- A run's steps in creation order: the run as shown, and the run removed whole.
CREATE INDEX steps_run ON steps (run_id, position);

-- Armed waits with a deadline, soonest first; nothing else is indexed.
CREATE INDEX steps_wake ON steps (wake_at) WHERE wake_at IS NOT NULL;

-- The steps of a run waiting for a signal of a given name.
CREATE INDEX steps_signal ON steps (run_id, wait_signal) WHERE wait_signal IS NOT NULL;

-- SQLite's json_each over a JSON array of strings, for PostgreSQL: the statements that take a set
-- of ids (a JSON array bound as text), or read a step's children, are then written once for both
-- databases, as "IN (SELECT value FROM json_each(CAST(:ids AS TEXT)))". It takes text, where
-- PostgreSQL's own json_each takes json, so it serves only calls that pass text, and only sessions
-- with this schema on their search path. Each id it yields is looked up through a key, which is
-- right however many there are, so the planner is told to expect one (ROWS 1); STRICT keeps it
-- from inlining the function, which would have it expect 100 and scan tables of thousands of rows.
CREATE FUNCTION json_each(ids TEXT) RETURNS TABLE (value TEXT)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE ROWS 1
AS $$ SELECT json_array_elements_text(CAST(ids AS json)) $$;
