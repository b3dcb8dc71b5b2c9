-- Completes held jobs. From FIRST_ARG: id, token, result (optional text) triples.
-- Answers what changed (answer()).
local changed = {}
for i = FIRST_ARG, #ARGV, 3 do
  local id = ARGV[i]
  local key = job_key(id)
  local is_held, job = held(key, ARGV[i + 1], 'kind', 'attempt')
  if is_held then
    -- A job completes once, so there is never an older result to clear.
    local result = optional_text(ARGV[i + 2])
    leave_active(key, id, 'completed', nil, nil, result and { 'result', result } or {})
    answer(changed, id, job[3], job[4], 'completed')
  end
end
flush()
return changed
