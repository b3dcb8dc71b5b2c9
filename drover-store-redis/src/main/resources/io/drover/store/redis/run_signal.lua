-- Delivers a signal to a run: each of its steps that waits for the signal and is armed completes
-- with the body as its result, and the run moves on. From FIRST_ARG: run id, signal, body.
-- Answers 'delivered', 'not_waiting' (its parents have not finished), 'finished' (it ended
-- already), 'unknown' (no step waits for this signal) or 'no_run'.
local run_id, signal, body = unpack(ARGV, FIRST_ARG, FIRST_ARG + 2)
local rbase = run_base(run_id)
local state = redis.call('HGET', rbase .. 'run', 'state')
if not state or state == 'creating' then
  return 'no_run'
end
local outcome = 'unknown'
for _, entry in ipairs(redis.call('LRANGE', rbase .. 'signal:' .. signal, 0, -1)) do
  local id, queue = split(entry)
  local key = step_key(id, queue)
  local job = redis.call('HMGET', key, 'armed', 'state')
  if job[1] == '1' then
    end_blocked(key, id, queue, 'completed', body)
    step_ended(run_id, id, queue, 'completed')
    outcome = 'delivered'
  elseif outcome ~= 'delivered' then
    outcome = TERMINAL[job[2]] and 'finished' or 'not_waiting'
  end
end
flush()
return outcome
