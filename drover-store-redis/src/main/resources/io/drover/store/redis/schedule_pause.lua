-- Pauses ('1') or resumes ('0') a schedule, keeping its next fire time. ARGV after the name: the
-- flag. Returns 1, or 0 when there is none of that name.
if redis.call('EXISTS', SCHEDULE) == 0 then
  return 0
end
redis.call('HSET', SCHEDULE, 'paused', ARGV[2])
refile()
return 1
