-- Inserts jobs of one queue, each atomically. Per job, from FIRST_ARG: id, state, run_at,
-- priority, dedup key ('' for none), dedup window in ms, field count n, then n hash fields and
-- values. Answers per job: 'c' created, 'e' the id exists already, or the id of the job holding
-- the de-duplication key. A dedup key's value is "<holder id> <window end in ms>": the window is
-- judged by the store's clock, while PX only lets Redis forget the key in the end.
local answers = {}
local i = FIRST_ARG
while i <= #ARGV do
  local id, state, run_at = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2])
  local priority, dedup_key, window = tonumber(ARGV[i + 3]), ARGV[i + 4], ARGV[i + 5]
  local first, last = i + 7, i + 6 + tonumber(ARGV[i + 6])
  i = last + 1
  local key = job_key(id)
  local answer = 'c'
  if redis.call('EXISTS', key) == 1 then
    answer = 'e'
  elseif dedup_key ~= '' then
    local dedup = BASE .. 'dedup:' .. dedup_key
    local hold = redis.call('GET', dedup)
    if hold then
      local space = string.find(hold, ' ', 1, true)
      if tonumber(string.sub(hold, space + 1)) > NOW then
        answer = string.sub(hold, 1, space - 1)
      end
    end
    if answer == 'c' then
      redis.call('SET', dedup, id .. ' ' .. int(NOW + tonumber(window)), 'PX', window)
    end
  end
  if answer == 'c' then
    redis.call('HSET', key, unpack(ARGV, first, last))
    count(state, 1)
    index(id, state, priority, run_at)
  end
  answers[#answers + 1] = answer
end
flush()
return answers
