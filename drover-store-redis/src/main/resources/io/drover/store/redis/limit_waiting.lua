-- Tallies a queue's due jobs that a limit governs by rate key, for the limit's status: the count
-- and the earliest run_at of each key. From FIRST_ARG: promotion limit, then the kinds governed
-- (none for every kind). Returns key, count, earliest run_at, per key.
promote(tonumber(ARGV[FIRST_ARG]))
local kinds
if #ARGV > FIRST_ARG then
  kinds = {}
  for k = FIRST_ARG + 1, #ARGV do
    kinds[ARGV[k]] = true
  end
end
local tallies, order = {}, {}
for _, id in ipairs(redis.call('ZRANGE', READY, 0, -1)) do
  local job = redis.call('HMGET', job_key(id), 'kind', 'rate_key', 'run_at')
  if job[1] and (not kinds or kinds[job[1]]) then
    local rate_key = job[2] or ''
    local tally = tallies[rate_key]
    if not tally then
      tally = { 0, tonumber(job[3]) }
      tallies[rate_key] = tally
      order[#order + 1] = rate_key
    end
    tally[1] = tally[1] + 1
    tally[2] = math.min(tally[2], tonumber(job[3]))
  end
end
local answer = {}
for _, rate_key in ipairs(order) do
  answer[#answer + 1] = rate_key
  answer[#answer + 1] = tallies[rate_key][1]
  answer[#answer + 1] = int(tallies[rate_key][2])
end
return answer
