-- extendLeases.lua: extends a batch of leases of one queue to leaseTimeout from now, each only if
-- it is still held (the leases hash has the job with the lease's fencing token). One HMGET checks
-- every lease and one ZADD XX moves every held deadline.
--
-- KEYS[1] active (ZSET) id -> lease deadline (ms)
-- KEYS[2] leases (HASH) id -> "token:attempt" of the lease held on it now
--
-- ARGV[1] leaseTimeout the new lease length from now (ms)
-- ARGV[2..] per lease, 2 values: id (the job id), token (the lease's fencing token). At most
--           1,000 leases per call.
--
-- Returns: an array with one entry per lease, in order: 1 when extended, 0 when stale (nothing
--          changed for that lease).
-- Errors:  "ERR extendLeases: at most 1000 leases per call".
local activeKey = KEYS[1]
local leasesKey = KEYS[2]
local leaseTimeout = tonumber(ARGV[1])
local leaseArgs = ARGV

-- @include nowMillis
-- @include splitLease

local FIELDS = 2
local FIRST = 2
local count = (#leaseArgs - FIRST + 1) / FIELDS
if count > 1000 then
  return redis.error_reply('ERR extendLeases: at most 1000 leases per call')
end
if count == 0 then
  return {}
end
local ids = {}
for i = 0, count - 1 do
  ids[i + 1] = leaseArgs[FIRST + i * FIELDS]
end
local held = redis.call('HMGET', leasesKey, unpack(ids))
local deadline = msText(nowMillis() + leaseTimeout)
local out = {}
local moved = {}
for i = 0, count - 1 do
  local token = splitLease(held[i + 1])
  if token and token == leaseArgs[FIRST + i * FIELDS + 1] then
    moved[#moved + 1] = deadline
    moved[#moved + 1] = ids[i + 1]
    out[i + 1] = 1
  else
    out[i + 1] = 0
  end
end
if #moved > 0 then
  redis.call('ZADD', activeKey, 'XX', unpack(moved))
end
return out
