-- retry.lua: settles a lease as a failed attempt with retries left: the job waits in retry
-- until its backoff passes; the promoter then moves it to pending.
--
-- KEYS[1] active (ZSET) id -> lease deadline (ms)
-- KEYS[2] retry  (ZSET) id -> due (ms)
-- KEYS[3] job    (HASH) the job record
--
-- ARGV[1] id    the job id
-- ARGV[2] token the lease's fencing token
-- ARGV[3] delay the backoff before the job is due again (ms)
-- ARGV[4] error the attempt's error ("" = none)
--
-- Returns: 1 when applied, 0 when the lease is stale (nothing changed).
-- Errors:  none.
local activeKey = KEYS[1]
local retryKey = KEYS[2]
local jobKey = KEYS[3]
local id = ARGV[1]
local token = ARGV[2]
local delay = tonumber(ARGV[3])
local err = ARGV[4]

-- @include nowMillis
-- @include leaseHeld

if not leaseHeld(activeKey, jobKey, id, token) then
  return 0
end
local now = nowMillis()
local due = now + delay
redis.call('ZREM', activeKey, id)
redis.call('ZADD', retryKey, due, id)
redis.call('HSET', jobKey, 'state', 'retry', 'updated', now, 'due', due)
if err == '' then
  redis.call('HDEL', jobKey, 'error')
else
  redis.call('HSET', jobKey, 'error', err)
end
return 1
