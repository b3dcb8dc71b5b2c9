-- Creates or replaces a limit. From FIRST_ARG: name, what it caps ('0' nothing, 'r' a rate only, 'c'
-- concurrency), kind count
-- and kinds, field count and the spec's hash fields and values (LimitHash), then the names of the
-- queues it matches now. A limit is {prefix}:limit:<name> (its spec), its name in {prefix}:limits
-- and its generation in {prefix}:limit-gens: each save takes a new one, the new value of
-- {prefix}:limits-version, which claims check, so counters start afresh (active per key, running
-- in all, GCRA arrival times per key in tats, recent starts) and the governed jobs running now are counted at
-- once. Spans slots, as run scripts do. Returns 1 when created, 0 when replaced.
local name, caps = ARGV[FIRST_ARG], ARGV[FIRST_ARG + 1]
local a = FIRST_ARG + 2
local kinds = {}
local kind_count = tonumber(ARGV[a])
for k = a + 1, a + kind_count do
  kinds[ARGV[k]] = true
end
a = a + kind_count + 1
local field_count = tonumber(ARGV[a])
local fields = { unpack(ARGV, a + 1, a + 2 * field_count) }
a = a + 2 * field_count + 1

local generations, spec = GLOBAL .. 'limit-gens', GLOBAL .. 'limit:' .. name
local old = redis.call('HGET', generations, name)
if old then
  drop_limit_counters(name, old)
end
local generation = redis.call('INCR', GLOBAL .. 'limits-version')
redis.call('HSET', generations, name, generation)
redis.call('DEL', spec)
redis.call('HSET', spec, unpack(fields))
redis.call('ZADD', GLOBAL .. 'limits', 0, name)

local counters = limit_counters(name, generation)
for q = a, #ARGV do
  local queue = ARGV[q]
  local base = queue_base(queue)
  if caps ~= '0' then
    local counted = false
    for _, id in ipairs(redis.call('ZRANGE', base .. 'leases', 0, -1)) do
      local key = base .. 'job:' .. id
      local job = redis.call('HMGET', key, 'kind', 'rate_key', 'slots')
      if job[1] and (kind_count == 0 or kinds[job[1]]) then
        redis.call('HINCRBY', counters .. 'active', job[2] or '', 1)
        redis.call('INCR', counters .. 'running')
        local slots = job[3] and (job[3] .. '\n') or ''
        redis.call('HSET', key, 'slots', slots .. name .. '#' .. generation .. (caps == 'c' and 'c' or ''))
        counted = true
      end
    end
    if counted then
      redis.call('HSET', base .. 'meta', 'slots', '1')
    end
  end
  wake_later(queue)
end
flush()
return old and 0 or 1
