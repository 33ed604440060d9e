-- snooze.lua: settles a lease as "run me again later": the job is scheduled delay ahead and
-- the attempt it spent is given back.
--
-- KEYS[1] active    (ZSET) id -> lease deadline (ms)
-- KEYS[2] scheduled (ZSET) id -> due (ms)
-- KEYS[3] job       (HASH) the job record
--
-- ARGV[1] id    the job id
-- ARGV[2] token the lease's fencing token
-- ARGV[3] delay how long until the job is due again (ms)
--
-- Returns: 1 when applied, 0 when the lease is stale (nothing changed).
-- Errors:  none.
local activeKey = KEYS[1]
local scheduledKey = KEYS[2]
local jobKey = KEYS[3]
local id = ARGV[1]
local token = ARGV[2]
local delay = tonumber(ARGV[3])

-- @include nowMillis
-- @include leaseHeld

if not leaseHeld(activeKey, jobKey, id, token) then
  return 0
end
local now = nowMillis()
local due = now + delay
redis.call('ZREM', activeKey, id)
redis.call('ZADD', scheduledKey, due, id)
redis.call('HINCRBY', jobKey, 'attempt', -1)
redis.call('HSET', jobKey, 'state', 'scheduled', 'updated', now, 'due', due)
return 1
