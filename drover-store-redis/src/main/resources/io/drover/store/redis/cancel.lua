-- Cancels a job that is not terminal; a step's run moves on in the same call (run.lua). From
-- FIRST_ARG: id. Returns 1 when cancelled now, 0 when it was terminal already, -1 when there is no
-- such job.
local id = ARGV[FIRST_ARG]
local key = job_key(id)
local job = redis.call('HMGET', key, 'state', 'run_id')
local state = job[1]
if not state then
  return -1
end
if FINISHED[state] then
  return 0
end
redis.call('HSET', key, 'state', 'cancelled', 'finished_at', NOW_MS)
file(id, state, 'cancelled', nil, nil, job[2])
if job[2] then
  step_ended(job[2], id, QUEUE, 'cancelled')
end
flush()
return 1
