-- promoteDue.lua: moves due jobs (score <= now) of scheduled, then of retry, to the tail of
-- pending, at most limit in all, and reports when the next waiting job falls due.
--
-- KEYS[1] scheduled (ZSET) id -> due (ms)
-- KEYS[2] retry     (ZSET) id -> due (ms)
-- KEYS[3] pending   (LIST) ids waiting; LPUSH adds at the tail
-- KEYS[4] jobs      (HASH) id -> the job's packed record (include/jobRecord.lua)
-- KEYS[5] jobPrefix (PREFIX) "P:{q}:job:"; an earlier version's per-job hashes, jobPrefix..id, in
--                          this queue's slot (same {q} hash tag), so the script stays legal on
--                          Redis Cluster
--
-- ARGV[1] limit       most jobs to move (count)
-- ARGV[2] wakeChannel the queue's wake channel, published when any job moved
--
-- Returns: {moved, nextDue}: how many moved, and the smallest score left in scheduled and
--          retry (ms), or -1 when both are empty.
-- Errors:  "ERR job record of an unknown format: <start>" when a record it
--          must rewrite cannot be read (raised before anything is written or moved)
local scheduledKey = KEYS[1]
local retryKey = KEYS[2]
local pendingKey = KEYS[3]
local jobsKey = KEYS[4]
local jobPrefix = KEYS[5]
local limit = tonumber(ARGV[1])
local wakeChannel = ARGV[2]

-- @include nowMillis
-- @include jobRecord

local now = nowMillis()
local nowText = msText(now)

local function promoteFrom(key, budget)
  if budget <= 0 then
    return 0
  end
  local ids = redis.call('ZRANGE', key, '-inf', now, 'BYSCORE', 'LIMIT', 0, budget)
  if #ids == 0 then
    return 0
  end
  -- read (and check) every record before anything leaves the set
  local packed = loadPacked(jobsKey, jobPrefix, ids, true)
  callInChunks('ZREM', key, ids)
  local written = {}
  local promoted = {}
  for i, id in ipairs(ids) do
    if packed[i] then
      written[#written + 1] = id
      written[#written + 1] = restate(packed[i], 'pending', nil, nowText)
      promoted[#promoted + 1] = id
    end
  end
  saveJobs(jobsKey, written)
  if #promoted > 0 then
    callInChunks('LPUSH', pendingKey, promoted)
  end
  return #promoted
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
