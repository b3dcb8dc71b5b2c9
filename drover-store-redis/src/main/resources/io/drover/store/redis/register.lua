-- Claims job ids before their jobs are written, so that an id is one job store-wide even though
-- each queue lives in its own hash slot. KEYS: the id index (sorted set of ids at score 0, in id
-- order), the id-to-queue hash, the queue registry. ARGV: id, queue pairs.
-- Answers per pair: '' when the id is new (now registered), else the queue that holds it.
-- Bulk commands only: a call per job would cost the server several times more.
local ids = {}
for i = 1, #ARGV, 2 do
  ids[#ids + 1] = ARGV[i]
end
local holders = redis.call('HMGET', KEYS[2], unpack(ids))
local answers, fresh, members, queues, seen = {}, {}, {}, {}, {}
for n, id in ipairs(ids) do
  local queue = ARGV[2 * n]
  local holder = holders[n] or seen[id]
  if holder then
    answers[n] = holder
  else
    answers[n] = ''
    seen[id] = queue
    fresh[#fresh + 1] = id
    fresh[#fresh + 1] = queue
    members[#members + 1] = 0
    members[#members + 1] = id
    if not queues[queue] then
      queues[queue] = true
      redis.call('SADD', KEYS[3], queue)
    end
  end
end
if #fresh > 0 then
  redis.call('HSET', KEYS[2], unpack(fresh))
  redis.call('ZADD', KEYS[1], unpack(members))
end
return answers
