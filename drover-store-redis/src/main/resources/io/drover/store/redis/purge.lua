-- One step of a purge: deletes jobs of one state that is not active, walking the index that holds
-- them a bounded stretch per call. A terminal state has a set of its own, whose head is deleted;
-- claimable jobs share delayed and ready, which are walked by ZSCAN, as that reaches every member
-- present from the first call to the last however the set changes in between; delayed goes first,
-- as promotion moves jobs from it into ready. Steps of runs are left alone: they go with their run
-- (no finished index holds them). From FIRST_ARG: state, limit, the index to walk ('' to
-- start, then as returned) and the ZSCAN cursor. Returns the deleted ids, then the index and cursor
-- of the next step, or 'done'.
local state, limit = ARGV[FIRST_ARG], tonumber(ARGV[FIRST_ARG + 1])
local walk, cursor = ARGV[FIRST_ARG + 2], ARGV[FIRST_ARG + 3]
local deleted = {}
if FINISHED[state] then
  for _, id in ipairs(redis.call('ZRANGE', FINISHED[state], 0, limit - 1)) do
    delete(id, state)
    deleted[#deleted + 1] = id
  end
  flush()
  return { deleted, #deleted < limit and 'done' or 'finished', '0' }
end
if walk == '' then
  walk = 'delayed'
end
local scan = redis.call('ZSCAN', walk == 'ready' and READY or DELAYED, cursor, 'COUNT', limit)
local members = scan[2]
for i = 1, #members, 2 do
  local id = members[i]
  local job = redis.call('HMGET', job_key(id), 'state', 'run_id')
  if job[1] == state and not job[2] then
    delete(id, state)
    deleted[#deleted + 1] = id
  end
end
flush()
cursor = scan[1]
if cursor == '0' then
  walk = walk == 'delayed' and 'ready' or 'done'
end
return { deleted, walk, cursor }
