-- Prelude of every script that moves runs on, after common.lua (and queue.lua for acknowledgements);
-- LuaScript prepends them. What a step is lives in its job's hash (step, depends_on, optional,
-- run_on, pending, armed, wait_*; JobHash names them), so a plain job pays nothing and a finished
-- step's children are found and released with constant work per edge. A run's own keys share the
-- hash tag {prefix:run/<id>}:
--   run              hash: id, name, input, state, max_steps, step_count, unfinished, created_at,
--                    finished_at
--   steps            list: "<job id> <queue>" per step, in creation order
--   names            hash: step name to "<job id> <queue>"
--   children:<job>   list: "<job id> <queue>" per step that depends on <job>
--   signal:<name>    list: "<job id> <queue>" per step that waits for the signal
--   roots            list: "<job id> <queue>" per step without parents, while the run is created
-- and across runs, under {prefix}: runs (every run id at score 0, so in id order), runs-settled:<state>
-- (settled runs by finished_at, for retention) and waits (armed waits with a deadline by wake time,
-- members "<job id> <queue>").
-- A step's job hash lives in its queue's slot, where claims find it, and its run's keys in another:
-- these scripts span slots, which single-node and Sentinel Redis allow; Redis Cluster is issue #19.
local WAITS = GLOBAL .. 'waits'
local JOB_QUEUES = GLOBAL .. 'job-queues'

local function run_base(run_id)
  return '{' .. PREFIX .. ':run/' .. run_id .. '}:'
end

local function entry_of(id, queue)
  return id .. ' ' .. queue
end

-- An entry's job id (36 characters) and queue.
local function split(entry)
  return string.sub(entry, 1, 36), string.sub(entry, 38)
end

local function step_key(id, queue)
  return queue_base(queue) .. 'job:' .. id
end

-- Moves a step's job from state `from` to `to` in its queue's indexes and counts; the caller sets
-- the hash. Only claimable states are indexed: a blocked or finished step is in no index.
local function move_step(queue, id, from, to, priority, run_at)
  local base = queue_base(queue)
  if from == 'active' then
    free_slots(base, id, queue)
    zrem(base .. 'leases', id)
  elseif from ~= 'blocked' and not TERMINAL[from] then
    zrem(base .. 'ready', id)
    zrem(base .. 'delayed', id)
  end
  count_at(base .. 'counts', from, -1)
  count_at(base .. 'counts', to, 1)
  if to ~= 'blocked' and not TERMINAL[to] then
    local score = claim_score(priority, run_at)
    if run_at <= NOW then
      zadd(base .. 'ready', score, id)
    else
      zadd(base .. 'delayed', int(run_at), id)
    end
    lane_add(base, id, priority, score)
  end
end

-- A step whose parents are done: its job becomes claimable (scheduled while its own run_at is
-- ahead), or its wait starts its clock.
local function arm(id, queue, ready_at)
  local key = step_key(id, queue)
  local due = math.max(NOW, ready_at or NOW)
  local job = redis.call('HMGET', key, 'wait_kind', 'wait_ms', 'run_at', 'priority')
  if job[1] then
    if job[2] then
      local wake_at = int(NOW + tonumber(job[2]))
      redis.call('HSET', key, 'armed', '1', 'wake_at', wake_at)
      zadd(WAITS, wake_at, entry_of(id, queue))
      wait_due_later(tonumber(wake_at))
    else
      redis.call('HSET', key, 'armed', '1')
    end
    return
  end
  local run_at, state = tonumber(job[3]), 'scheduled'
  if run_at <= due then
    run_at, state = due, 'waiting'
  end
  redis.call('HSET', key, 'state', state, 'run_at', int(run_at))
  move_step(queue, id, 'blocked', state, tonumber(job[4]), run_at)
  if state == 'waiting' then
    wake_later(queue)
  else
    due_later(queue, run_at)
  end
end

-- Ends a blocked step no worker holds: a wait signalled or timed out, a child a failed parent
-- cancels. error (JSON) is appended to its errors when given.
local function end_blocked(key, id, queue, state, result, error)
  local fields = { 'state', state, 'finished_at', NOW_MS }
  if result then
    fields[#fields + 1] = 'result'
    fields[#fields + 1] = result
  end
  if error then
    fields[#fields + 1] = 'errors'
    fields[#fields + 1] = append_error(redis.call('HGET', key, 'errors'), error)
  end
  redis.call('HSET', key, unpack(fields))
  move_step(queue, id, 'blocked', state)
end

local function dependency_failed(key, parent)
  return error_json(redis.call('HGET', key, 'attempt'),
    "cancelled: dependency '" .. parent .. "' failed")
end

-- The run's first failure fails it, at once, while its other branches go on.
local function fail_run(run)
  if redis.call('HGET', run, 'state') == 'running' then
    redis.call('HSET', run, 'state', 'failed', 'finished_at', NOW_MS)
  end
end

-- The run's last unfinished step ended: a running run completes; either way it is settled now, and
-- filed for retention under its state.
local function settle(run_id, run)
  local state = redis.call('HMGET', run, 'state', 'finished_at')
  if state[1] == 'running' then
    redis.call('HSET', run, 'state', 'completed', 'finished_at', NOW_MS)
    state = { 'completed', NOW_MS }
  end
  redis.call('ZADD', GLOBAL .. 'runs-settled:' .. state[1], state[2], run_id)
end

-- Moves a run on behind steps that reached a terminal state, their hashes already written: each
-- {id, queue, state, cascaded} (cascaded: cancelled because a parent failed, which no option
-- excuses). Iterative, so a cancellation cascading down a chain of 10,000 steps needs no deep stack;
-- each edge is visited once.
local function propagate(run_id, ended)
  local rbase = run_base(run_id)
  local run = rbase .. 'run'
  local n = 1
  while n <= #ended do
    local id, queue, state, cascaded = unpack(ended[n])
    n = n + 1
    local key = step_key(id, queue)
    local step = redis.call('HMGET', key, 'step', 'optional', 'armed')
    if step[3] == '1' then
      redis.call('HDEL', key, 'armed', 'wake_at')
      zrem(WAITS, entry_of(id, queue))
    end
    local lets = state == 'completed' or (step[2] == '1' and not cascaded)
    local unfinished = redis.call('HINCRBY', run, 'unfinished', -1)
    if not lets then
      fail_run(run)
    end
    for _, child in ipairs(redis.call('LRANGE', rbase .. 'children:' .. id, 0, -1)) do
      local child_id, child_queue = split(child)
      local child_key = step_key(child_id, child_queue)
      local found = redis.call('HMGET', child_key, 'state', 'run_on', 'ready_at')
      if found[1] == 'blocked' then
        if lets or found[2] == 'finished' then
          -- The latest of its parents' finishes: another process's completion may carry an earlier
          -- clock than one before it, and a child never starts before any parent finished.
          local ready_at = math.max(tonumber(found[3] or 0), NOW)
          if redis.call('HINCRBY', child_key, 'pending', -1) == 0 then
            arm(child_id, child_queue, ready_at)
          else
            redis.call('HSET', child_key, 'ready_at', int(ready_at))
          end
        else
          end_blocked(child_key, child_id, child_queue, 'cancelled', nil,
            dependency_failed(child_key, step[1]))
          ended[#ended + 1] = { child_id, child_queue, 'cancelled', true }
        end
      end
    end
    if unfinished == 0 then
      settle(run_id, run)
    end
  end
end

-- A step's job just reached a terminal state (its hash written, its queue's index and counts
-- updated): its run moves on, in the same script.
local function step_ended(run_id, id, queue, state)
  propagate(run_id, { { id, queue, state, false } })
end

-- Reads steps to insert from ARGV[first..] (StepHash.addArgs): per step its job id, queue, name,
-- run_on, signal ('' for none), the count and job ids of its parents, then the count and the
-- field, value pairs of its job hash (state blocked).
local function parse_steps(first)
  local steps, i = {}, first
  while i <= #ARGV do
    local step = { id = ARGV[i], queue = ARGV[i + 1], name = ARGV[i + 2], run_on = ARGV[i + 3],
      signal = ARGV[i + 4], parents = {} }
    local parents = tonumber(ARGV[i + 5])
    for p = 1, parents do
      step.parents[p] = ARGV[i + 5 + p]
    end
    i = i + 6 + parents
    step.fields_from, step.fields_to = i + 1, i + tonumber(ARGV[i])
    i = step.fields_to + 1
    steps[#steps + 1] = step
  end
  return steps
end

-- The first step whose job id is taken by any job of the store, or nil. With staging_run, a step
-- that an earlier try staged into that run (a create retried after a crash) is not taken: it is
-- marked staged, to be skipped.
local function taken_step(steps, staging_run)
  for from = 1, #steps, BULK do
    local ids = {}
    for s = from, math.min(#steps, from + BULK - 1) do
      ids[#ids + 1] = steps[s].id
    end
    local holders = redis.call('HMGET', JOB_QUEUES, unpack(ids))
    for k = 1, #ids do
      local step = steps[from + k - 1]
      if holders[k] then
        if staging_run and redis.call('HGET', step_key(step.id, holders[k]), 'run_id') == staging_run
        then
          step.staged = true
        else
          return step
        end
      end
    end
  end
  return nil
end

-- Whether a finished parent (its job's state, optional flag) lets a step that runs on run_on start.
local function lets_start(state, optional, run_on)
  return state == 'completed' or optional == '1' or run_on == 'finished'
end

-- Puts checked steps (PlanCheck, taken_step) into the run: their jobs blocked, their ids reserved,
-- the edges from their parents, each counting the parents still unfinished; then lists and counts
-- them, arms those with none, and cancels those a finished parent does not let start, as that
-- parent finishing would have. Parents are steps of the run, new or already in it. A run being
-- created is staged instead: its steps are only written and reserved, those without parents listed
-- in its roots, and run_open.lua does the rest once the last of them is in.
local function insert_steps(run_id, steps, staging)
  local rbase = run_base(run_id)
  local run = rbase .. 'run'
  local new, queues, registry, index, entries, names, roots = {}, {}, {}, {}, {}, {}, {}
  local fresh = {}
  for _, step in ipairs(steps) do
    new[step.id] = true
    if not step.staged then
      fresh[#fresh + 1] = step
    end
  end
  steps = fresh
  for _, step in ipairs(steps) do
    local entry = entry_of(step.id, step.queue)
    local pending, failed_parent = 0, nil
    for _, parent in ipairs(step.parents) do
      redis.call('RPUSH', rbase .. 'children:' .. parent, entry)
      if new[parent] or staging then
        -- A run being created has every step blocked: each parent is pending.
        pending = pending + 1
      else
        local found = redis.call('HMGET', step_key(parent, redis.call('HGET', JOB_QUEUES, parent)),
          'state', 'optional', 'step')
        if not TERMINAL[found[1]] then
          pending = pending + 1
        elseif not failed_parent and not lets_start(found[1], found[2], step.run_on) then
          failed_parent = found[3]
        end
      end
    end
    step.pending, step.failed_parent = pending, failed_parent
    redis.call('HSET', step_key(step.id, step.queue), 'pending', pending,
      unpack(ARGV, step.fields_from, step.fields_to))
    if not staging then
      count_at(queue_base(step.queue) .. 'counts', 'blocked', 1)
    end
    if step.signal ~= '' then
      redis.call('RPUSH', rbase .. 'signal:' .. step.signal, entry)
    end
    if not queues[step.queue] then
      queues[step.queue] = true
      redis.call('SADD', GLOBAL .. 'queues', step.queue)
    end
    registry[#registry + 1] = step.id
    registry[#registry + 1] = step.queue
    index[#index + 1] = 0
    index[#index + 1] = step.id
    entries[#entries + 1] = entry
    if pending == 0 then
      roots[#roots + 1] = entry
    end
    names[#names + 1] = step.name
    names[#names + 1] = entry
  end
  bulk('HSET', JOB_QUEUES, registry, 2)
  bulk('RPUSH', rbase .. 'steps', entries, 1)
  bulk('HSET', rbase .. 'names', names, 2)
  redis.call('HINCRBY', run, 'step_count', #steps)
  redis.call('HINCRBY', run, 'unfinished', #steps)
  if staging then
    bulk('RPUSH', rbase .. 'roots', roots, 1)
    return
  end
  bulk('ZADD', GLOBAL .. 'jobs', index, 2)
  local ended = {}
  for _, step in ipairs(steps) do
    if step.failed_parent then
      local key = step_key(step.id, step.queue)
      end_blocked(key, step.id, step.queue, 'cancelled', nil,
        dependency_failed(key, step.failed_parent))
      ended[#ended + 1] = { step.id, step.queue, 'cancelled', true }
    elseif step.pending == 0 then
      arm(step.id, step.queue)
    end
  end
  if #ended > 0 then
    propagate(run_id, ended)
  end
end
