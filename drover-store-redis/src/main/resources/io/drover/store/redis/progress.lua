-- Stores progress on held jobs. From FIRST_ARG: id, token, percent, message (optional text) quads.
-- Returns the ids updated.
local updated = {}
for i = FIRST_ARG, #ARGV, 4 do
  local id = ARGV[i]
  local key = job_key(id)
  if held(key, ARGV[i + 1]) then
    local message = optional_text(ARGV[i + 3])
    if message then
      redis.call('HSET', key, 'progress', ARGV[i + 2], 'progress_message', message)
    else
      redis.call('HSET', key, 'progress', ARGV[i + 2])
      redis.call('HDEL', key, 'progress_message')
    end
    updated[#updated + 1] = id
  end
end
return updated
