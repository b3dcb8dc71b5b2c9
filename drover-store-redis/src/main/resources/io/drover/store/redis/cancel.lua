-- Cancels a job that is not terminal. From FIRST_ARG: id.
-- Returns 1 when cancelled now, 0 when it was terminal already, -1 when there is no such job.
local id = ARGV[FIRST_ARG]
local key = job_key(id)
local state = redis.call('HGET', key, 'state')
if not state then
  return -1
end
if FINISHED[state] then
  return 0
end
redis.call('HSET', key, 'state', 'cancelled', 'finished_at', NOW_MS)
file(id, state, 'cancelled')
flush()
return 1
