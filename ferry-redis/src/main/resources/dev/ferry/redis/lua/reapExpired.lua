-- reapExpired.lua: takes active jobs whose lease expired (deadline <= now), at most limit:
-- back to the head of pending when retries remain, else dead. The lease's attempt stays spent
-- (it is written to the job), and the job's error says the worker was lost.
--
-- KEYS[1] active    (ZSET) id -> lease deadline (ms)
-- KEYS[2] leases    (HASH) id -> "token:attempt" of the lease held on it now
-- KEYS[3] pending   (LIST) ids waiting; RPUSH puts the job at the claiming end
-- KEYS[4] dead      (ZSET) id -> time of death (ms)
-- KEYS[5] jobs      (HASH) id -> the job's packed record (include/jobRecord.lua)
-- KEYS[6] jobPrefix (PREFIX) "P:{q}:job:"; an earlier version's per-job hashes, jobPrefix..id, in
--                          this queue's slot (same {q} hash tag), so the script stays legal on
--                          Redis Cluster
--
-- ARGV[1] limit       most jobs to take (count)
-- ARGV[2] wakeChannel the queue's wake channel, published when any job went to pending
--
-- Returns: how many jobs moved (to pending or dead).
-- Errors:  "ERR job record of an unknown format: <start>" when a record it
--          must rewrite cannot be read (raised before anything is written or moved)
local activeKey = KEYS[1]
local leasesKey = KEYS[2]
local pendingKey = KEYS[3]
local deadKey = KEYS[4]
local jobsKey = KEYS[5]
local jobPrefix = KEYS[6]
local limit = tonumber(ARGV[1])
local wakeChannel = ARGV[2]

-- @include nowMillis
-- @include jobRecord
-- @include splitLease

if limit <= 0 then
  return 0
end
local now = nowMillis()
local ids = redis.call('ZRANGE', activeKey, '-inf', now, 'BYSCORE', 'LIMIT', 0, limit)
if #ids == 0 then
  return 0
end
-- read (and check) every record before anything leaves active
local records = loadJobs(jobsKey, jobPrefix, ids, true)
local held = callInChunks('HMGET', leasesKey, ids)
callInChunks('ZREM', activeKey, ids)
callInChunks('HDEL', leasesKey, ids)
local nowText = msText(now)
local written = {}
local moved = 0
local requeued = 0
for i, id in ipairs(ids) do
  local r = records[i]
  if r then
    local _, leaseAttempt = splitLease(held[i])
    local attempt = tonumber(leaseAttempt) or tonumber(r.attempt) or 0
    r.attempt = msText(attempt)
    r.updated = nowText
    r.error = 'lease expired: worker lost during attempt ' .. attempt
    if attempt > tonumber(r.max) then
      redis.call('ZADD', deadKey, nowText, id)
      r.state = 'dead'
    else
      redis.call('RPUSH', pendingKey, id)
      r.state = 'pending'
      requeued = requeued + 1
    end
    written[#written + 1] = id
    written[#written + 1] = r
    moved = moved + 1
  end
end
saveJobs(jobsKey, written)
if requeued > 0 then
  redis.call('PUBLISH', wakeChannel, requeued)
end
return moved
