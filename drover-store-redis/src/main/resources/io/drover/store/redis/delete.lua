-- Deletes a job that is not active; a step goes only with its run. From FIRST_ARG: id.
-- Returns 1 when deleted, 0 when it is active, -1 when there is no such job, -2 when it is a step.
local id = ARGV[FIRST_ARG]
local job = redis.call('HMGET', job_key(id), 'state', 'run_id')
if not job[1] then
  return -1
end
if job[2] then
  return -2
end
if job[1] == 'active' then
  return 0
end
delete(id, job[1])
flush()
return 1
