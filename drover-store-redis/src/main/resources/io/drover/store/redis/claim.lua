-- Claims up to max due jobs of an unpaused queue in claim order. From FIRST_ARG: max, lease end in
-- ms, worker id, promotion limit, lease token floor and step (LeaseTokens: each job's new token is
-- max(token + step, floor), below 2^53 so exact as a Lua number), the limits' version the caller
-- read, whether the queue is fair ('1'), then the limits capping it (claim_limited.lua). Returns
-- the claimed ids, or {'stale'} when the limits changed since the caller read them; the caller
-- reads the jobs with plain HGETALLs, because handing whole hashes back through Lua costs the
-- server several times more.
local max, lease_end, worker = tonumber(ARGV[FIRST_ARG]), ARGV[FIRST_ARG + 1], ARGV[FIRST_ARG + 2]
local token_floor, token_step = tonumber(ARGV[FIRST_ARG + 4]), tonumber(ARGV[FIRST_ARG + 5])
if (redis.call('GET', GLOBAL .. 'limits-version') or '0') ~= ARGV[FIRST_ARG + 6] then
  return { 'stale' }
end
if paused() then
  return {}
end
promote(tonumber(ARGV[FIRST_ARG + 3]))
local fair, limits = ARGV[FIRST_ARG + 7] == '1', read_limits(FIRST_ARG + 8)
local function start_job(id, floor)
  return start(id, lease_end, worker, token_floor, token_step, floor or 0)
end
local claimed = {}
if fair or #limits > 0 then
  if not limit_flags(BASE).lanes then
    build_lanes()
  end
  claimed = claim_by_lane(max, limits, fair, start_job)
else
  if limit_flags(BASE).lanes then
    drop_lanes()
  end
  local popped = redis.call('ZPOPMIN', READY, max)
  for j = 1, #popped, 2 do
    if start_job(popped[j]) then
      claimed[#claimed + 1] = popped[j]
    end
  end
end
flush()
return claimed
