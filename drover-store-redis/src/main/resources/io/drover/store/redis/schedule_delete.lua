-- Deletes a schedule. Returns 1, or 0 when there was none of that name.
if redis.call('DEL', SCHEDULE) == 0 then
  return 0
end
redis.call('ZREM', NAMES, NAME)
redis.call('ZREM', DUE, NAME)
return 1
