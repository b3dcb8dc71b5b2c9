-- Prelude of the scripts that file claimable jobs or end active ones, after common.lua: what limits
-- keep in a queue. Each queue's meta hash carries two flags, read once per queue per call, so a
-- queue no limit ever governed pays one HMGET a call and nothing a job:
--   lanes  '1' while a limit governs the queue: besides ready and delayed, each claimable job is
--          in its lane, lane:<priority>|<kind>|<rate_key>, a sorted set by claim score, and the lanes
--          sorted set orders the lanes by their first job, so a claim passes over a held key in one
--          step, however many jobs it has (claim_limited.lua). Entries of jobs that left are
--          dropped when a claim meets them.
--   slots  '1' once a job of the queue took a limit's slot: such a job's hash lists them in its
--          slots field ("<limit>#<generation>[c]" a line, c when the limit caps concurrency), and
--          whatever ends its attempt gives them back (free_slots).
-- A limit's counters live under {prefix}:limit:<name>:<generation>: (limit_save.lua).
local limit_flag_cache = {}

local function limit_flags(base)
  local flags = limit_flag_cache[base]
  if not flags then
    local meta = redis.call('HMGET', base .. 'meta', 'lanes', 'slots')
    flags = { lanes = meta[1] == '1', slots = meta[2] == '1' }
    limit_flag_cache[base] = flags
  end
  return flags
end

local function lane_name(priority, kind, rate_key)
  return int(priority) .. '|' .. kind .. '|' .. (rate_key or '')
end

-- Puts a claimable job into its lane; score is its claim score.
local function lane_file(base, id, lane, score)
  redis.call('ZADD', base .. 'lane:' .. lane, score, id)
  -- LT: a lane is ordered by its first job; a new lane is added all the same.
  redis.call('ZADD', base .. 'lanes', 'LT', score, lane)
end

-- Files a job that became claimable into its lane, when its queue keeps lanes.
local function lane_add(base, id, priority, score)
  if limit_flags(base).lanes then
    local job = redis.call('HMGET', base .. 'job:' .. id, 'kind', 'rate_key')
    lane_file(base, id, lane_name(priority, job[1], job[2]), score)
  end
end

local function limit_counters(name, generation)
  return GLOBAL .. 'limit:' .. name .. ':' .. generation .. ':'
end

-- Deletes a limit's counters of one generation: active per key, running in all, GCRA arrival times
-- per key (tats), when a slot was last freed, and starts per bucket of its window.
local function drop_limit_counters(name, generation)
  local counters = limit_counters(name, generation)
  redis.call('DEL', counters .. 'active', counters .. 'running', counters .. 'tats',
    counters .. 'freed', counters .. 'starts')
end

-- Gives back the limits' slots an active job of queue holds, as its attempt ends; slots of a limit
-- replaced or deleted since are the old counters', gone with them. A freed concurrency slot wakes
-- the queue: a job it held back may start.
local function free_slots(base, id, queue)
  if not limit_flags(base).slots then
    return
  end
  local key = base .. 'job:' .. id
  local job = redis.call('HMGET', key, 'slots', 'rate_key')
  if not job[1] then
    return
  end
  local generations = GLOBAL .. 'limit-gens'
  for slot in string.gmatch(job[1], '[^\n]+') do
    local name, generation, caps = string.match(slot, '^(.*)#(%d+)(c?)$')
    if redis.call('HGET', generations, name) == generation then
      local counters = limit_counters(name, generation)
      if redis.call('HINCRBY', counters .. 'active', job[2] or '', -1) <= 0 then
        redis.call('HDEL', counters .. 'active', job[2] or '')
      end
      redis.call('DECR', counters .. 'running')
      if caps == 'c' then
        -- The start that takes this slot is stamped no earlier (claim_limited.lua): processes stamp
        -- calls with their own clocks as they send them, and a claim sent before this call may run
        -- after it.
        if tonumber(redis.call('GET', counters .. 'freed') or '0') < NOW then
          redis.call('SET', counters .. 'freed', NOW_MS)
        end
        wake_later(queue)
      end
    end
  end
  redis.call('HDEL', key, 'slots')
end
