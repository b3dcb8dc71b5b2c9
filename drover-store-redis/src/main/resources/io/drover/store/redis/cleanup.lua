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
    delete(id, state)
    deleted[#deleted + 1] = id
  end
end
flush()
return deleted
