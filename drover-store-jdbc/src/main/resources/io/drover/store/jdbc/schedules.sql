-- Schedules, the same on every JDBC database. The scheduler's compare-and-set is advance_schedule:
-- it applies only while next_fire_at is still what the scheduler read.

-- name: save_schedule
INSERT INTO schedules (name, definition, paused, last_fire_at, next_fire_at, last_job_id)
VALUES (:name, :definition, :paused, :last_fire_at, :next_fire_at, :last_job_id)
ON CONFLICT (name) DO UPDATE
  SET definition = excluded.definition, paused = excluded.paused,
      last_fire_at = excluded.last_fire_at, next_fire_at = excluded.next_fire_at,
      last_job_id = excluded.last_job_id;

-- name: get_schedule
SELECT * FROM schedules WHERE name = :name;

-- name: list_schedules
SELECT * FROM schedules ORDER BY name;

-- name: delete_schedule
DELETE FROM schedules WHERE name = :name;

-- name: pause_schedule
UPDATE schedules SET paused = :paused WHERE name = :name;

-- name: due_schedules
SELECT * FROM schedules
WHERE paused = 0 AND next_fire_at <= :now
ORDER BY next_fire_at, name
LIMIT :limit;

-- name: advance_schedule
UPDATE schedules
SET last_fire_at = :last_fire_at, next_fire_at = :next_fire_at, last_job_id = :last_job_id
WHERE name = :name AND next_fire_at = :expected;
