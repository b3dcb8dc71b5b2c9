-- Reads the parents of a step: per parent its step name, state and result ('' for none, else '='
-- and the JSON), in depends_on order; nothing for a plain job or one that is gone. KEYS: the
-- id-to-queue hash. ARGV: key prefix, job id. Read only.
local PREFIX, JOB_QUEUES = ARGV[1], KEYS[1]
local function job_key(id)
  local queue = redis.call('HGET', JOB_QUEUES, id)
  return queue and ('{' .. PREFIX .. ':' .. queue .. '}:job:' .. id)
end
local key = job_key(ARGV[2])
local depends_on = key and redis.call('HGET', key, 'depends_on')
local parents = {}
for parent in string.gmatch(depends_on or '', '%S+') do
  local parent_key = job_key(parent)
  if parent_key then
    local job = redis.call('HMGET', parent_key, 'step', 'state', 'result')
    parents[#parents + 1] = job[1]
    parents[#parents + 1] = job[2]
    parents[#parents + 1] = job[3] and ('=' .. job[3]) or ''
  end
end
return parents
