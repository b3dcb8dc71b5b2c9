-- Limits (flow control): stored rules that claims enforce, shared by every process on the schema.
-- What a limit counts is read from jobs at claim time (its governed active jobs), so every end of an
-- attempt frees its slot without a counter to keep; only what jobs cannot tell is kept here: each
-- key's next allowed start under a rate, and which key a fair queue served last.

-- One row per limit. queues and kinds are JSON arrays of text (queue globs as written); the rate is
-- its three numbers, or all null. Claims cache the rows and re-read them when limit_version moves.
CREATE TABLE limits (
  name              TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  queues            TEXT    NOT NULL,
  kinds             TEXT    NOT NULL,
  rate_limit        INTEGER,
  rate_per_nanos    BIGINT,
  rate_burst        INTEGER,
  concurrency       INTEGER,
  queue_concurrency INTEGER,
  fair              INTEGER NOT NULL,
  updated_at        BIGINT  NOT NULL
);

-- At most one row (id 1), moved in the transaction of every change to limits; a claim compares it
-- with the version it cached, so a change takes effect at every process's next claim. No row reads
-- as version 0.
CREATE TABLE limit_version (
  id      INTEGER NOT NULL PRIMARY KEY,
  version BIGINT  NOT NULL
);

-- A rate's state per key: the next start it allows (GCRA's theoretical arrival time), in epoch
-- microseconds. A key without a row, or whose next start has passed, is rested; cleanup drops
-- those rows, so the table holds only keys that started within the last window.
CREATE TABLE limit_rates (
  limit_name TEXT COLLATE "C" NOT NULL,
  rate_key   TEXT   NOT NULL,
  next_start BIGINT NOT NULL,
  PRIMARY KEY (limit_name, rate_key)
);

CREATE INDEX limit_rates_next_start ON limit_rates (limit_name, next_start);

-- A fair queue's turns: per lane (a kind and a key, as "kind rate_key"), a counter of the claim that
-- last served it; the lane served longest ago goes first. Lanes without claimable jobs are dropped by
-- cleanup, so one that comes back queues at the front.
CREATE TABLE fair_turns (
  queue  TEXT COLLATE "C" NOT NULL,
  lane   TEXT   NOT NULL,
  served BIGINT NOT NULL,
  PRIMARY KEY (queue, lane)
);

CREATE INDEX fair_turns_served ON fair_turns (queue, served);

-- A queue's claimable jobs by lane ("kind rate_key", as fair_turns names it; kinds hold no space),
-- each lane in claim order. A claim under limits steps from lane to lane through it, one probe per
-- lane, and takes each lane's first due job: a key held back costs one probe however many jobs it
-- has waiting. Only claimable jobs are indexed, like jobs_claimable.
CREATE INDEX jobs_lanes ON jobs (queue, (kind || ' ' || COALESCE(rate_key, '')), priority DESC, run_at, id)
  WHERE state IN ('waiting', 'scheduled', 'retrying');
