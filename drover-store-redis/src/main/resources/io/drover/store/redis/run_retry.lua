-- Arms a failed or cancelled run's failed and cancelled steps again: blocked, attempts renewed (as
-- many more as the step was given), then each armed whose parents have all finished; completed
-- steps keep their results. From FIRST_ARG: run id. Returns 1 when retried, 0 when the run is
-- running or completed, -1 when there is no such run.
local run_id = ARGV[FIRST_ARG]
local rbase = run_base(run_id)
local run = rbase .. 'run'
local state = redis.call('HGET', run, 'state')
if not state or state == 'creating' then
  return -1
end
if state == 'running' or state == 'completed' then
  return 0
end
local renewed = {}
for _, entry in ipairs(redis.call('LRANGE', rbase .. 'steps', 0, -1)) do
  local id, queue = split(entry)
  local key = step_key(id, queue)
  local job = redis.call('HMGET', key, 'state', 'attempt', 'step_attempts')
  if job[1] == 'failed' or job[1] == 'cancelled' then
    redis.call('HSET', key, 'state', 'blocked', 'max_attempts',
      int(tonumber(job[2]) + tonumber(job[3])))
    redis.call('HDEL', key, 'finished_at', 'armed', 'wake_at')
    move_step(queue, id, job[1], 'blocked')
    renewed[#renewed + 1] = { id, queue, key }
  end
end
redis.call('ZREM', GLOBAL .. 'runs-settled:' .. state, run_id)
if redis.call('HINCRBY', run, 'unfinished', #renewed) == 0 then
  redis.call('HSET', run, 'state', 'running')
  settle(run_id, run)
else
  redis.call('HSET', run, 'state', 'running')
  redis.call('HDEL', run, 'finished_at')
end
-- Every renewed step is blocked now, so a renewed parent counts as unfinished.
for _, step in ipairs(renewed) do
  local pending = 0
  for parent in string.gmatch(redis.call('HGET', step[3], 'depends_on') or '', '%S+') do
    local parent_state = redis.call('HGET',
      step_key(parent, redis.call('HGET', JOB_QUEUES, parent)), 'state')
    if not TERMINAL[parent_state] then
      pending = pending + 1
    end
  end
  redis.call('HSET', step[3], 'pending', pending)
  step[4] = pending
end
for _, step in ipairs(renewed) do
  if step[4] == 0 then
    arm(step[1], step[2])
  end
end
flush()
return 1
