-- claim.lua: claims up to max pending jobs of one queue, oldest first, each under a new lease.
-- Every claim spends an attempt and bumps the job's fencing token; ids whose hash is gone
-- (deleted while pending) are dropped. Per job it costs one HMGET and one HSET; the lease
-- deadlines go into active with one ZADD for the whole batch.
--
-- KEYS[1] pending   (LIST) ids waiting to be claimed; RPOP takes the oldest
-- KEYS[2] active    (ZSET) id -> lease deadline (ms)
-- KEYS[3] jobPrefix (PREFIX) "P:{q}:job:"; job hashes are jobPrefix..id, in this queue's slot
--                          (same {q} hash tag), so the script stays legal on Redis Cluster
-- KEYS[4] paused    (STRING) present while the queue is paused: then nothing is claimed
--
-- ARGV[1] max          most jobs to claim (count; capped at 1,000 per call)
-- ARGV[2] leaseTimeout how long the lease holds (ms)
--
-- Returns: a flat array, 9 fields per claimed job: id, token, type, payload, attempt,
--          maxRetries, timeout (ms), due (ms), leaseDeadline (ms).
-- Errors:  none.
local pendingKey = KEYS[1]
local activeKey = KEYS[2]
local jobPrefix = KEYS[3]
local pausedKey = KEYS[4]
local max = tonumber(ARGV[1])
local leaseTimeout = tonumber(ARGV[2])

-- @include nowMillis

max = math.min(max, 1000)
if max <= 0 or redis.call('EXISTS', pausedKey) == 1 then
  return {}
end
local ids = redis.call('RPOP', pendingKey, max)
if not ids then
  return {}
end
local now = nowMillis()
local deadline = now + leaseTimeout
local out = {}
local leases = {}
for _, id in ipairs(ids) do
  local jobKey = jobPrefix .. id
  local f = redis.call('HMGET', jobKey, 'type', 'payload', 'max', 'timeout', 'due', 'token', 'attempt')
  if f[1] then
    local token = (tonumber(f[6]) or 0) + 1
    local attempt = (tonumber(f[7]) or 0) + 1
    redis.call('HSET', jobKey, 'state', 'active', 'token', token, 'attempt', attempt, 'updated', now)
    leases[#leases + 1] = deadline
    leases[#leases + 1] = id
    local n = #out
    out[n + 1] = id
    out[n + 2] = token
    out[n + 3] = f[1]
    out[n + 4] = f[2]
    out[n + 5] = attempt
    out[n + 6] = f[3]
    out[n + 7] = f[4]
    out[n + 8] = f[5]
    out[n + 9] = deadline
  end
end
if #leases > 0 then
  redis.call('ZADD', activeKey, unpack(leases))
end
return out
