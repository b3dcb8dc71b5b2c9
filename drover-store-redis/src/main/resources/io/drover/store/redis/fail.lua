-- Records failed attempts of held jobs; a step that fails for good moves its run on in the same
-- call (run.lua). From FIRST_ARG: '1' when only jobs whose lease has expired may be failed (the
-- reaper, racing a late heartbeat), else '0'; then id, token, error as a JSON object, retry time in
-- ms ('' to fail for good) quads. Answers what changed (answer()).
local only_expired = ARGV[FIRST_ARG] == '1'
local changed = {}
for i = FIRST_ARG + 1, #ARGV, 4 do
  local id, failure, retry_at = ARGV[i], ARGV[i + 2], ARGV[i + 3]
  local key = job_key(id)
  local is_held, job = held(key, ARGV[i + 1], 'priority', 'errors', 'kind', 'attempt', 'run_id')
  if is_held and (not only_expired or tonumber(redis.call('ZSCORE', LEASES, id)) < NOW) then
    local errors = append_error(job[4], failure)
    local state = retry_at == '' and 'failed' or 'retrying'
    if state == 'failed' then
      leave_active(key, id, state, nil, nil, { 'errors', errors }, job[7])
    else
      leave_active(key, id, state, tonumber(job[3]), tonumber(retry_at), { 'errors', errors })
    end
    answer(changed, id, job[5], job[6], state)
    if job[7] and state == 'failed' then
      step_ended(job[7], id, QUEUE, 'failed')
    end
  end
end
flush()
return changed
