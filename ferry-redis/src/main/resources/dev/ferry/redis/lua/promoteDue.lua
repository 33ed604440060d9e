-- promoteDue.lua: moves due jobs (score <= now) of scheduled, then of retry, to the tail of
-- pending, at most limit in all, and reports when the next waiting job falls due.
--
-- KEYS[1] scheduled (ZSET) id -> due (ms)
-- KEYS[2] retry     (ZSET) id -> due (ms)
-- KEYS[3] pending   (LIST) ids waiting; LPUSH adds at the tail
-- KEYS[4] jobPrefix (PREFIX) "P:{q}:job:"; job hashes are jobPrefix..id, in this queue's slot
--                          (same {q} hash tag), so the script stays legal on Redis Cluster
--
-- ARGV[1] limit       most jobs to move (count)
-- ARGV[2] wakeChannel the queue's wake channel, published when any job moved
--
-- Returns: {moved, nextDue}: how many moved, and the smallest score left in scheduled and
--          retry (ms), or -1 when both are empty.
-- Errors:  none.
local scheduledKey = KEYS[1]
local retryKey = KEYS[2]
local pendingKey = KEYS[3]
local jobPrefix = KEYS[4]
local limit = tonumber(ARGV[1])
local wakeChannel = ARGV[2]

-- @include nowMillis

local now = nowMillis()
local nowText = msText(now)

local function promoteFrom(key, budget)
  if budget <= 0 then
    return 0
  end
  local moved = 0
  local ids = redis.call('ZRANGE', key, '-inf', now, 'BYSCORE', 'LIMIT', 0, budget)
  for _, id in ipairs(ids) do
    redis.call('ZREM', key, id)
    local jobKey = jobPrefix .. id
    if redis.call('EXISTS', jobKey) == 1 then
      redis.call('HSET', jobKey, 'state', 'pending', 'updated', nowText)
      redis.call('LPUSH', pendingKey, id)
      moved = moved + 1
    end
  end
  return moved
end

local function firstScore(key)
  local first = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  if #first == 0 then
    return -1
  end
  return tonumber(first[2])
end

local moved = promoteFrom(scheduledKey, limit)
moved = moved + promoteFrom(retryKey, limit - moved)
if moved > 0 then
  redis.call('PUBLISH', wakeChannel, moved)
end
local a = firstScore(scheduledKey)
local b = firstScore(retryKey)
local nextDue = a
if a < 0 or (b >= 0 and b < a) then
  nextDue = b
end
return {moved, nextDue}
