-- complete.lua: settles a lease as success: the job becomes completed (final).
--
-- KEYS[1] active    (ZSET) id -> lease deadline (ms)
-- KEYS[2] completed (ZSET) id -> finish time (ms)
-- KEYS[3] job       (HASH) the job record
--
-- ARGV[1] id    the job id
-- ARGV[2] token the lease's fencing token
--
-- Returns: 1 when applied, 0 when the lease is stale (nothing changed).
-- Errors:  none.
local activeKey = KEYS[1]
local completedKey = KEYS[2]
local jobKey = KEYS[3]
local id = ARGV[1]
local token = ARGV[2]

-- @include nowMillis
-- @include leaseHeld

if not leaseHeld(activeKey, jobKey, id, token) then
  return 0
end
local now = nowMillis()
redis.call('ZREM', activeKey, id)
redis.call('ZADD', completedKey, now, id)
redis.call('HSET', jobKey, 'state', 'completed', 'updated', now)
return 1
