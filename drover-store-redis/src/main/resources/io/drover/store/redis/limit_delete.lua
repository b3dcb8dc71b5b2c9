-- Deletes a limit, its counters with it (limit_save.lua), and wakes the queues it matched: jobs it
-- held back may start. From FIRST_ARG: name, then the names of the queues it matches. Slots its
-- running jobs hold are given back to nothing (free_slots checks the generation). Returns 1 when
-- deleted, 0 when there was none.
local name = ARGV[FIRST_ARG]
local generations = GLOBAL .. 'limit-gens'
local old = redis.call('HGET', generations, name)
if not old then
  return 0
end
drop_limit_counters(name, old)
redis.call('DEL', GLOBAL .. 'limit:' .. name)
redis.call('HDEL', generations, name)
redis.call('ZREM', GLOBAL .. 'limits', name)
redis.call('INCR', GLOBAL .. 'limits-version')
for q = FIRST_ARG + 1, #ARGV do
  wake_later(ARGV[q])
end
flush()
return 1
