-- retryNow.lua: an operator's "run it now": moves a scheduled, retry or dead job to the tail of
-- pending at once. A dead job's attempts are reset; a retry keeps them.
--
-- KEYS[1] scheduled (ZSET) id -> due time (ms)
-- KEYS[2] retry     (ZSET) id -> due time (ms)
-- KEYS[3] dead      (ZSET) id -> time of death (ms)
-- KEYS[4] pending   (LIST) ids waiting; LPUSH adds at the tail
-- KEYS[5] jobs      (HASH) id -> the job's packed record (include/jobRecord.lua)
-- KEYS[6] jobPrefix (PREFIX) "P:{q}:job:"; an earlier version's per-job hashes, jobPrefix..id, in
--                          this queue's slot (same {q} hash tag), so the script stays legal on
--                          Redis Cluster
--
-- ARGV[1] id          the job id
-- ARGV[2] wakeChannel the queue's wake channel, published when the job moved
--
-- Returns: 1 if the job moved, 0 if it is in no such state (or not stored).
-- Errors:  "ERR job record of an unknown format: <start>" when a record it
--          must rewrite cannot be read (raised before anything is written or moved)
local scheduledKey = KEYS[1]
local retryKey = KEYS[2]
local deadKey = KEYS[3]
local pendingKey = KEYS[4]
local jobsKey = KEYS[5]
local jobPrefix = KEYS[6]
local id = ARGV[1]
local wakeChannel = ARGV[2]

-- @include nowMillis
-- @include jobRecord

-- not moved yet: an active job (of an old worker, too) must be left as it is
local r = loadJob(jobsKey, jobPrefix, id, false)
local state = r and r.state
local from
if state == 'scheduled' then
  from = scheduledKey
elseif state == 'retry' then
  from = retryKey
elseif state == 'dead' then
  from = deadKey
else
  return 0
end
if redis.call('ZREM', from, id) == 0 then
  return 0
end
if state == 'dead' then
  r.attempt = nil
end
r.state = 'pending'
r.updated = msText(nowMillis())
saveJobs(jobsKey, {id, r})
redis.call('DEL', jobPrefix .. id)
redis.call('LPUSH', pendingKey, id)
redis.call('PUBLISH', wakeChannel, 1)
return 1
