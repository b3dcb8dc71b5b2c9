-- Completes a held step that adds steps to its run, both in one call: the steps, checked by
-- PlanCheck against the run as it stood at step_count, go in while the step is still active, so
-- they count it as a pending parent and its completion releases them as it releases the others.
-- From FIRST_ARG: id, token, result (optional text), the run's step_count the plan was checked
-- against, then the steps (run.lua, parse_steps). Answers {'done', id, kind, attempt, 'completed'};
-- {'lost'} when the lease is not held; {'stale'} when steps were added since the check (to check
-- again); {'taken', step name} when a step's job id belongs to a job of the store. Only 'done'
-- writes anything.
local id, token, result, checked_count = unpack(ARGV, FIRST_ARG, FIRST_ARG + 3)
local key = job_key(id)
local is_held, job = held(key, token, 'kind', 'attempt', 'run_id')
if not is_held then
  return { 'lost' }
end
local run_id = job[5]
if redis.call('HGET', run_base(run_id) .. 'run', 'step_count') ~= checked_count then
  return { 'stale' }
end
local steps = parse_steps(FIRST_ARG + 4)
local taken = taken_step(steps)
if taken then
  return { 'taken', taken.name }
end
insert_steps(run_id, steps)
result = optional_text(result)
leave_active(key, id, 'completed', nil, nil, result and { 'result', result } or {}, run_id)
step_ended(run_id, id, QUEUE, 'completed')
flush()
return { 'done', id, job[3], job[4], 'completed' }
