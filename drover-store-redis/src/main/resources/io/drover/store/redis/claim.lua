-- Claims up to max due jobs of an unpaused queue in claim order. From FIRST_ARG: max, lease end in
-- ms, worker id, promotion limit, lease token floor and step (LeaseTokens: each job's new token is
-- max(token + step, floor), below 2^53 so exact as a Lua number). Returns the claimed ids; the caller reads the jobs with plain
-- HGETALLs, because handing whole hashes back through Lua costs the server several times more.
local max, lease_end, worker = tonumber(ARGV[FIRST_ARG]), ARGV[FIRST_ARG + 1], ARGV[FIRST_ARG + 2]
local token_floor, token_step = tonumber(ARGV[FIRST_ARG + 4]), tonumber(ARGV[FIRST_ARG + 5])
if paused() then
  return {}
end
promote(tonumber(ARGV[FIRST_ARG + 3]))
local popped = redis.call('ZPOPMIN', READY, max)
local claimed = {}
for j = 1, #popped, 2 do
  local id = popped[j]
  local key = job_key(id)
  local job = redis.call('HMGET', key, 'state', 'attempt', 'token', 'run_at')
  if job[1] then
    -- A job never starts before it is due. Each process stamps its calls with its own clock before
    -- sending them, so the call that made this job due (a parent's completion, which sets a step's
    -- run_at to its own finish; a retry now) may carry a time a little after this claim's.
    redis.call('HSET', key, 'state', 'active', 'attempt', int(tonumber(job[2]) + 1), 'token',
      int(math.max(tonumber(job[3]) + token_step, token_floor)), 'started_at',
      int(math.max(NOW, tonumber(job[4]))), 'worker_id', worker)
    count(job[1], -1)
    count('active', 1)
    zadd(LEASES, lease_end, id)
    claimed[#claimed + 1] = id
  end
end
flush()
return claimed
