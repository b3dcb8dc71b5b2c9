-- Stages a chunk of a new run's steps, checked by PlanCheck: the run exists as 'creating', which
-- no reader, listing or other run script sees, its steps written and their ids reserved, until
-- run_open.lua opens it once every chunk is in. Chunks keep each call short (a run of 10,000 steps
-- in one call would hold the server for a third of a second); a create retried after a crash
-- finds the chunks it staged and skips them. From FIRST_ARG: run id, name, input, max steps, then
-- the chunk's steps (run.lua, parse_steps). Answers {'staged'}; {'exists'} when a run with this id
-- exists already (nothing is written); {'taken', step name} when a step's job id belongs to another
-- job of the store (nothing of this chunk is written: the caller aborts what earlier chunks
-- staged, run_delete.lua).
local run_id, name, input, max_steps = unpack(ARGV, FIRST_ARG, FIRST_ARG + 3)
local run = run_base(run_id) .. 'run'
local state = redis.call('HGET', run, 'state')
if state and state ~= 'creating' then
  return { 'exists' }
end
local steps = parse_steps(FIRST_ARG + 4)
local taken = taken_step(steps, run_id)
if taken then
  return { 'taken', taken.name }
end
if not state then
  redis.call('HSET', run, 'id', run_id, 'name', name, 'input', input, 'state', 'creating',
    'max_steps', max_steps, 'step_count', 0, 'unfinished', 0)
end
insert_steps(run_id, steps, true)
return { 'staged' }
