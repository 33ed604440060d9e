-- settle.lua: settles a batch of leases of one queue, in order, each only if its lease is still
-- held (the leases hash has the job with the lease's fencing token). Kinds:
--   c complete: the job becomes completed (final)
--   r retry:    a failed attempt with retries left; the job waits in retry delay ms (the promoter
--               then moves it to pending)
--   d dead:     retries spent, discarded, or no handler; final for workers
--   s snooze:   scheduled delay ms ahead, the attempt given back
--   b back:     released at shutdown; to the head of pending, the attempt given back
-- Settling rewrites the job's record once (state, updated, and the lease's attempt unless given
-- back). For the whole batch, the leases are checked with one HMGET and dropped with one HDEL,
-- active is left with one ZREM, the records are read with one HMGET and written with one HSET, and
-- completions go into completed with one ZADD. A job an earlier version stored in a hash of its
-- own is moved into the jobs hash. A held lease whose job record is gone is dropped, and nothing
-- else is written for it.
--
-- KEYS[1] active    (ZSET) id -> lease deadline (ms)
-- KEYS[2] leases    (HASH) id -> "token:attempt" of the lease held on it now
-- KEYS[3] completed (ZSET) id -> finish time (ms)
-- KEYS[4] retry     (ZSET) id -> due (ms)
-- KEYS[5] dead      (ZSET) id -> time of death (ms)
-- KEYS[6] scheduled (ZSET) id -> due (ms)
-- KEYS[7] pending   (LIST) ids waiting; RPUSH puts a released job at the claiming end
-- KEYS[8] jobs      (HASH) id -> the job's packed record (include/jobRecord.lua)
-- KEYS[9] jobPrefix (PREFIX) "P:{q}:job:"; an earlier version's per-job hashes, jobPrefix..id, in
--                          this queue's slot (same {q} hash tag), so the script stays legal on
--                          Redis Cluster
--
-- ARGV[1] wakeChannel the queue's wake channel, published when a job was released to pending
-- ARGV[2..] per settlement, 5 values: kind (c, r, d, s or b), id (the job id), token (the lease's
--           fencing token), delay (retry backoff or snooze, ms; 0 otherwise), error (the
--           attempt's error for r and d; "" = none). At most 1,000 settlements per call.
--
-- Returns: an array with one entry per settlement, in order: 1 when applied, 0 when the lease is
--          stale (nothing changed for that job; also for a second settlement of one lease).
-- Errors:  "ERR settle: at most 1000 settlements per call"; "ERR settle: unknown kind <k>"
--          (checked before anything is written). A record this version cannot read is left as
--          it is and its id goes to dead (its settlement still answers 1: the lease was held).
local activeKey = KEYS[1]
local leasesKey = KEYS[2]
local completedKey = KEYS[3]
local retryKey = KEYS[4]
local deadKey = KEYS[5]
local scheduledKey = KEYS[6]
local pendingKey = KEYS[7]
local jobsKey = KEYS[8]
local jobPrefix = KEYS[9]
local wakeChannel = ARGV[1]
local settleArgs = ARGV

-- @include nowMillis
-- @include splitLease
-- @include jobRecord

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
local attempts = {}
for i = 0, count - 1 do
  local b = FIRST + i * FIELDS
  local id = ids[i + 1]
  local token, attempt = splitLease(held[i + 1])
  if token and token == settleArgs[b + 2] and not settled[id] then
    settled[id] = i
    left[#left + 1] = id
    attempts[#left] = attempt
    out[i + 1] = 1
  else
    out[i + 1] = 0
  end
end
local packed = loadPacked(jobsKey, jobPrefix, left, true)
local written = {}
local completed = {}
local released = 0
for j, id in ipairs(left) do
  local v = packed[j]
  if v then
    local b = FIRST + settled[id] * FIELDS
    local kind = settleArgs[b]
    local state = STATES[kind]
    local readable, r
    if kind == 'c' then
      -- the common case: only the head of the record changes
      readable, r = pcall(restate, v, state, attempts[j], nowText)
    elseif kind == 'b' then
      readable, r = pcall(restate, v, state, nil, nowText)
    else
      readable, r = pcall(unpackJob, v)
    end
    if not readable then
      -- a record this version cannot read is not rewritten, and not lost: it goes to dead
      redis.call('ZADD', deadKey, nowText, id)
    elseif kind == 'c' then
      completed[#completed + 1] = nowText
      completed[#completed + 1] = id
    elseif kind == 'b' then
      redis.call('RPUSH', pendingKey, id)
      released = released + 1
    else
      r.state = state
      r.updated = nowText
      if kind == 'r' or kind == 'd' then
        local err = settleArgs[b + 4]
        r.attempt = attempts[j]
        r.error = err ~= '' and err or nil
      end
      if kind == 'd' then
        redis.call('ZADD', deadKey, nowText, id)
      else
        r.due = msText(now + tonumber(settleArgs[b + 3]))
        redis.call('ZADD', kind == 'r' and retryKey or scheduledKey, r.due, id)
      end
    end
    if readable then
      written[#written + 1] = id
      written[#written + 1] = r
    end
  end
end
saveJobs(jobsKey, written)
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
