-- Reads, without changing anything, up to max active jobs whose lease ended before now, earliest
-- first, with what the reaper needs to schedule their retry. From FIRST_ARG: max.
-- Returns per job: id, lease end, token, attempt, max attempts, backoff base, backoff max, worker.
local expired = redis.call('ZRANGEBYSCORE', LEASES, '-inf', '(' .. NOW_MS, 'WITHSCORES', 'LIMIT', 0,
  tonumber(ARGV[FIRST_ARG]))
local picked = {}
for j = 1, #expired, 2 do
  local id = expired[j]
  local job = redis.call('HMGET', job_key(id), 'token', 'attempt', 'max_attempts', 'backoff_base',
    'backoff_max', 'worker_id')
  if job[1] then
    picked[#picked + 1] = { id, expired[j + 1], job[1], job[2], job[3], job[4], job[5], job[6] or '' }
  end
end
return picked
