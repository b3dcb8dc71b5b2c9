-- Reads every limit at one version, for the caller's cache. ARGV[1]: the global key base
-- "{prefix}:". Returns the version, then per limit (by name): name, generation, and its spec hash
-- as a flat list of fields and values.
local global = ARGV[1]
local answer = { redis.call('GET', global .. 'limits-version') or '0' }
local generations = global .. 'limit-gens'
for _, name in ipairs(redis.call('ZRANGE', global .. 'limits', 0, -1)) do
  answer[#answer + 1] = name
  answer[#answer + 1] = redis.call('HGET', generations, name)
  answer[#answer + 1] = redis.call('HGETALL', global .. 'limit:' .. name)
end
return answer
