-- Prelude of every per-queue and per-run script, before queue.lua and run.lua; LuaScript prepends
-- it. ARGV starts with now in epoch ms (the store's clock, never the server's: tests move it), the
-- key prefix and the wake-up channel; a script's own arguments start at FIRST_ARG.
local NOW_MS, PREFIX, CHANNEL = ARGV[1], ARGV[2], ARGV[3]
local NOW = tonumber(NOW_MS)
local FIRST_ARG = 4
-- Keys shared by all queues and runs ({prefix}:...), and the key base of a queue or a run.
local GLOBAL = '{' .. PREFIX .. '}:'

local function queue_base(queue)
  return '{' .. PREFIX .. ':' .. queue .. '}:'
end

-- Claim order as one exact integer score: priority bands, highest priority in the lowest band,
-- then run_at inside the band; members with equal scores sort by id, which is the port's order.
-- Bands are 2^48 ms wide and run_at is offset by 2^47, so about 4,400 years either side of 1970
-- fit; ten bands stay below 2^53, where doubles stop being exact.
local BAND = 281474976710656
local RUN_AT_OFFSET = 140737488355328
local MAX_PRIORITY = 10
local TERMINAL = { completed = true, failed = true, cancelled = true }

-- Most of a script's cost is the number of redis.call()s, so a call over many jobs gathers its
-- counter changes and sorted-set members here and writes them once at the end (flush). Each job
-- changes state at most once per call, so removing before adding is always right.
local count_changes, set_adds, set_removes, woken, dues = {}, {}, {}, {}, {}
local wait_due
local BULK = 500

local function int(n)
  return string.format('%.0f', n)
end

local function claim_score(priority, run_at)
  local t = math.min(math.max(run_at, -RUN_AT_OFFSET), RUN_AT_OFFSET - 1)
  return int((MAX_PRIORITY - priority) * BAND + t + RUN_AT_OFFSET)
end

-- Counts a job in or out of a state in the counts hash at key.
local function count_at(key, state, delta)
  local counts = count_changes[key] or {}
  count_changes[key] = counts
  counts[state] = (counts[state] or 0) + delta
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

-- Publishes the queue's name on the wake-up channel once the call's writes are done.
local function wake_later(queue)
  woken[queue] = true
end

-- Publishes "<queue> <ms>" once the call's writes are done: the queue got a job that waits for its
-- time, the earliest of the call at ms (WakeupMessage). Nothing announces a time coming, so idle
-- workers sleep until it.
local function due_later(queue, run_at)
  local known = dues[queue]
  if not known or run_at < known then
    dues[queue] = run_at
  end
end

-- Publishes ":wait <ms>" once the call's writes are done: a step started a wait that ends at ms,
-- the earliest of the call (WakeupMessage), which the maintenance fires then.
local function wait_due_later(wake_at)
  if not wait_due or wake_at < wait_due then
    wait_due = wake_at
  end
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
  for key, counts in pairs(count_changes) do
    for state, delta in pairs(counts) do
      if delta ~= 0 then
        redis.call('HINCRBY', key, state, delta)
      end
    end
  end
  for queue in pairs(woken) do
    redis.call('PUBLISH', CHANNEL, queue)
  end
  for queue, run_at in pairs(dues) do
    redis.call('PUBLISH', CHANNEL, queue .. ' ' .. int(run_at))
  end
  if wait_due then
    redis.call('PUBLISH', CHANNEL, ':wait ' .. int(wait_due))
  end
  count_changes, set_adds, set_removes, woken, dues, wait_due = {}, {}, {}, {}, {}, nil
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

-- A JSON error object as StoredJson.error writes it; message holds no character JSON escapes
-- (names of steps and signals are letters, digits and . _ : -).
local function error_json(attempt, message)
  return '{"attempt":' .. attempt .. ',"message":"' .. message .. '","stack":null,"at":' .. NOW_MS
    .. '}'
end

-- The job's errors, a JSON array, with one more appended.
local function append_error(errors, error)
  if errors and errors ~= '[]' then
    return string.sub(errors, 1, -2) .. ',' .. error .. ']'
  end
  return '[' .. error .. ']'
end
