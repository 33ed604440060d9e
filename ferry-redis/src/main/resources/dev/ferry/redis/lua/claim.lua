-- claim.lua: claims up to max pending jobs of one queue, oldest first, each under a new lease.
-- Every claim spends an attempt and bumps the job's fencing token; ids whose hash is gone
-- (deleted while pending) are dropped.
--
-- KEYS[1] pending   (LIST) ids waiting to be claimed; RPOP takes the oldest
-- KEYS[2] active    (ZSET) id -> lease deadline (ms)
-- KEYS[3] jobPrefix (PREFIX) "P:{q}:job:"; job hashes are jobPrefix..id, in this queue's slot
--                          (same {q} hash tag), so the script stays legal on Redis Cluster
-- KEYS[4] paused    (STRING) present while the queue is paused: then nothing is claimed
--
-- ARGV[1] max          most jobs to claim (count)
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
for _, id in ipairs(ids) do
  local jobKey = jobPrefix .. id
  if redis.call('EXISTS', jobKey) == 1 then
    local token = redis.call('HINCRBY', jobKey, 'token', 1)
    local attempt = redis.call('HINCRBY', jobKey, 'attempt', 1)
    redis.call('HSET', jobKey, 'state', 'active', 'updated', now)
    redis.call('ZADD', activeKey, deadline, id)
    local f = redis.call('HMGET', jobKey, 'type', 'payload', 'max', 'timeout', 'due')
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
return out
