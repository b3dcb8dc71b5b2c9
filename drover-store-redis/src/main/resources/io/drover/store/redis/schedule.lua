-- Prelude of every schedule script; LuaScript prepends it. All keys share the store's global tag.
-- KEYS: the schedule names (sorted set, score 0), the due index (sorted set of names by next fire
-- time in ms), the schedule's hash. ARGV[1]: the schedule's name, then the script's own arguments.
-- The hash holds the definition (JSON), paused ('1' or '0'), last_fire_at and next_fire_at as
-- ISO-8601 text (exact to the nanosecond, so compare-and-set compares what was written),
-- next_fire_ms for the due index, and last_job_id.
local NAMES, DUE, SCHEDULE, NAME = KEYS[1], KEYS[2], KEYS[3], ARGV[1]

-- Optional values arrive as '' for none.
local function set_or_clear(field, value)
  if value == '' then
    redis.call('HDEL', SCHEDULE, field)
  else
    redis.call('HSET', SCHEDULE, field, value)
  end
end

-- A schedule sits in the due index while it is unpaused and has a next fire time.
local function refile()
  local schedule = redis.call('HMGET', SCHEDULE, 'paused', 'next_fire_ms')
  if schedule[1] == '0' and schedule[2] then
    redis.call('ZADD', DUE, schedule[2], NAME)
  else
    redis.call('ZREM', DUE, NAME)
  end
end
