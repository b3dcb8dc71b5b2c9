-- Makes a scheduled, retrying, failed or cancelled job waiting and due now; one with no attempts
-- left gets one more. A finished step is retried only with its run. From FIRST_ARG: id.
-- Returns 1 when moved, 0 when its state does not allow it, -1 when there is no such job, -2 when
-- it is a finished step of a run.
local RETRYABLE = { scheduled = true, retrying = true, failed = true, cancelled = true }
local id = ARGV[FIRST_ARG]
local key = job_key(id)
local job = redis.call('HMGET', key, 'state', 'attempt', 'max_attempts', 'priority', 'run_id')
if not job[1] then
  return -1
end
if not RETRYABLE[job[1]] then
  return 0
end
if job[5] and FINISHED[job[1]] then
  return -2
end
local max_attempts = int(math.max(tonumber(job[3]), tonumber(job[2]) + 1))
redis.call('HSET', key, 'state', 'waiting', 'run_at', NOW_MS, 'max_attempts', max_attempts)
redis.call('HDEL', key, 'finished_at')
file(id, job[1], 'waiting', tonumber(job[4]), NOW)
flush()
wake()
return 1
