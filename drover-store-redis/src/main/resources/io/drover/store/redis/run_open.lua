-- Opens a run whose steps run_stage.lua staged, all of them: lists and counts its steps, arms its
-- roots (the steps without parents), and makes it running (completed at once without steps), in
-- one call, so no crash leaves it open with roots never armed. From FIRST_ARG: run id, and how
-- many steps it must hold. Answers 'created'; 'exists' when it is open already
-- (another create of the same run opened it); 'incomplete' when not every step is staged (a chunk
-- was refused), leaving it as it is.
local run_id, expected = ARGV[FIRST_ARG], ARGV[FIRST_ARG + 1]
local rbase = run_base(run_id)
local run = rbase .. 'run'
local found = redis.call('HMGET', run, 'state', 'step_count')
if found[1] and found[1] ~= 'creating' then
  return 'exists'
end
if found[2] ~= expected then
  return 'incomplete'
end
redis.call('HSET', run, 'state', 'running', 'created_at', NOW_MS)
redis.call('ZADD', GLOBAL .. 'runs', 0, run_id)
local index = {}
for _, entry in ipairs(redis.call('LRANGE', rbase .. 'steps', 0, -1)) do
  local id, queue = split(entry)
  index[#index + 1] = 0
  index[#index + 1] = id
  count_at(queue_base(queue) .. 'counts', 'blocked', 1)
end
bulk('ZADD', GLOBAL .. 'jobs', index, 2)
for _, entry in ipairs(redis.call('LRANGE', rbase .. 'roots', 0, -1)) do
  arm(split(entry))
end
redis.call('DEL', rbase .. 'roots')
if #index == 0 then
  settle(run_id, run)
end
flush()
return 'created'
