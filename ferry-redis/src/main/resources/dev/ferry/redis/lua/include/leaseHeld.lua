-- leaseHeld(activeKey, jobKey, id, token): the fencing check every settlement runs first. True
-- only when the job is in the active ZSET and its current token equals the lease's token; a
-- lease that expired and was handed to another worker fails it, and the caller changes nothing.
local function leaseHeld(activeKey, jobKey, id, token)
  if not redis.call('ZSCORE', activeKey, id) then
    return false
  end
  return redis.call('HGET', jobKey, 'token') == token
end
