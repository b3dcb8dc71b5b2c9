-- Limits (flow control): the PostgreSQL migration of the same version says what each table is for.
-- Claims run in SQLite's single write transaction, so counting a limit's active jobs inside one is
-- exact without locks.

CREATE TABLE limits (
  name              TEXT    NOT NULL PRIMARY KEY,
  queues            TEXT    NOT NULL,
  kinds             TEXT    NOT NULL,
  rate_limit        INTEGER,
  rate_per_nanos    INTEGER,
  rate_burst        INTEGER,
  concurrency       INTEGER,
  queue_concurrency INTEGER,
  fair              INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE limit_version (
  id      INTEGER NOT NULL PRIMARY KEY,
  version INTEGER NOT NULL
) STRICT;

CREATE TABLE limit_rates (
  limit_name TEXT    NOT NULL,
  rate_key   TEXT    NOT NULL,
  next_start INTEGER NOT NULL,
  PRIMARY KEY (limit_name, rate_key)
) STRICT, WITHOUT ROWID;

CREATE INDEX limit_rates_next_start ON limit_rates (limit_name, next_start);

CREATE TABLE fair_turns (
  queue  TEXT    NOT NULL,
  lane   TEXT    NOT NULL,
  served INTEGER NOT NULL,
  PRIMARY KEY (queue, lane)
) STRICT, WITHOUT ROWID;

CREATE INDEX fair_turns_served ON fair_turns (queue, served);

CREATE INDEX jobs_lanes ON jobs (queue, kind || ' ' || COALESCE(rate_key, ''), priority DESC, run_at, id)
  WHERE state IN ('waiting', 'scheduled', 'retrying');
