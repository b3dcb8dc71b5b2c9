-- Creates or replaces a schedule. ARGV after the name: definition, paused, last_fire_at,
-- next_fire_at, next_fire_ms, last_job_id (optional ones '' for none).
redis.call('DEL', SCHEDULE)
redis.call('HSET', SCHEDULE, 'definition', ARGV[2], 'paused', ARGV[3])
set_or_clear('last_fire_at', ARGV[4])
set_or_clear('next_fire_at', ARGV[5])
set_or_clear('next_fire_ms', ARGV[6])
set_or_clear('last_job_id', ARGV[7])
redis.call('ZADD', NAMES, 0, NAME)
refile()
return 1
