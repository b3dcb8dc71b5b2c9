-- Records a scheduler's fire, only if the next fire time is still the one it read (compare-and-set:
-- of several schedulers acting on one fire, one wins). ARGV after the name: expected next_fire_at,
-- then last_fire_at, next_fire_at, next_fire_ms, last_job_id (optional ones '' for none).
-- Returns 1 when advanced, 0 otherwise.
if redis.call('EXISTS', SCHEDULE) == 0 then
  return 0
end
if (redis.call('HGET', SCHEDULE, 'next_fire_at') or '') ~= ARGV[2] then
  return 0
end
set_or_clear('last_fire_at', ARGV[3])
set_or_clear('next_fire_at', ARGV[4])
set_or_clear('next_fire_ms', ARGV[5])
set_or_clear('last_job_id', ARGV[6])
refile()
return 1
