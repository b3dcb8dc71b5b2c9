-- The next claimable jobs of an unpaused queue without claiming them, so a claim over several
-- queues can merge their orders first. From FIRST_ARG: how many, promotion limit.
-- Returns id, score, id, score...
if paused() then
  return {}
end
promote(tonumber(ARGV[FIRST_ARG + 1]))
return redis.call('ZRANGE', READY, 0, tonumber(ARGV[FIRST_ARG]) - 1, 'WITHSCORES')
