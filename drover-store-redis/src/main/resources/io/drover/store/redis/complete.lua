-- Completes held jobs; a step's run moves on in the same call (run.lua). From FIRST_ARG: id, token,
-- result (optional text) triples. Answers what changed (answer()).
local changed = {}
for i = FIRST_ARG, #ARGV, 3 do
  local id = ARGV[i]
  local key = job_key(id)
  local is_held, job = held(key, ARGV[i + 1], 'kind', 'attempt', 'run_id')
  if is_held then
    -- A job completes once, so there is never an older result to clear.
    local result = optional_text(ARGV[i + 2])
    leave_active(key, id, 'completed', nil, nil, result and { 'result', result } or {}, job[5])
    answer(changed, id, job[3], job[4], 'completed')
    if job[5] then
      step_ended(job[5], id, QUEUE, 'completed')
    end
  end
end
flush()
return changed
