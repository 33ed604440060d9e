-- requeueDead.lua: moves dead jobs back to the tail of pending with their attempts reset:
-- the one named by id, or (id "") up to limit of the oldest.
--
-- KEYS[1] dead      (ZSET) id -> time of death (ms)
-- KEYS[2] pending   (LIST) ids waiting; LPUSH adds at the tail
-- KEYS[3] jobPrefix (PREFIX) "P:{q}:job:"; job hashes are jobPrefix..id, in this queue's slot
--                          (same {q} hash tag), so the script stays legal on Redis Cluster
--
-- ARGV[1] id          the job to requeue, or "" for the oldest dead jobs
-- ARGV[2] limit       most jobs to requeue (count)
-- ARGV[3] wakeChannel the queue's wake channel, published when any job moved
--
-- Returns: how many jobs moved (0 when the named job is not dead).
-- Errors:  none.
local deadKey = KEYS[1]
local pendingKey = KEYS[2]
local jobPrefix = KEYS[3]
local id = ARGV[1]
local limit = tonumber(ARGV[2])
local wakeChannel = ARGV[3]

-- @include nowMillis

if limit <= 0 then
  return 0
end
local ids
if id ~= '' then
  if not redis.call('ZSCORE', deadKey, id) then
    return 0
  end
  ids = {id}
else
  ids = redis.call('ZRANGE', deadKey, 0, limit - 1)
end
local now = nowMillis()
local moved = 0
for _, each in ipairs(ids) do
  redis.call('ZREM', deadKey, each)
  local jobKey = jobPrefix .. each
  if redis.call('EXISTS', jobKey) == 1 then
    redis.call('HSET', jobKey, 'state', 'pending', 'attempt', 0, 'updated', now)
    redis.call('LPUSH', pendingKey, each)
    moved = moved + 1
  end
end
if moved > 0 then
  redis.call('PUBLISH', wakeChannel, moved)
end
return moved
