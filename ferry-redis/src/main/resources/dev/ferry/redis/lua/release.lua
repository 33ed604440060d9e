-- release.lua: gives a lease back at once (graceful shutdown): the job goes to the head of
-- pending, so it is claimed next, and the attempt it spent is given back.
--
-- KEYS[1] active  (ZSET) id -> lease deadline (ms)
-- KEYS[2] pending (LIST) ids waiting; RPUSH puts the job at the claiming end
-- KEYS[3] job     (HASH) the job record
--
-- ARGV[1] id          the job id
-- ARGV[2] token       the lease's fencing token
-- ARGV[3] wakeChannel the queue's wake channel
--
-- Returns: 1 when applied, 0 when the lease is stale (nothing changed).
-- Errors:  none.
local activeKey = KEYS[1]
local pendingKey = KEYS[2]
local jobKey = KEYS[3]
local id = ARGV[1]
local token = ARGV[2]
local wakeChannel = ARGV[3]

-- @include nowMillis
-- @include leaseHeld

if not leaseHeld(activeKey, jobKey, id, token) then
  return 0
end
local now = nowMillis()
redis.call('ZREM', activeKey, id)
redis.call('RPUSH', pendingKey, id)
redis.call('HINCRBY', jobKey, 'attempt', -1)
redis.call('HSET', jobKey, 'state', 'pending', 'updated', now)
redis.call('PUBLISH', wakeChannel, 1)
return 1
