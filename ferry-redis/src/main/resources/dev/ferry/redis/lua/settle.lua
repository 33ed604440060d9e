-- settle.lua: settles a batch of leases of one queue, in order, each only if its lease is still
-- held (the job is active and its fencing token is the lease's). Kinds:
--   c complete: the job becomes completed (final)
--   r retry:    a failed attempt with retries left; the job waits in retry delay ms (the promoter
--               then moves it to pending)
--   d dead:     retries spent, discarded, or no handler; final for workers
--   s snooze:   scheduled delay ms ahead, the attempt given back
--   b back:     released at shutdown; to the head of pending, the attempt given back
-- Per job it costs one HGET (the token check) and one HSET; active is checked with one ZMSCORE,
-- and left with one ZREM, for the whole batch; completions go into completed with one ZADD.
--
-- KEYS[1] active    (ZSET) id -> lease deadline (ms)
-- KEYS[2] completed (ZSET) id -> finish time (ms)
-- KEYS[3] retry     (ZSET) id -> due (ms)
-- KEYS[4] dead      (ZSET) id -> time of death (ms)
-- KEYS[5] scheduled (ZSET) id -> due (ms)
-- KEYS[6] pending   (LIST) ids waiting; RPUSH puts a released job at the claiming end
-- KEYS[7] jobPrefix (PREFIX) "P:{q}:job:"; job hashes are jobPrefix..id, in this queue's slot
--                          (same {q} hash tag), so the script stays legal on Redis Cluster
--
-- ARGV[1] wakeChannel the queue's wake channel, published when a job was released to pending
-- ARGV[2..] per settlement, 5 values: kind (c, r, d, s or b), id (the job id), token (the lease's
--           fencing token), delay (retry backoff or snooze, ms; 0 otherwise), error (the
--           attempt's error for r and d; "" = none). At most 1,000 settlements per call.
--
-- Returns: an array with one entry per settlement, in order: 1 when applied, 0 when the lease is
--          stale (nothing changed for that job; also for a second settlement of one lease).
-- Errors:  "ERR settle: at most 1000 settlements per call"; "ERR settle: unknown kind <k>"
--          (checked before anything is written).
local activeKey = KEYS[1]
local completedKey = KEYS[2]
local retryKey = KEYS[3]
local deadKey = KEYS[4]
local scheduledKey = KEYS[5]
local pendingKey = KEYS[6]
local jobPrefix = KEYS[7]
local wakeChannel = ARGV[1]
local settleArgs = ARGV

-- @include nowMillis

local FIELDS = 5
local FIRST = 2
local count = (#settleArgs - FIRST + 1) / FIELDS
if count > 1000 then
  return redis.error_reply('ERR settle: at most 1000 settlements per call')
end
if count == 0 then
  return {}
end
local KINDS = {c = true, r = true, d = true, s = true, b = true}
local ids = {}
for i = 0, count - 1 do
  local kind = settleArgs[FIRST + i * FIELDS]
  if not KINDS[kind] then
    return redis.error_reply('ERR settle: unknown kind ' .. kind)
  end
  ids[i + 1] = settleArgs[FIRST + i * FIELDS + 1]
end
local scores = redis.call('ZMSCORE', activeKey, unpack(ids))
local now = nowMillis()
local out = {}
local settled = {}
local left = {}
local completed = {}
local released = 0
for i = 0, count - 1 do
  local b = FIRST + i * FIELDS
  local kind = settleArgs[b]
  local id = settleArgs[b + 1]
  local jobKey = jobPrefix .. id
  if scores[i + 1] and not settled[id] and redis.call('HGET', jobKey, 'token') == settleArgs[b + 2] then
    settled[id] = true
    left[#left + 1] = id
    local err = settleArgs[b + 4]
    if kind == 'c' then
      completed[#completed + 1] = now
      completed[#completed + 1] = id
      redis.call('HSET', jobKey, 'state', 'completed', 'updated', now)
    elseif kind == 'r' then
      local due = now + tonumber(settleArgs[b + 3])
      redis.call('ZADD', retryKey, due, id)
      redis.call('HSET', jobKey, 'state', 'retry', 'updated', now, 'due', due)
    elseif kind == 'd' then
      redis.call('ZADD', deadKey, now, id)
      redis.call('HSET', jobKey, 'state', 'dead', 'updated', now)
    elseif kind == 's' then
      local due = now + tonumber(settleArgs[b + 3])
      redis.call('ZADD', scheduledKey, due, id)
      redis.call('HINCRBY', jobKey, 'attempt', -1)
      redis.call('HSET', jobKey, 'state', 'scheduled', 'updated', now, 'due', due)
    else
      redis.call('RPUSH', pendingKey, id)
      redis.call('HINCRBY', jobKey, 'attempt', -1)
      redis.call('HSET', jobKey, 'state', 'pending', 'updated', now)
      released = released + 1
    end
    if kind == 'r' or kind == 'd' then
      if err == '' then
        redis.call('HDEL', jobKey, 'error')
      else
        redis.call('HSET', jobKey, 'error', err)
      end
    end
    out[i + 1] = 1
  else
    out[i + 1] = 0
  end
end
if #left > 0 then
  redis.call('ZREM', activeKey, unpack(left))
end
if #completed > 0 then
  redis.call('ZADD', completedKey, unpack(completed))
end
if released > 0 then
  redis.call('PUBLISH', wakeChannel, released)
end
return out
