-- extendLeases.lua: extends one lease to leaseTimeout from now, if it is still held. The broker
-- pipelines one call per lease, so a heartbeat of many leases costs one round trip.
--
-- KEYS[1] active (ZSET) id -> lease deadline (ms)
-- KEYS[2] job    (HASH) the job record
--
-- ARGV[1] id           the job id
-- ARGV[2] token        the lease's fencing token
-- ARGV[3] leaseTimeout the new lease length from now (ms)
--
-- Returns: 1 when extended, 0 when the lease is stale (nothing changed).
-- Errors:  none.
local activeKey = KEYS[1]
local jobKey = KEYS[2]
local id = ARGV[1]
local token = ARGV[2]
local leaseTimeout = tonumber(ARGV[3])

-- @include nowMillis
-- @include leaseHeld

if not leaseHeld(activeKey, jobKey, id, token) then
  return 0
end
redis.call('ZADD', activeKey, 'XX', nowMillis() + leaseTimeout, id)
return 1
