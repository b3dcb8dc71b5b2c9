-- Prelude of every per-queue script, after common.lua; LuaScript prepends both. All keys share the
-- queue's hash tag. A job's lease end is its score in leases, kept nowhere else.
-- KEYS: ready, delayed, leases, counts, meta, finished:completed, finished:failed,
-- finished:cancelled (QueueKeys.scriptKeys). ARGV after common.lua's: key base "{prefix:queue}:",
-- queue name, then the script's own arguments from FIRST_ARG on.
local BASE, QUEUE = ARGV[4], ARGV[5]
FIRST_ARG = 6
local READY, DELAYED, LEASES, COUNTS, META = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local FINISHED = { completed = KEYS[6], failed = KEYS[7], cancelled = KEYS[8] }

local function job_key(id)
  return BASE .. 'job:' .. id
end

local function count(state, delta)
  count_at(COUNTS, state, delta)
end

local function paused()
  return redis.call('HGET', META, 'paused') == '1'
end

local function wake()
  redis.call('PUBLISH', CHANNEL, QUEUE)
end

-- Takes a job out of the one index its state keeps it in. A blocked job is in none, nor is a
-- finished step of a run: it goes with its run, never by its queue's retention.
local function unindex(id, state)
  if state == 'active' then
    zrem(LEASES, id)
  elseif FINISHED[state] then
    zrem(FINISHED[state], id)
  elseif state ~= 'blocked' then
    zrem(READY, id)
    zrem(DELAYED, id)
  end
end

-- Puts a job into the index its state keeps it in (active jobs go by lease, see claim.lua). A
-- claimable job waits in ready once due (its queue is woken), else in delayed until a claim
-- promotes it (its due time is announced). step is true
-- for a step of a run, which no finished index holds.
local function index(id, state, priority, run_at, step)
  if FINISHED[state] then
    if not step then
      zadd(FINISHED[state], NOW_MS, id)
    end
  elseif state == 'blocked' then
    return
  else
    local score = claim_score(priority, run_at)
    if run_at <= NOW then
      zadd(READY, score, id)
      wake_later(QUEUE)
    else
      zadd(DELAYED, int(run_at), id)
      due_later(QUEUE, run_at)
    end
    lane_add(BASE, id, priority, score)
  end
end

-- Moves a job's counts and index entry from one state to another that is not active.
local function file(id, from, to, priority, run_at, step)
  if from == 'active' then
    free_slots(BASE, id, QUEUE)
  end
  unindex(id, from)
  count(from, -1)
  count(to, 1)
  index(id, to, priority, run_at, step)
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
-- 'retrying' (claimable at run_at). fields are more field, value pairs to set with the state; step
-- is true for a step of a run.
local function leave_active(key, id, to, priority, run_at, fields, step)
  if FINISHED[to] then
    redis.call('HSET', key, 'state', to, 'finished_at', NOW_MS, unpack(fields))
  else
    redis.call('HSET', key, 'state', to, 'run_at', int(run_at), unpack(fields))
  end
  file(id, 'active', to, priority, run_at, step)
end
