-- Adds or replaces a worker. KEYS: the worker set, the worker's hash. ARGV: worker id, then field,
-- value pairs.
redis.call('DEL', KEYS[2])
redis.call('HSET', KEYS[2], unpack(ARGV, 2))
redis.call('SADD', KEYS[1], ARGV[1])
return 1
