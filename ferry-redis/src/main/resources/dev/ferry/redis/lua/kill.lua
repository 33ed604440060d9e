-- kill.lua: settles a lease as dead: retries are spent, the handler discarded the job, or no
-- handler exists. Final for workers; an operator may requeue or purge it.
--
-- KEYS[1] active (ZSET) id -> lease deadline (ms)
-- KEYS[2] dead   (ZSET) id -> time of death (ms)
-- KEYS[3] job    (HASH) the job record
--
-- ARGV[1] id    the job id
-- ARGV[2] token the lease's fencing token
-- ARGV[3] error why the job died ("" = none)
--
-- Returns: 1 when applied, 0 when the lease is stale (nothing changed).
-- Errors:  none.
local activeKey = KEYS[1]
local deadKey = KEYS[2]
local jobKey = KEYS[3]
local id = ARGV[1]
local token = ARGV[2]
local err = ARGV[3]

-- @include nowMillis
-- @include leaseHeld

if not leaseHeld(activeKey, jobKey, id, token) then
  return 0
end
local now = nowMillis()
redis.call('ZREM', activeKey, id)
redis.call('ZADD', deadKey, now, id)
redis.call('HSET', jobKey, 'state', 'dead', 'updated', now)
if err == '' then
  redis.call('HDEL', jobKey, 'error')
else
  redis.call('HSET', jobKey, 'error', err)
end
return 1
