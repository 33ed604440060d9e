-- deleteJob.lua: deletes one job in any state: its entry in the structure of its state, its lease
-- if it is active, and its record. A worker holding it finds its lease stale.
--
-- KEYS[1] pending   (LIST) ids waiting
-- KEYS[2] scheduled (ZSET) id -> due time (ms)
-- KEYS[3] retry     (ZSET) id -> due time (ms)
-- KEYS[4] active    (ZSET) id -> lease deadline (ms)
-- KEYS[5] leases    (HASH) id -> "token:attempt" of the lease held on it now
-- KEYS[6] completed (ZSET) id -> finish time (ms)
-- KEYS[7] dead      (ZSET) id -> time of death (ms)
-- KEYS[8] cancelled (ZSET) id -> cancel time (ms)
-- KEYS[9] jobs      (HASH) id -> the job's packed record (include/jobRecord.lua)
-- KEYS[10] jobPrefix (PREFIX) "P:{q}:job:"; an earlier version's per-job hashes, jobPrefix..id, in
--                          this queue's slot (same {q} hash tag), so the script stays legal on
--                          Redis Cluster
--
-- ARGV[1] id the job id
--
-- Returns: 1 if the job was deleted, 0 if it was not stored.
-- Errors:  none.
local pendingKey = KEYS[1]
local scheduledKey = KEYS[2]
local retryKey = KEYS[3]
local activeKey = KEYS[4]
local leasesKey = KEYS[5]
local completedKey = KEYS[6]
local deadKey = KEYS[7]
local cancelledKey = KEYS[8]
local jobsKey = KEYS[9]
local jobPrefix = KEYS[10]
local id = ARGV[1]

-- @include nowMillis
-- @include jobRecord

local packed = loadPacked(jobsKey, jobPrefix, {id}, false)[1]
if not packed then
  return 0
end
local readable, r = pcall(unpackJob, packed)
-- a record this version cannot read was put in dead by claim
local state = readable and r.state or 'dead'
local sets = {
  scheduled = scheduledKey, retry = retryKey, active = activeKey,
  completed = completedKey, dead = deadKey, cancelled = cancelledKey
}
if redis.call('HDEL', leasesKey, id) == 1 then
  -- active: the record still says the state it was claimed from
  redis.call('ZREM', activeKey, id)
elseif state == 'pending' then
  redis.call('LREM', pendingKey, 1, id)
elseif sets[state] then
  redis.call('ZREM', sets[state], id)
end
dropJob(jobsKey, jobPrefix, id)
return 1
