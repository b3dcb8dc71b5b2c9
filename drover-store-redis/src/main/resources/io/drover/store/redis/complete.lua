-- Completes held jobs. From FIRST_ARG: id, token, result (optional text) triples.
-- Returns the ids completed.
local done = {}
for i = FIRST_ARG, #ARGV, 3 do
  local id = ARGV[i]
  local key = job_key(id)
  if held(key, ARGV[i + 1]) then
    -- A job completes once, so there is never an older result to clear.
    local result = optional_text(ARGV[i + 2])
    leave_active(key, id, 'completed', nil, nil, result and { 'result', result } or {})
    done[#done + 1] = id
  end
end
flush()
return done
