-- Extends held leases. From FIRST_ARG: the new lease end in ms, then id, token pairs.
-- Returns the ids whose lease was extended.
local lease_end = ARGV[FIRST_ARG]
local kept = {}
for i = FIRST_ARG + 1, #ARGV, 2 do
  local id = ARGV[i]
  if held(job_key(id), ARGV[i + 1]) then
    zadd(LEASES, lease_end, id)
    kept[#kept + 1] = id
  end
end
flush()
return kept
