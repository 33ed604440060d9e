-- deleteJob.lua: deletes one job in any state: its entry in the structure of its state and its
-- record. A worker holding it finds its lease stale (the job is no longer active).
--
-- KEYS[1] pending   (LIST) ids waiting
-- KEYS[2] scheduled (ZSET) id -> due time (ms)
-- KEYS[3] retry     (ZSET) id -> due time (ms)
-- KEYS[4] active    (ZSET) id -> lease deadline (ms)
-- KEYS[5] completed (ZSET) id -> finish time (ms)
-- KEYS[6] dead      (ZSET) id -> time of death (ms)
-- KEYS[7] cancelled (ZSET) id -> cancel time (ms)
-- KEYS[8] job       (HASH) the job record
--
-- ARGV[1] id the job id
--
-- Returns: 1 if the job was deleted, 0 if it was not stored.
-- Errors:  none.
local pendingKey = KEYS[1]
local scheduledKey = KEYS[2]
local retryKey = KEYS[3]
local activeKey = KEYS[4]
local completedKey = KEYS[5]
local deadKey = KEYS[6]
local cancelledKey = KEYS[7]
local jobKey = KEYS[8]
local id = ARGV[1]

local state = redis.call('HGET', jobKey, 'state')
if not state then
  return 0
end
local sets = {
  scheduled = scheduledKey, retry = retryKey, active = activeKey,
  completed = completedKey, dead = deadKey, cancelled = cancelledKey
}
if state == 'pending' then
  redis.call('LREM', pendingKey, 1, id)
elseif sets[state] then
  redis.call('ZREM', sets[state], id)
end
redis.call('DEL', jobKey)
return 1
