-- reapExpired.lua: takes active jobs whose lease expired (deadline <= now), at most limit:
-- back to the head of pending when retries remain, else dead. The lease's attempt stays spent
-- (it is written to the job), and the job's error says the worker was lost.
--
-- KEYS[1] active    (ZSET) id -> lease deadline (ms)
-- KEYS[2] leases    (HASH) id -> "token:attempt" of the lease held on it now
-- KEYS[3] pending   (LIST) ids waiting; RPUSH puts the job at the claiming end
-- KEYS[4] dead      (ZSET) id -> time of death (ms)
-- KEYS[5] jobPrefix (PREFIX) "P:{q}:job:"; job hashes are jobPrefix..id, in this queue's slot
--                          (same {q} hash tag), so the script stays legal on Redis Cluster
--
-- ARGV[1] limit       most jobs to take (count)
-- ARGV[2] wakeChannel the queue's wake channel, published when any job went to pending
--
-- Returns: how many jobs moved (to pending or dead).
-- Errors:  none.
local activeKey = KEYS[1]
local leasesKey = KEYS[2]
local pendingKey = KEYS[3]
local deadKey = KEYS[4]
local jobPrefix = KEYS[5]
local limit = tonumber(ARGV[1])
local wakeChannel = ARGV[2]

-- @include nowMillis
-- @include splitLease

if limit <= 0 then
  return 0
end
local now = nowMillis()
local ids = redis.call('ZRANGE', activeKey, '-inf', now, 'BYSCORE', 'LIMIT', 0, limit)
if #ids == 0 then
  return 0
end
local held = redis.call('HMGET', leasesKey, unpack(ids))
redis.call('ZREM', activeKey, unpack(ids))
redis.call('HDEL', leasesKey, unpack(ids))
local moved = 0
local requeued = 0
for i, id in ipairs(ids) do
  local jobKey = jobPrefix .. id
  local f = redis.call('HMGET', jobKey, 'attempt', 'max')
  if f[2] then
    local _, leaseAttempt = splitLease(held[i])
    local attempt = tonumber(leaseAttempt) or tonumber(f[1]) or 0
    local err = 'lease expired: worker lost during attempt ' .. attempt
    if attempt > tonumber(f[2]) then
      redis.call('ZADD', deadKey, now, id)
      redis.call('HSET', jobKey, 'state', 'dead', 'updated', now, 'error', err, 'attempt', attempt)
    else
      redis.call('RPUSH', pendingKey, id)
      redis.call('HSET', jobKey, 'state', 'pending', 'updated', now, 'error', err, 'attempt', attempt)
      requeued = requeued + 1
    end
    moved = moved + 1
  end
end
if requeued > 0 then
  redis.call('PUBLISH', wakeChannel, requeued)
end
return moved
