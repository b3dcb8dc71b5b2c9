-- Prelude of claim.lua, after queue.lua: starting a job, and claiming through lanes (lanes.lua)
-- when limits govern the queue. The limits come from the caller, which read them at the version
-- claim.lua checks, so they are the stored ones.
local LANES, SERVED = BASE .. 'lanes', BASE .. 'served'
-- Lanes a claim looks at, in order, and entries of one lane it reads to find its first due job.
local LANE_SCAN, LANE_PEEK = 1000, 100
-- Buckets a limit's window of starts is counted in (StartWindow.BUCKETS).
local START_BUCKETS = 60
local NOW_US = NOW * 1000

-- Moves a claimable job to active under a new lease, started no earlier than floor (ms). Returns
-- false when its hash is gone.
local function start(id, lease_end, worker, token_floor, token_step, floor)
  local key = job_key(id)
  local job = redis.call('HMGET', key, 'state', 'attempt', 'token', 'run_at')
  if not job[1] then
    return false
  end
  -- A job never starts before it is due. Each process stamps its calls with its own clock before
  -- sending them, so the call that made this job due (a parent's completion, which sets a step's
  -- run_at to its own finish; a retry now) may carry a time a little after this claim's.
  redis.call('HSET', key, 'state', 'active', 'attempt', int(tonumber(job[2]) + 1), 'token',
    int(math.max(tonumber(job[3]) + token_step, token_floor)), 'started_at',
    int(math.max(NOW, tonumber(job[4]), floor)), 'worker_id', worker)
  count(job[1], -1)
  count('active', 1)
  zadd(LEASES, lease_end, id)
  return true
end

-- The limits that cap something here, from ARGV[first] on: count, then per limit name,
-- generation, concurrency, queue concurrency, rate spacing and tolerance in µs ('' for none), the
-- width of a bucket of its starts in ms (StartWindow), kind count and kinds.
local function read_limits(first)
  local limits, a = {}, first + 1
  for l = 1, tonumber(ARGV[first]) do
    local limit = { name = ARGV[a], concurrency = tonumber(ARGV[a + 2]),
      queue_concurrency = tonumber(ARGV[a + 3]), spacing = tonumber(ARGV[a + 4]),
      tolerance = tonumber(ARGV[a + 5]), bucket_width = tonumber(ARGV[a + 6]), started = 0,
      active = {}, tat = {} }
    limit.counters = limit_counters(limit.name, ARGV[a + 1])
    limit.slot = limit.name .. '#' .. ARGV[a + 1]
      .. ((limit.concurrency or limit.queue_concurrency) and 'c' or '')
    local kinds = tonumber(ARGV[a + 7])
    a = a + 8
    if kinds > 0 then
      limit.kinds = {}
      for k = a, a + kinds - 1 do
        limit.kinds[ARGV[k]] = true
      end
      a = a + kinds
    end
    limits[l] = limit
  end
  return limits
end

local function governs(limit, kind)
  return not limit.kinds or limit.kinds[kind]
end

local function running(limit)
  if not limit.running then
    limit.running = tonumber(redis.call('GET', limit.counters .. 'running') or '0')
  end
  return limit.running
end

local function active_of(limit, rate_key)
  local active = limit.active[rate_key]
  if not active then
    active = tonumber(redis.call('HGET', limit.counters .. 'active', rate_key) or '0')
    limit.active[rate_key] = active
  end
  return active
end

-- The key's theoretical arrival time under the limit's rate (GCRA), in µs, or false for none.
local function tat_of(limit, rate_key)
  local tat = limit.tat[rate_key]
  if tat == nil then
    local score = redis.call('ZSCORE', limit.counters .. 'tats', rate_key)
    tat = score and tonumber(score) or false
    limit.tat[rate_key] = tat
  end
  return tat
end

-- When the last concurrency slot of a limit governing a job of kind was freed, in ms (0 for
-- never): the job's start is stamped no earlier (free_slots).
local function freed_floor(limits, kind)
  local floor = 0
  for _, limit in ipairs(limits) do
    if governs(limit, kind) and (limit.concurrency or limit.queue_concurrency) then
      if not limit.freed then
        limit.freed = tonumber(redis.call('GET', limit.counters .. 'freed') or '0')
      end
      floor = math.max(floor, limit.freed)
    end
  end
  return floor
end

-- LimitSpec.admits for every limit governing a job of kind and key.
local function admits(limits, kind, rate_key)
  for _, limit in ipairs(limits) do
    if governs(limit, kind) then
      if limit.queue_concurrency and running(limit) >= limit.queue_concurrency then
        return false
      end
      if limit.concurrency and active_of(limit, rate_key) >= limit.concurrency then
        return false
      end
      if limit.spacing then
        local tat = tat_of(limit, rate_key)
        if tat and tat - limit.tolerance > NOW_US then
          return false
        end
      end
    end
  end
  return true
end

-- Counts a started job against every limit governing it (a slot, and a start under a rate) and
-- lists its slots in its hash, so whatever ends its attempt gives them back (free_slots).
local function charge(limits, id, kind, rate_key)
  local slots = {}
  for _, limit in ipairs(limits) do
    if governs(limit, kind) then
      limit.running = running(limit) + 1
      limit.started = limit.started + 1
      limit.active[rate_key] = active_of(limit, rate_key) + 1
      redis.call('INCR', limit.counters .. 'running')
      redis.call('HINCRBY', limit.counters .. 'active', rate_key, 1)
      if limit.spacing then
        local tat = math.max(tat_of(limit, rate_key) or NOW_US, NOW_US) + limit.spacing
        limit.tat[rate_key] = tat
        redis.call('ZADD', limit.counters .. 'tats', int(tat), rate_key)
        limit.charged = true
      end
      slots[#slots + 1] = limit.slot
    end
  end
  if #slots > 0 then
    redis.call('HSET', job_key(id), 'slots', table.concat(slots, '\n'))
  end
end

-- Once a claim has charged its jobs: adds its starts to the bucket of now (the first of a bucket
-- forgets those no count reads any more), and drops keys whose arrival time has passed, which
-- carry nothing, so a rate's state stays bounded by the keys started within the last window.
local function settle(limits)
  for _, limit in ipairs(limits) do
    if limit.started > 0 then
      local starts, bucket = limit.counters .. 'starts', math.floor(NOW / limit.bucket_width)
      if redis.call('HINCRBY', starts, int(bucket), limit.started) == limit.started then
        for _, counted in ipairs(redis.call('HKEYS', starts)) do
          if tonumber(counted) <= bucket - START_BUCKETS then
            redis.call('HDEL', starts, counted)
          end
        end
      end
    end
    if limit.charged then
      redis.call('ZREMRANGEBYSCORE', limit.counters .. 'tats', '-inf', int(NOW_US))
    end
  end
end

-- Files every claimable job of the queue into its lane, once, when a limit first governs it.
local function build_lanes()
  for _, set in ipairs({ READY, DELAYED }) do
    for _, id in ipairs(redis.call('ZRANGE', set, 0, -1)) do
      local job = redis.call('HMGET', job_key(id), 'priority', 'run_at', 'kind', 'rate_key')
      if job[1] then
        local priority = tonumber(job[1])
        lane_file(BASE, id, lane_name(priority, job[3], job[4]),
          claim_score(priority, tonumber(job[2])))
      end
    end
  end
  redis.call('HSET', META, 'lanes', '1')
  limit_flags(BASE).lanes = true
end

-- Forgets the lanes of a queue no limit governs any more, so its jobs stop paying for them.
local function drop_lanes()
  for _, lane in ipairs(redis.call('ZRANGE', LANES, 0, -1)) do
    redis.call('DEL', BASE .. 'lane:' .. lane)
  end
  redis.call('DEL', LANES, SERVED)
  redis.call('HDEL', META, 'lanes', 'turns')
  limit_flags(BASE).lanes = false
end

-- The lane's first due job, or nil; drops entries of jobs that are no longer claimable. A job in
-- the lane but not yet due waits in delayed and stays.
local function lane_head(lane_key)
  local entries = redis.call('ZRANGE', lane_key, 0, LANE_PEEK - 1)
  local gone, head = {}, nil
  for _, id in ipairs(entries) do
    if redis.call('ZSCORE', READY, id) then
      head = id
      break
    end
    if not redis.call('ZSCORE', DELAYED, id) then
      gone[#gone + 1] = id
    end
  end
  if #gone > 0 then
    redis.call('ZREM', lane_key, unpack(gone))
  end
  return head
end

-- Re-orders a lane after a claim looked at it: by its first entry, or out when it is empty.
local function reorder(lane)
  local first = redis.call('ZRANGE', BASE .. 'lane:' .. lane, 0, 0, 'WITHSCORES')
  if #first == 0 then
    redis.call('ZREM', LANES, lane)
    redis.call('HDEL', SERVED, lane)
  else
    redis.call('ZADD', LANES, first[2], lane)
  end
end

-- The lanes in claim order, each with its priority, kind and key, read chunk lanes at a time as
-- at(i) asks for the i-th, up to LANE_SCAN: a claim of a few jobs reads a few lanes, however many
-- one-job keys wait. The claim reorders lanes only once it is done, so positions hold meanwhile.
local function lane_reader(chunk)
  local lanes, ended = {}, false
  local function at(i)
    while i > #lanes and not ended do
      local last = math.min(#lanes + chunk, LANE_SCAN) - 1
      local names = redis.call('ZRANGE', LANES, #lanes, last)
      ended = #names < last - #lanes + 1 or last == LANE_SCAN - 1
      for _, name in ipairs(names) do
        local priority, kind, rate_key = string.match(name, '^(%d+)|([^|]*)|(.*)$')
        lanes[#lanes + 1] = { name = name, key = BASE .. 'lane:' .. name,
          priority = tonumber(priority), kind = kind, rate_key = rate_key }
      end
    end
    return lanes[i]
  end
  return lanes, at
end

-- Claims up to max jobs through the lanes, passing over the keys the limits hold back. Plain
-- order takes each lane's due jobs in turn, lanes by their first job; fair order takes one job at a
-- time from the lane of the highest priority served longest ago. start_job(id, floor) starts a job.
local function claim_by_lane(max, limits, fair, start_job)
  local claimed = {}
  -- A fair claim weighs every lane it may read; a plain one reads on while it needs more.
  local lanes, at = lane_reader(fair and LANE_SCAN or math.max(2 * max, 16))
  local function take(lane)
    lane.touched = true
    local id = lane_head(lane.key)
    if not id then
      lane.done = true
      return false
    end
    redis.call('ZREM', READY, id)
    redis.call('ZREM', lane.key, id)
    if start_job(id, freed_floor(limits, lane.kind)) then
      charge(limits, id, lane.kind, lane.rate_key)
      claimed[#claimed + 1] = id
    end
    return true
  end
  if fair then
    at(LANE_SCAN)
    local turns = tonumber(redis.call('HGET', META, 'turns') or '0')
    if #lanes > 0 then
      local names = {}
      for i, lane in ipairs(lanes) do
        names[i] = lane.name
      end
      local served = redis.call('HMGET', SERVED, unpack(names))
      for i, lane in ipairs(lanes) do
        lane.served = tonumber(served[i] or '0')
        lane.order = i
      end
    end
    while #claimed < max do
      local best
      for _, lane in ipairs(lanes) do
        if not lane.done and (not best or lane.priority > best.priority
            or (lane.priority == best.priority and (lane.served < best.served
              or (lane.served == best.served and lane.order < best.order))))
            and admits(limits, lane.kind, lane.rate_key) then
          best = lane
        end
      end
      if not best then
        break
      end
      if take(best) then
        turns = turns + 1
        best.served = turns
        redis.call('HSET', SERVED, best.name, turns)
      end
    end
    redis.call('HSET', META, 'turns', turns)
  else
    local i, lane = 1, at(1)
    while lane and #claimed < max do
      while #claimed < max and admits(limits, lane.kind, lane.rate_key) and take(lane) do
      end
      i = i + 1
      lane = at(i)
    end
  end
  for _, lane in ipairs(lanes) do
    if lane.touched then
      reorder(lane.name)
    end
  end
  settle(limits)
  if #claimed > 0 and #limits > 0 then
    redis.call('HSET', META, 'slots', '1')
  end
  return claimed
end
