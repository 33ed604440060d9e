-- reapExpired.lua: takes active jobs whose lease expired (deadline <= now), at most limit:
-- back to the head of pending when retries remain, else dead. The attempt stays spent, and
-- the job's error says the worker was lost.
--
-- KEYS[1] active    (ZSET) id -> lease deadline (ms)
-- KEYS[2] pending   (LIST) ids waiting; RPUSH puts the job at the claiming end
-- KEYS[3] dead      (ZSET) id -> time of death (ms)
-- KEYS[4] jobPrefix (PREFIX) "P:{q}:job:"; job hashes are jobPrefix..id, in this queue's slot
--                          (same {q} hash tag), so the script stays legal on Redis Cluster
--
-- ARGV[1] limit       most jobs to take (count)
-- ARGV[2] wakeChannel the queue's wake channel, published when any job went to pending
--
-- Returns: how many jobs moved (to pending or dead).
-- Errors:  none.
local activeKey = KEYS[1]
local pendingKey = KEYS[2]
local deadKey = KEYS[3]
local jobPrefix = KEYS[4]
local limit = tonumber(ARGV[1])
local wakeChannel = ARGV[2]

-- @include nowMillis

if limit <= 0 then
  return 0
end
local now = nowMillis()
local moved = 0
local requeued = 0
local ids = redis.call('ZRANGE', activeKey, '-inf', now, 'BYSCORE', 'LIMIT', 0, limit)
for _, id in ipairs(ids) do
  redis.call('ZREM', activeKey, id)
  local jobKey = jobPrefix .. id
  local f = redis.call('HMGET', jobKey, 'attempt', 'max')
  if f[1] then
    local err = 'lease expired: worker lost during attempt ' .. f[1]
    if tonumber(f[1]) > tonumber(f[2]) then
      redis.call('ZADD', deadKey, now, id)
      redis.call('HSET', jobKey, 'state', 'dead', 'updated', now, 'error', err)
    else
      redis.call('RPUSH', pendingKey, id)
      redis.call('HSET', jobKey, 'state', 'pending', 'updated', now, 'error', err)
      requeued = requeued + 1
    end
    moved = moved + 1
  end
end
if requeued > 0 then
  redis.call('PUBLISH', wakeChannel, requeued)
end
return moved
