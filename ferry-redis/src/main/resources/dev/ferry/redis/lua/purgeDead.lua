-- purgeDead.lua: deletes the oldest dead jobs (ZSET member and record), at most limit.
--
-- KEYS[1] dead      (ZSET) id -> time of death (ms)
-- KEYS[2] jobs      (HASH) id -> the job's packed record (include/jobRecord.lua)
-- KEYS[3] jobPrefix (PREFIX) "P:{q}:job:"; an earlier version's per-job hashes, jobPrefix..id, in
--                          this queue's slot (same {q} hash tag), so the script stays legal on
--                          Redis Cluster
--
-- ARGV[1] limit most jobs to delete (count)
--
-- Returns: how many jobs were deleted.
-- Errors:  none.
local deadKey = KEYS[1]
local jobsKey = KEYS[2]
local jobPrefix = KEYS[3]
local limit = tonumber(ARGV[1])

-- @include nowMillis
-- @include jobRecord

if limit <= 0 then
  return 0
end
local ids = redis.call('ZRANGE', deadKey, 0, limit - 1)
for _, id in ipairs(ids) do
  redis.call('ZREM', deadKey, id)
  dropJob(jobsKey, jobPrefix, id)
end
return #ids
