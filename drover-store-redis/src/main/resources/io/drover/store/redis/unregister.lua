-- Forgets ids of one queue whose jobs are gone (deleted by cleanup, or never written because a
-- de-duplication key turned them away). KEYS: the id index, the id-to-queue hash. ARGV: the
-- queue, then ids; an id registered to another queue is left alone.
local queue = ARGV[1]
local ids = { unpack(ARGV, 2) }
local holders = redis.call('HMGET', KEYS[2], unpack(ids))
local gone = {}
for n, id in ipairs(ids) do
  if holders[n] == queue then
    gone[#gone + 1] = id
  end
end
if #gone > 0 then
  redis.call('HDEL', KEYS[2], unpack(gone))
  redis.call('ZREM', KEYS[1], unpack(gone))
end
return #gone
