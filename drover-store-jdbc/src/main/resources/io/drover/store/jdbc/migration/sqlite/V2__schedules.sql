-- Schedules: the definition an operator wrote, as one JSON document (io.drover.schedule
-- .ScheduleJson), beside the fields the scheduler compares and sets. Times are epoch milliseconds.
CREATE TABLE schedules (
  name         TEXT    NOT NULL PRIMARY KEY,
  definition   TEXT    NOT NULL,
  paused       INTEGER NOT NULL,
  last_fire_at INTEGER,
  next_fire_at INTEGER,
  last_job_id  TEXT
) STRICT, WITHOUT ROWID;

-- Schedulers ask which unpaused schedules are due, soonest first.
CREATE INDEX schedules_due ON schedules (next_fire_at) WHERE paused = 0;
