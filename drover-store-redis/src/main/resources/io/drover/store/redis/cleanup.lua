-- Deletes up to budget terminal jobs that finished before their state's cutoff, completed first,
-- then failed, then cancelled, and lets go of the dedup keys they still hold. From FIRST_ARG:
-- budget, then the cutoffs in ms for completed, failed and cancelled. Returns the deleted ids.
local budget = tonumber(ARGV[FIRST_ARG])
local deleted = {}
for n, state in ipairs({ 'completed', 'failed', 'cancelled' }) do
  local left = budget - #deleted
  if left <= 0 then
    break
  end
  local old = redis.call('ZRANGEBYSCORE', FINISHED[state], '-inf', '(' .. ARGV[FIRST_ARG + n],
    'LIMIT', 0, left)
  for _, id in ipairs(old) do
    local key = job_key(id)
    local dedup_key = redis.call('HGET', key, 'dedup_key')
    if dedup_key then
      local dedup = BASE .. 'dedup:' .. dedup_key
      local hold = redis.call('GET', dedup)
      if hold and string.sub(hold, 1, #id + 1) == id .. ' ' then
        redis.call('DEL', dedup)
      end
    end
    redis.call('DEL', key)
    zrem(FINISHED[state], id)
    count(state, -1)
    deleted[#deleted + 1] = id
  end
end
flush()
return deleted
