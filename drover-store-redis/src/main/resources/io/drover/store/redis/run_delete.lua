-- Deletes a settled run whole: its steps' jobs (hash, count, id registration), its edges and
-- signal lists, the run and its index entries; nothing of it is left behind, and no step goes
-- before it. Or, aborting a create, a run still being created (run_stage.lua), whose steps are
-- neither counted nor listed yet. From FIRST_ARG: run id, then 'abort' or 'settled' for which of
-- the two to delete. Returns how many step jobs it deleted, -1 when there is no such run, -2 when
-- the run is not in the state asked for.
local run_id, asked = ARGV[FIRST_ARG], ARGV[FIRST_ARG + 1]
local rbase = run_base(run_id)
local run = rbase .. 'run'
local found = redis.call('HMGET', run, 'state', 'unfinished')
local creating = found[1] == 'creating'
if not found[1] then
  return -1
elseif asked == 'abort' then
  if not creating then
    return -2
  end
elseif creating then
  return -1 -- not a run yet, for anyone but its creator
elseif found[1] == 'running' or tonumber(found[2]) ~= 0 then
  return -2
end
local entries = redis.call('LRANGE', rbase .. 'steps', 0, -1)
local ids, keys = {}, { run, rbase .. 'steps', rbase .. 'names', rbase .. 'roots' }
for _, entry in ipairs(entries) do
  local id, queue = split(entry)
  local key = step_key(id, queue)
  local job = redis.call('HMGET', key, 'state', 'wait_signal')
  if not creating then
    count_at(queue_base(queue) .. 'counts', job[1], -1)
  end
  ids[#ids + 1] = id
  keys[#keys + 1] = key
  keys[#keys + 1] = rbase .. 'children:' .. id
  if job[2] then
    keys[#keys + 1] = rbase .. 'signal:' .. job[2]
  end
end
for i = 1, #keys, BULK do
  redis.call('DEL', unpack(keys, i, math.min(#keys, i + BULK - 1)))
end
bulk('HDEL', JOB_QUEUES, ids, 1)
bulk('ZREM', GLOBAL .. 'jobs', ids, 1)
redis.call('ZREM', GLOBAL .. 'runs', run_id)
redis.call('ZREM', GLOBAL .. 'runs-settled:' .. found[1], run_id)
flush()
return #entries
