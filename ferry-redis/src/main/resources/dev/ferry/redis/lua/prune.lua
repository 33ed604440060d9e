-- prune.lua: deletes completed and dead jobs outside the retention, oldest first, at most
-- limit in all: those finished before now - keepFor, then those beyond the keepMax newest.
--
-- KEYS[1] completed (ZSET) id -> finish time (ms)
-- KEYS[2] dead      (ZSET) id -> time of death (ms)
-- KEYS[3] jobs      (HASH) id -> the job's packed record (include/jobRecord.lua)
-- KEYS[4] jobPrefix (PREFIX) "P:{q}:job:"; an earlier version's per-job hashes, jobPrefix..id, in
--                          this queue's slot (same {q} hash tag), so the script stays legal on
--                          Redis Cluster
--
-- ARGV[1] completedFor completed jobs older than this are deleted (ms)
-- ARGV[2] completedMax at most this many completed jobs are kept (count)
-- ARGV[3] deadFor      dead jobs older than this are deleted (ms)
-- ARGV[4] deadMax      at most this many dead jobs are kept (count)
-- ARGV[5] limit        most jobs to delete in this call (count)
--
-- Returns: how many jobs were deleted.
-- Errors:  none.
local completedKey = KEYS[1]
local deadKey = KEYS[2]
local jobsKey = KEYS[3]
local jobPrefix = KEYS[4]
local completedFor = tonumber(ARGV[1])
local completedMax = tonumber(ARGV[2])
local deadFor = tonumber(ARGV[3])
local deadMax = tonumber(ARGV[4])
local limit = tonumber(ARGV[5])

-- @include nowMillis
-- @include jobRecord

local now = nowMillis()

local function delete(key, ids)
  for _, id in ipairs(ids) do
    redis.call('ZREM', key, id)
    dropJob(jobsKey, jobPrefix, id)
  end
  return #ids
end

local function pruneSet(key, keepFor, keepMax, budget)
  if budget <= 0 then
    return 0
  end
  local old = redis.call('ZRANGE', key, '-inf', '(' .. (now - keepFor), 'BYSCORE', 'LIMIT', 0, budget)
  local deleted = delete(key, old)
  local excess = math.min(redis.call('ZCARD', key) - keepMax, budget - deleted)
  if excess > 0 then
    deleted = deleted + delete(key, redis.call('ZRANGE', key, 0, excess - 1))
  end
  return deleted
end

local deleted = pruneSet(completedKey, completedFor, completedMax, limit)
return deleted + pruneSet(deadKey, deadFor, deadMax, limit - deleted)
