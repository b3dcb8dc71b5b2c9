-- Deletes a job that is not active. From FIRST_ARG: id.
-- Returns 1 when deleted, 0 when it is active, -1 when there is no such job.
local id = ARGV[FIRST_ARG]
local state = redis.call('HGET', job_key(id), 'state')
if not state then
  return -1
end
if state == 'active' then
  return 0
end
delete(id, state)
flush()
return 1
