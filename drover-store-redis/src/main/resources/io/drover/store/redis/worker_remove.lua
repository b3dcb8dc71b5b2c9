-- Removes a worker. KEYS: the worker set, the worker's hash. ARGV: worker id.
redis.call('DEL', KEYS[2])
redis.call('SREM', KEYS[1], ARGV[1])
return 1
