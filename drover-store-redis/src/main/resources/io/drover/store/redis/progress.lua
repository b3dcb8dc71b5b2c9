-- Stores progress on held jobs. From FIRST_ARG: id, token, percent, message (optional text) quads.
-- Answers what changed (answer()): the jobs stay active.
local changed = {}
for i = FIRST_ARG, #ARGV, 4 do
  local id = ARGV[i]
  local key = job_key(id)
  local is_held, job = held(key, ARGV[i + 1], 'kind', 'attempt')
  if is_held then
    local message = optional_text(ARGV[i + 3])
    if message then
      redis.call('HSET', key, 'progress', ARGV[i + 2], 'progress_message', message)
    else
      redis.call('HSET', key, 'progress', ARGV[i + 2])
      redis.call('HDEL', key, 'progress_message')
    end
    answer(changed, id, job[3], job[4], 'active')
  end
end
return changed
