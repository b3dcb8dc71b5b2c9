-- Gives held jobs back without using their attempt: waiting again, run_at unchanged.
-- From FIRST_ARG: id, token pairs. Returns the ids released.
local released = {}
for i = FIRST_ARG, #ARGV, 2 do
  local id = ARGV[i]
  local key = job_key(id)
  local is_held, job = held(key, ARGV[i + 1], 'priority', 'run_at', 'attempt')
  if is_held then
    local attempt = int(math.max(0, tonumber(job[5]) - 1))
    leave_active(key, id, 'waiting', tonumber(job[3]), tonumber(job[4]), { 'attempt', attempt })
    released[#released + 1] = id
  end
end
flush()
if #released > 0 then
  wake()
end
return released
