-- requeueDead.lua: moves dead jobs back to the tail of pending with their attempts reset:
-- the one named by id, or (id "") up to limit of the oldest.
--
-- KEYS[1] dead      (ZSET) id -> time of death (ms)
-- KEYS[2] pending   (LIST) ids waiting; LPUSH adds at the tail
-- KEYS[3] jobs      (HASH) id -> the job's packed record (include/jobRecord.lua)
-- KEYS[4] jobPrefix (PREFIX) "P:{q}:job:"; an earlier version's per-job hashes, jobPrefix..id, in
--                          this queue's slot (same {q} hash tag), so the script stays legal on
--                          Redis Cluster
--
-- ARGV[1] id          the job to requeue, or "" for the oldest dead jobs
-- ARGV[2] limit       most jobs to requeue (count)
-- ARGV[3] wakeChannel the queue's wake channel, published when any job moved
--
-- Returns: how many jobs moved (0 when the named job is not dead).
-- Errors:  "ERR job record of an unknown format: <start>" when a record it
--          must rewrite cannot be read (raised before anything is written or moved)
local deadKey = KEYS[1]
local pendingKey = KEYS[2]
local jobsKey = KEYS[3]
local jobPrefix = KEYS[4]
local id = ARGV[1]
local limit = tonumber(ARGV[2])
local wakeChannel = ARGV[3]

-- @include nowMillis
-- @include jobRecord

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
local nowText = msText(now)
local records = {}
if #ids > 0 then
  -- read (and check) every record before anything leaves the set
  records = loadJobs(jobsKey, jobPrefix, ids, true)
  callInChunks('ZREM', deadKey, ids)
end
local written = {}
local moved = 0
for i, each in ipairs(ids) do
  local r = records[i]
  if r then
    r.state = 'pending'
    r.attempt = nil
    r.updated = nowText
    written[#written + 1] = each
    written[#written + 1] = r
    redis.call('LPUSH', pendingKey, each)
    moved = moved + 1
  end
end
saveJobs(jobsKey, written)
if moved > 0 then
  redis.call('PUBLISH', wakeChannel, moved)
end
return moved
