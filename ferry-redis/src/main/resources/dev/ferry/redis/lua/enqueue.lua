-- enqueue.lua: stores a batch of new jobs of one queue, each pending at once or scheduled for
-- later, unless it is a duplicate. A job is a duplicate (and nothing of it is written) when its
-- caller-given id is already stored in the queue (also by an earlier job of the same batch), or
-- when its uniqueness key is held. Uniqueness is a time window: the key expires after uniqueTtl
-- and is not released when the job completes. New pending jobs are appended with one LPUSH, in
-- batch order, and the wake channel is published once if pending was empty. With an event cap,
-- each job created also gets its "enqueued" line in the queue's event log, in the same step (the
-- client would otherwise need a second round trip per enqueue for it); the lines are written
-- last and a failure to write them is ignored, so they never cost a job.
-- A record holds only what cannot be derived: state max created type payload, plus due (when
-- scheduled), timeout (when set) and ukey (when unique); attempt is 0 and updated is created
-- until written. The batch's records are written with one HSET into the jobs hash.
--
-- KEYS[1] pending      (LIST)   ids waiting to be claimed; LPUSH adds at the tail
-- KEYS[2] scheduled    (ZSET)   id -> due (ms)
-- KEYS[3] uniquePrefix (PREFIX) "P:{q}:unique:"; a job's uniqueness key is uniquePrefix..uniqueKey
--                               (a STRING holding the holder's id with a PX ttl), in this slot
-- KEYS[4] jobs         (HASH)   id -> the job's packed record (include/jobRecord.lua)
-- KEYS[5] jobPrefix    (PREFIX) "P:{q}:job:"; where a store of an earlier version keeps a job in
--                               a hash of its own, jobPrefix..id (read for duplicates). It carries
--                               the same {q} hash tag, so every key derived from it lives in this
--                               queue's slot and the script stays legal on Redis Cluster.
-- KEYS[6] leases       (HASH)   id -> lease of each active job: a held duplicate is reported active
-- KEYS[7] events       (STREAM) the queue's capped event log (written only when eventCap > 0)
--
-- ARGV[1] wakeChannel the queue's wake channel, published when pending goes from empty to not
-- ARGV[2] eventCap    most events the log keeps (XADD MAXLEN ~ eventCap); 0 = no event log
-- ARGV[3] queue       the queue's name, as the events name it ("" without the event log)
-- ARGV[4..] per job, 9 values: id (the job id), type (the handler type), payload (bytes, stored
--           as is), maxRetries (retries after the first attempt, count), delay (time until due,
--           ms; 0 = pending at once), timeout (per-attempt timeout, ms; 0 = worker default),
--           callerGivenId ("1" when the caller chose the id), uniqueKey (the uniqueness key; ""
--           when not unique), uniqueTtl (how long the uniqueness key holds, ms; 0 = not unique).
--           At most 1,000 jobs per call.
--
-- Returns: the duplicates only, as a flat array of 3 fields each, in batch order: position (the
--          job's 1-based place in this call), the holder's id, the holder's state ("" when its
--          record is gone). Every job not listed was created: pending when its delay is 0, else
--          scheduled. (A batch of new jobs answers an empty array.)
-- Errors:  "ERR enqueue: at most 1000 jobs per call" when the batch is larger.
local pendingKey = KEYS[1]
local scheduledKey = KEYS[2]
local uniquePrefix = KEYS[3]
local jobsKey = KEYS[4]
local jobPrefix = KEYS[5]
local leasesKey = KEYS[6]
local eventsKey = KEYS[7]
local wakeChannel = ARGV[1]
local eventCap = ARGV[2]
local queue = ARGV[3]
local jobArgs = ARGV
local logged = eventCap ~= '0'

-- @include nowMillis
-- @include jobRecord

-- ids written earlier in this batch (their records are written together at the end)
local written = {}

-- the state of a stored job as operators see it ("" when its record is gone): an active job's
-- record still says the state it was claimed from, its lease says active
local function storedState(id)
  if redis.call('HEXISTS', leasesKey, id) == 1 then
    return 'active'
  end
  if written[id] then
    return written[id]
  end
  local r = loadJob(jobsKey, jobPrefix, id, false)
  return r and r.state or ''
end

local FIELDS = 9
local FIRST = 4
local count = (#jobArgs - FIRST + 1) / FIELDS
if count > 1000 then
  return redis.error_reply('ERR enqueue: at most 1000 jobs per call')
end
local now = nowMillis()
local nowText = msText(now)
local out = {}
local records = {}
local pendingIds = {}
local toLog = {}
for i = 0, count - 1 do
  local b = FIRST + i * FIELDS
  local id = jobArgs[b]
  local delay = tonumber(jobArgs[b + 4])
  local callerGivenId = jobArgs[b + 6] == '1'
  local uniqueTtl = jobArgs[b + 8]
  local isUnique = tonumber(uniqueTtl) > 0
  local uniqueKey = isUnique and (uniquePrefix .. jobArgs[b + 7])
  local n = #out
  local heldState = callerGivenId and storedState(id) or ''
  if heldState ~= '' then
    out[n + 1] = i + 1
    out[n + 2] = id
    out[n + 3] = heldState
  elseif isUnique and not redis.call('SET', uniqueKey, id, 'NX', 'PX', uniqueTtl) then
    local holder = redis.call('GET', uniqueKey)
    out[n + 1] = i + 1
    out[n + 2] = holder
    out[n + 3] = storedState(holder)
  else
    local state = 'pending'
    local due
    local timeout = jobArgs[b + 5]
    if delay > 0 then
      state = 'scheduled'
      due = msText(now + delay)
    end
    local r = #records
    records[r + 1] = id
    records[r + 2] = {state = state, max = jobArgs[b + 3], created = nowText, type = jobArgs[b + 1],
      payload = jobArgs[b + 2], due = due, timeout = timeout ~= '0' and timeout or nil, ukey = uniqueKey or nil}
    written[id] = state
    if delay > 0 then
      redis.call('ZADD', scheduledKey, due, id)
    else
      pendingIds[#pendingIds + 1] = id
    end
    if logged then
      toLog[#toLog + 1] = b
    end
  end
end
saveJobs(jobsKey, records)
if #pendingIds > 0 and redis.call('LPUSH', pendingKey, unpack(pendingIds)) == #pendingIds then
  redis.call('PUBLISH', wakeChannel, 1)
end
-- Last, and best-effort: the jobs are stored whatever happens to their lines (pcall: a broken
-- stream key must not fail the enqueue after its writes). The fields are appendEvents.lua's.
for _, b in ipairs(toLog) do
  redis.pcall('XADD', eventsKey, 'MAXLEN', '~', eventCap, '*', 'k', 'enqueued', 'id', jobArgs[b], 'q', queue,
    't', jobArgs[b + 1], 'a', '0', 'at', nowText)
end
return out
