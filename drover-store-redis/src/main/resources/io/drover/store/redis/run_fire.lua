-- Ends up to max armed waits whose time has come, earliest first: a timer completes; a signal that
-- did not arrive completes with its on_timeout result, or fails. One atomic call, so any number of
-- processes may fire at once and each wait ends once. From FIRST_ARG: max. Returns how many ended.
local due = redis.call('ZRANGEBYSCORE', WAITS, '-inf', NOW_MS, 'LIMIT', 0, tonumber(ARGV[FIRST_ARG]))
local fired = 0
for _, entry in ipairs(due) do
  local id, queue = split(entry)
  local key = step_key(id, queue)
  local job = redis.call('HMGET', key, 'armed', 'state', 'wait_signal', 'wait_ms', 'on_timeout',
    'attempt', 'run_id')
  zrem(WAITS, entry)
  if job[1] == '1' and job[2] == 'blocked' then
    local state, failure = 'completed', nil
    if job[3] and not job[5] then
      state = 'failed'
      failure = error_json(job[6],
        "signal '" .. job[3] .. "' did not arrive within " .. job[4] .. ' ms')
    end
    end_blocked(key, id, queue, state, job[5], failure)
    step_ended(job[7], id, queue, state)
    fired = fired + 1
  end
end
flush()
return fired
