-- Records failed attempts of held jobs. From FIRST_ARG: '1' when only jobs whose lease has expired
-- may be failed (the reaper, racing a late heartbeat), else '0'; then id, token, error as a JSON
-- object, retry time in ms ('' to fail for good) quads. Answers what changed (answer()).
local only_expired = ARGV[FIRST_ARG] == '1'
local changed = {}
for i = FIRST_ARG + 1, #ARGV, 4 do
  local id, error_json, retry_at = ARGV[i], ARGV[i + 2], ARGV[i + 3]
  local key = job_key(id)
  local is_held, job = held(key, ARGV[i + 1], 'priority', 'errors', 'kind', 'attempt')
  if is_held and (not only_expired or tonumber(redis.call('ZSCORE', LEASES, id)) < NOW) then
    -- The errors field is a JSON array; appending keeps it one.
    local errors = job[4] and (string.sub(job[4], 1, -2) .. ',' .. error_json .. ']')
      or ('[' .. error_json .. ']')
    local state = retry_at == '' and 'failed' or 'retrying'
    if state == 'failed' then
      leave_active(key, id, state, nil, nil, { 'errors', errors })
    else
      leave_active(key, id, state, tonumber(job[3]), tonumber(retry_at), { 'errors', errors })
    end
    answer(changed, id, job[5], job[6], state)
  end
end
flush()
return changed
