-- Runs (workflows): a run, and its steps beside their jobs. A step's job is an ordinary row of jobs
-- (run_id set, depends_on its parents' job ids) that workers claim like any other; what makes it a
-- step lives here, one steps row per step, so plain jobs pay nothing for runs. The PostgreSQL
-- migration of the same version says what each column is for; SQLite's single writer needs no row
-- locks to keep the counters right.

CREATE TABLE runs (
  id          TEXT    NOT NULL PRIMARY KEY,
  name        TEXT    NOT NULL,
  input       TEXT    NOT NULL,
  state       TEXT    NOT NULL,
  max_steps   INTEGER NOT NULL,
  step_count  INTEGER NOT NULL,
  unfinished  INTEGER NOT NULL,
  created_at  INTEGER NOT NULL,
  finished_at INTEGER
) STRICT, WITHOUT ROWID;

-- Retention finds finished runs by age, and keeps those with no step left unfinished.
CREATE INDEX runs_finished ON runs (finished_at) WHERE finished_at IS NOT NULL;

CREATE TABLE steps (
  job_id       TEXT    NOT NULL PRIMARY KEY,
  run_id       TEXT    NOT NULL,
  name         TEXT    NOT NULL,
  position     INTEGER NOT NULL,
  optional     INTEGER NOT NULL,
  run_on       TEXT    NOT NULL,
  max_attempts INTEGER NOT NULL,
  wait_kind    TEXT,
  wait_signal  TEXT,
  wait_ms      INTEGER,
  on_timeout   TEXT,
  children     TEXT    NOT NULL,
  pending      INTEGER NOT NULL,
  armed        INTEGER NOT NULL,
  wake_at      INTEGER
) STRICT, WITHOUT ROWID;

-- A run's steps in creation order: the run as shown, and the run removed whole.
CREATE INDEX steps_run ON steps (run_id, position);

-- Armed waits with a deadline, soonest first; nothing else is indexed.
CREATE INDEX steps_wake ON steps (wake_at) WHERE wake_at IS NOT NULL;

-- The steps of a run waiting for a signal of a given name.
CREATE INDEX steps_signal ON steps (run_id, wait_signal) WHERE wait_signal IS NOT NULL;
