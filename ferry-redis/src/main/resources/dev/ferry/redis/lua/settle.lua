-- settle.lua: settles a batch of leases of one queue, in order, each only if its lease is still
-- held (the leases hash has the job with the lease's fencing token). Kinds:
--   c complete: the job becomes completed (final)
--   r retry:    a failed attempt with retries left; the job waits in retry delay ms (the promoter
--               then moves it to pending)
--   d dead:     retries spent, discarded, or no handler; final for workers
--   s snooze:   scheduled delay ms ahead, the attempt given back
--   b back:     released at shutdown; to the head of pending, the attempt given back
-- Settling writes the job hash once (state, updated, and the lease's attempt unless given back).
-- Per job that is one HSET; the leases are checked with one HMGET and dropped with one HDEL, and
-- active is left with one ZREM, for the whole batch; completions go into completed with one ZADD.
--
-- KEYS[1] active    (ZSET) id -> lease deadline (ms)
-- KEYS[2] leases    (HASH) id -> "token:attempt" of the lease held on it now
-- KEYS[3] completed (ZSET) id -> finish time (ms)
-- KEYS[4] retry     (ZSET) id -> due (ms)
-- KEYS[5] dead      (ZSET) id -> time of death (ms)
-- KEYS[6] scheduled (ZSET) id -> due (ms)
-- KEYS[7] pending   (LIST) ids waiting; RPUSH puts a released job at the claiming end
-- KEYS[8] jobPrefix (PREFIX) "P:{q}:job:"; job hashes are jobPrefix..id, in this queue's slot
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
local leasesKey = KEYS[2]
local completedKey = KEYS[3]
local retryKey = KEYS[4]
local deadKey = KEYS[5]
local scheduledKey = KEYS[6]
local pendingKey = KEYS[7]
local jobPrefix = KEYS[8]
local wakeChannel = ARGV[1]
local settleArgs = ARGV

-- @include nowMillis
-- @include splitLease

local FIELDS = 5
local FIRST = 2
local count = (#settleArgs - FIRST + 1) / FIELDS
if count > 1000 then
  return redis.error_reply('ERR settle: at most 1000 settlements per call')
end
if count == 0 then
  return {}
end
local STATES = {c = 'completed', r = 'retry', d = 'dead', s = 'scheduled', b = 'pending'}
local ids = {}
for i = 0, count - 1 do
  local kind = settleArgs[FIRST + i * FIELDS]
  if not STATES[kind] then
    return redis.error_reply('ERR settle: unknown kind ' .. kind)
  end
  ids[i + 1] = settleArgs[FIRST + i * FIELDS + 1]
end
local held = redis.call('HMGET', leasesKey, unpack(ids))
local now = nowMillis()
local nowText = msText(now)
local out = {}
local settled = {}
local left = {}
local completed = {}
local released = 0
for i = 0, count - 1 do
  local b = FIRST + i * FIELDS
  local kind = settleArgs[b]
  local id = ids[i + 1]
  local token, attempt = splitLease(held[i + 1])
  if token and token == settleArgs[b + 2] and not settled[id] then
    settled[id] = true
    left[#left + 1] = id
    local jobKey = jobPrefix .. id
    if kind == 'c' then
      -- the common case, without building a field table
      redis.call('HSET', jobKey, 'state', 'completed', 'updated', nowText, 'attempt', attempt)
      completed[#completed + 1] = nowText
      completed[#completed + 1] = id
    else
      local err = settleArgs[b + 4]
      local failed = kind == 'r' or kind == 'd'
      local fields = {'state', STATES[kind], 'updated', nowText}
      if failed then
        fields[#fields + 1] = 'attempt'
        fields[#fields + 1] = attempt
      end
      if failed and err ~= '' then
        fields[#fields + 1] = 'error'
        fields[#fields + 1] = err
      end
      if kind == 'r' or kind == 's' then
        local due = msText(now + tonumber(settleArgs[b + 3]))
        redis.call('ZADD', kind == 'r' and retryKey or scheduledKey, due, id)
        fields[#fields + 1] = 'due'
        fields[#fields + 1] = due
      elseif kind == 'd' then
        redis.call('ZADD', deadKey, nowText, id)
      else
        redis.call('RPUSH', pendingKey, id)
        released = released + 1
      end
      redis.call('HSET', jobKey, unpack(fields))
      if failed and err == '' then
        redis.call('HDEL', jobKey, 'error')
      end
    end
    out[i + 1] = 1
  else
    out[i + 1] = 0
  end
end
if #left > 0 then
  redis.call('HDEL', leasesKey, unpack(left))
  redis.call('ZREM', activeKey, unpack(left))
end
if #completed > 0 then
  redis.call('ZADD', completedKey, unpack(completed))
end
if released > 0 then
  redis.call('PUBLISH', wakeChannel, released)
end
return out
