-- Gives held jobs back without using their attempt: waiting again, run_at unchanged (so due:
-- index() wakes the queue).
-- From FIRST_ARG: id, token pairs. Answers what changed (answer()).
local changed = {}
for i = FIRST_ARG, #ARGV, 2 do
  local id = ARGV[i]
  local key = job_key(id)
  local is_held, job = held(key, ARGV[i + 1], 'priority', 'run_at', 'attempt', 'kind')
  if is_held then
    local attempt = int(math.max(0, tonumber(job[5]) - 1))
    leave_active(key, id, 'waiting', tonumber(job[3]), tonumber(job[4]), { 'attempt', attempt })
    answer(changed, id, job[6], attempt, 'waiting')
  end
end
flush()
return changed
