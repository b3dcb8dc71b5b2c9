-- Prelude of every per-queue script; LuaScript prepends it. All keys share the queue's hash tag.
-- A job's lease end is its score in leases, kept nowhere else.
-- KEYS: ready, delayed, leases, counts, meta, finished:completed, finished:failed,
-- finished:cancelled (QueueKeys.scriptKeys). ARGV: key base "{prefix:queue}:", now in epoch ms,
-- queue name, wake-up channel, then the script's own arguments from FIRST_ARG on.
local BASE, NOW_MS, QUEUE, CHANNEL = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local NOW = tonumber(NOW_MS)
local FIRST_ARG = 5
local READY, DELAYED, LEASES, COUNTS, META = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local FINISHED = { completed = KEYS[6], failed = KEYS[7], cancelled = KEYS[8] }

-- Claim order as one exact integer score: priority bands, highest priority in the lowest band,
-- then run_at inside the band; members with equal scores sort by id, which is the port's order.
-- Bands are 2^48 ms wide and run_at is offset by 2^47, so about 4,400 years either side of 1970
-- fit; ten bands stay below 2^53, where doubles stop being exact.
local BAND = 281474976710656
local RUN_AT_OFFSET = 140737488355328
local MAX_PRIORITY = 10

-- Most of a script's cost is the number of redis.call()s, so a call over many jobs gathers its
-- counter changes and sorted-set members here and writes them once at the end (flush). Each job
-- changes state at most once per call, so removing before adding is always right.
local count_changes, set_adds, set_removes = {}, {}, {}
local BULK = 500

local function int(n)
  return string.format('%.0f', n)
end

local function job_key(id)
  return BASE .. 'job:' .. id
end

local function claim_score(priority, run_at)
  local t = math.min(math.max(run_at, -RUN_AT_OFFSET), RUN_AT_OFFSET - 1)
  return int((MAX_PRIORITY - priority) * BAND + t + RUN_AT_OFFSET)
end

local function count(state, delta)
  count_changes[state] = (count_changes[state] or 0) + delta
end

local function zadd(key, score, member)
  local members = set_adds[key] or {}
  set_adds[key] = members
  members[#members + 1] = score
  members[#members + 1] = member
end

local function zrem(key, member)
  local members = set_removes[key] or {}
  set_removes[key] = members
  members[#members + 1] = member
end

-- Calls command once per BULK items of list (unpack is bounded by Lua's stack).
local function bulk(command, key, list, step)
  for i = 1, #list, BULK * step do
    redis.call(command, key, unpack(list, i, math.min(#list, i + BULK * step - 1)))
  end
end

local function flush()
  for key, members in pairs(set_removes) do
    bulk('ZREM', key, members, 1)
  end
  for key, members in pairs(set_adds) do
    bulk('ZADD', key, members, 2)
  end
  for state, delta in pairs(count_changes) do
    if delta ~= 0 then
      redis.call('HINCRBY', COUNTS, state, delta)
    end
  end
end

local function paused()
  return redis.call('HGET', META, 'paused') == '1'
end

local function wake()
  redis.call('PUBLISH', CHANNEL, QUEUE)
end

-- Takes a job out of the one index its state keeps it in.
local function unindex(id, state)
  if state == 'active' then
    zrem(LEASES, id)
  elseif FINISHED[state] then
    zrem(FINISHED[state], id)
  else
    zrem(READY, id)
    zrem(DELAYED, id)
  end
end

-- Puts a job into the index its state keeps it in (active jobs go by lease, see claim.lua). A
-- claimable job waits in ready once due, else in delayed until a claim promotes it.
local function index(id, state, priority, run_at)
  if FINISHED[state] then
    zadd(FINISHED[state], NOW_MS, id)
  elseif run_at <= NOW then
    zadd(READY, claim_score(priority, run_at), id)
  else
    zadd(DELAYED, int(run_at), id)
  end
end

-- Moves a job's counts and index entry from one state to another that is not active.
local function file(id, from, to, priority, run_at)
  unindex(id, from)
  count(from, -1)
  count(to, 1)
  index(id, to, priority, run_at)
end

-- Deletes a job that is not active: its hash, index entry and count, and the dedup key it still
-- holds (a later job may have taken the key since). The caller unregisters the id afterwards
-- (unregister.lua), as the id index lives in another slot.
local function delete(id, state)
  local key = job_key(id)
  local dedup_key = redis.call('HGET', key, 'dedup_key')
  if dedup_key then
    local dedup = BASE .. 'dedup:' .. dedup_key
    local hold = redis.call('GET', dedup)
    if hold and string.sub(hold, 1, #id + 1) == id .. ' ' then
      redis.call('DEL', dedup)
    end
  end
  redis.call('DEL', key)
  unindex(id, state)
  count(state, -1)
end

-- Moves due delayed jobs into ready, earliest first, at most limit of them per call so that one
-- burst of due jobs never stalls the server. Writes at once: a claim reads ready right after.
local function promote(limit)
  local due = redis.call('ZRANGEBYSCORE', DELAYED, '-inf', NOW_MS, 'LIMIT', 0, limit)
  local scored = {}
  for _, id in ipairs(due) do
    local job = redis.call('HMGET', job_key(id), 'priority', 'run_at')
    if job[1] then
      scored[#scored + 1] = claim_score(tonumber(job[1]), tonumber(job[2]))
      scored[#scored + 1] = id
    end
  end
  bulk('ZREM', DELAYED, due, 1)
  bulk('ZADD', READY, scored, 2)
end

-- Reads fields of a job and tells whether it is active under exactly this lease token (the
-- fencing check). The first two fields asked for must be state and token.
local function held(key, token, ...)
  local job = redis.call('HMGET', key, 'state', 'token', ...)
  return job[1] == 'active' and job[2] == token, job
end

-- A held job leaves active for `to`: 'completed' or 'failed' (finished now), or 'waiting' or
-- 'retrying' (claimable at run_at). fields are more field, value pairs to set with the state.
local function leave_active(key, id, to, priority, run_at, fields)
  if FINISHED[to] then
    redis.call('HSET', key, 'state', to, 'finished_at', NOW_MS, unpack(fields))
  else
    redis.call('HSET', key, 'state', to, 'run_at', int(run_at), unpack(fields))
  end
  file(id, 'active', to, priority, run_at)
end

-- Adds what a script changed on one held job to its answer: id, kind, attempt and new state, four
-- flat fields a job in the order the jobs came (Acknowledger reads them).
local function answer(answers, id, kind, attempt, state)
  answers[#answers + 1] = id
  answers[#answers + 1] = kind
  answers[#answers + 1] = attempt
  answers[#answers + 1] = state
end

-- Optional text arrives as '' for none, or '=' followed by the text (which may itself be empty).
-- Returns the text, or nil for none.
local function optional_text(value)
  if value == '' then
    return nil
  end
  return string.sub(value, 2)
end
