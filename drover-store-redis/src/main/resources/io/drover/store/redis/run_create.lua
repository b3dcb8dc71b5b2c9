-- Creates a run with its steps, checked by PlanCheck, in one call: nothing of it is seen half
-- written. From FIRST_ARG: run id, name, input, max steps, then the steps (run.lua, parse_steps).
-- Answers {'created'}, {'exists'} when a run has this id (nothing is written), or {'taken', step
-- name} when a step's job id belongs to a job of the store (nothing is written).
local run_id, name, input, max_steps = unpack(ARGV, FIRST_ARG, FIRST_ARG + 3)
local run = run_base(run_id) .. 'run'
if redis.call('EXISTS', run) == 1 then
  return { 'exists' }
end
local steps = parse_steps(FIRST_ARG + 4)
local taken = taken_step(steps)
if taken then
  return { 'taken', taken.name }
end
redis.call('HSET', run, 'id', run_id, 'name', name, 'input', input, 'state', 'running',
  'max_steps', max_steps, 'step_count', 0, 'unfinished', 0, 'created_at', NOW_MS)
redis.call('ZADD', GLOBAL .. 'runs', 0, run_id)
if #steps == 0 then
  settle(run_id, run)
else
  insert_steps(run_id, steps)
end
flush()
return { 'created' }
