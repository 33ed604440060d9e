-- enqueue.lua: stores one new job, pending at once or scheduled for later, unless it is a
-- duplicate. A job is a duplicate (and nothing of it is written) when its caller-given id is
-- already stored in the queue, or when its uniqueness key is held. Uniqueness is a time window:
-- the key expires after uniqueTtl and is not released when the job completes.
--
-- KEYS[1] pending   (LIST)   ids waiting to be claimed; LPUSH adds at the tail
-- KEYS[2] scheduled (ZSET)   id -> due (ms)
-- KEYS[3] unique    (STRING) the uniqueness key, holding the holder's id with a PX ttl; unused
--                            when uniqueTtl is 0 (the caller then passes the queue's bare
--                            unique prefix, so the key still names this queue's slot)
-- KEYS[4] jobPrefix (PREFIX) "P:{q}:job:"; the job hash is jobPrefix..id. It carries the same
--                            {q} hash tag, so every job hash derived from it lives in this
--                            queue's slot and the script stays legal on Redis Cluster.
--
-- ARGV[1]  id            the job id
-- ARGV[2]  type          the handler type
-- ARGV[3]  queue         the queue name (stored in the hash, published on wake)
-- ARGV[4]  payload       the payload (bytes, stored as is)
-- ARGV[5]  maxRetries    retries allowed after the first attempt (count)
-- ARGV[6]  delay         time until the job is due (ms); 0 = pending at once
-- ARGV[7]  timeout       per-attempt timeout (ms); 0 = the worker's default
-- ARGV[8]  callerGivenId "1" when the caller chose the id (then a stored id is a duplicate)
-- ARGV[9]  uniqueTtl     how long the uniqueness key holds (ms); 0 = not unique
-- ARGV[10] wakeChannel   the queue's wake channel, published when pending goes from 0 to 1
--
-- Returns: {created, id, state}: created is 1 with the new job's id and state ("pending" or
--          "scheduled"), or 0 with the holder's id and state ("" when its hash is gone).
-- Errors:  none.
local pendingKey = KEYS[1]
local scheduledKey = KEYS[2]
local uniqueKey = KEYS[3]
local jobPrefix = KEYS[4]
local id = ARGV[1]
local jobType = ARGV[2]
local queue = ARGV[3]
local payload = ARGV[4]
local maxRetries = ARGV[5]
local delay = tonumber(ARGV[6])
local timeout = ARGV[7]
local callerGivenId = ARGV[8] == '1'
local uniqueTtl = ARGV[9]
local wakeChannel = ARGV[10]
local isUnique = tonumber(uniqueTtl) > 0

-- @include nowMillis

local jobKey = jobPrefix .. id
if callerGivenId and redis.call('EXISTS', jobKey) == 1 then
  return {0, id, redis.call('HGET', jobKey, 'state') or ''}
end
if isUnique and not redis.call('SET', uniqueKey, id, 'NX', 'PX', uniqueTtl) then
  local holder = redis.call('GET', uniqueKey)
  return {0, holder, redis.call('HGET', jobPrefix .. holder, 'state') or ''}
end

local now = nowMillis()
local due = now + delay
local state = 'pending'
if delay > 0 then
  state = 'scheduled'
end
redis.call('HSET', jobKey, 'v', '1', 'id', id, 'type', jobType, 'queue', queue,
  'payload', payload, 'state', state, 'attempt', 0, 'max', maxRetries, 'token', 0,
  'timeout', timeout, 'created', now, 'updated', now, 'due', due)
if isUnique then
  redis.call('HSET', jobKey, 'ukey', uniqueKey)
end
if delay > 0 then
  redis.call('ZADD', scheduledKey, due, id)
elseif redis.call('LPUSH', pendingKey, id) == 1 then
  redis.call('PUBLISH', wakeChannel, 1)
end
return {1, id, state}
