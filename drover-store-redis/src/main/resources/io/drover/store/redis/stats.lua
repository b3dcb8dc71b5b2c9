-- Reads one queue's numbers without changing anything: '1' or '0' for paused, the state counts
-- as field, value pairs, and the run_at in ms of the oldest due claimable job ('' for none). That
-- job heads one of the ready set's priority bands or, not yet promoted, the delayed set.
local oldest = nil
for band = 0, MAX_PRIORITY - 1 do
  local head = redis.call('ZRANGEBYSCORE', READY, int(band * BAND), '(' .. int((band + 1) * BAND),
    'LIMIT', 0, 1)
  if head[1] then
    local run_at = tonumber(redis.call('HGET', job_key(head[1]), 'run_at'))
    if run_at and (not oldest or run_at < oldest) then
      oldest = run_at
    end
  end
end
local due = redis.call('ZRANGEBYSCORE', DELAYED, '-inf', NOW_MS, 'LIMIT', 0, 1, 'WITHSCORES')
if due[2] and (not oldest or tonumber(due[2]) < oldest) then
  oldest = tonumber(due[2])
end
return { paused() and '1' or '0', redis.call('HGETALL', COUNTS), oldest and int(oldest) or '' }
