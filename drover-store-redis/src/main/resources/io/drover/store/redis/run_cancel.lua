-- Cancels every unfinished step of a run (an active one loses its lease, a wait stops its clock);
-- a running run becomes cancelled. From FIRST_ARG: run id. Returns 1 when cancelled now, 0 when
-- no step was unfinished, -1 when there is no such run.
local run_id = ARGV[FIRST_ARG]
local rbase = run_base(run_id)
local run = rbase .. 'run'
local found = redis.call('HMGET', run, 'state', 'unfinished', 'finished_at')
if not found[1] or found[1] == 'creating' then
  return -1
end
if tonumber(found[2]) == 0 then
  return 0
end
for _, entry in ipairs(redis.call('LRANGE', rbase .. 'steps', 0, -1)) do
  local id, queue = split(entry)
  local key = step_key(id, queue)
  local job = redis.call('HMGET', key, 'state', 'armed')
  if not TERMINAL[job[1]] then
    redis.call('HSET', key, 'state', 'cancelled', 'finished_at', NOW_MS)
    move_step(queue, id, job[1], 'cancelled')
    if job[2] == '1' then
      redis.call('HDEL', key, 'armed', 'wake_at')
      zrem(WAITS, entry)
    end
  end
end
redis.call('HSET', run, 'unfinished', 0)
if found[1] == 'running' then
  redis.call('HSET', run, 'state', 'cancelled', 'finished_at', NOW_MS)
end
settle(run_id, run)
flush()
return 1
