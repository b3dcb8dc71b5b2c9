-- Records a registered worker's heartbeat; an unregistered one stays unregistered.
-- KEYS: the worker's hash. ARGV: running count, heartbeat time in ms.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
redis.call('HSET', KEYS[1], 'running', ARGV[1], 'last_heartbeat', ARGV[2])
return 1
