-- Counts a run's steps per state, as state, count pairs. KEYS: the run's steps list. ARGV: key
-- prefix. Read only.
local counts, states = {}, {}
for _, entry in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do
  local id, queue = string.sub(entry, 1, 36), string.sub(entry, 38)
  local state = redis.call('HGET', '{' .. ARGV[1] .. ':' .. queue .. '}:job:' .. id, 'state')
  if state then
    if not counts[state] then
      states[#states + 1] = state
      counts[state] = 0
    end
    counts[state] = counts[state] + 1
  end
end
local pairs_out = {}
for _, state in ipairs(states) do
  pairs_out[#pairs_out + 1] = state
  pairs_out[#pairs_out + 1] = counts[state]
end
return pairs_out
