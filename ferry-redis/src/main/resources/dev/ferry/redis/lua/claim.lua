-- claim.lua: claims up to max pending jobs of one queue, oldest first, each under a new lease.
-- A lease is an entry in the queue's leases hash (id -> "token:attempt") plus the job's deadline
-- in active; the job's record is not written until the lease is settled or reaped, so a claim
-- costs, for the whole batch, one RPOP, one INCRBY (the fencing tokens), one HMGET (the records),
-- one HSET (the leases) and one ZADD (the deadlines); one more RPOP, INCRBY and HMGET per round
-- of dropped ids. Every claim spends an attempt: the lease records attempt = stored attempt + 1,
-- and settling or reaping writes it to the job. Ids whose record is gone are dropped and more are
-- popped in their place, so a reply shorter than max means pending is empty and the worker may
-- wait for a wake-up; after 1,000 dropped ids the call stops and says "more" instead, so one call
-- never walks a long run of them. A job an earlier version stored in a hash of its own is moved
-- into the jobs hash on its first claim; its old hash, and with it a version-1 hash's own token
-- field, is deleted, so a worker of the old version can no longer settle it. A record this version
-- cannot read (corrupt, or of a later format) is not run and not lost: its id goes to dead, where
-- operators see it with the reason.
--
-- KEYS[1] pending   (LIST) ids waiting to be claimed; RPOP takes the oldest
-- KEYS[2] active    (ZSET) id -> lease deadline (ms)
-- KEYS[3] leases    (HASH) id -> "token:attempt" of the lease held on it now
-- KEYS[4] tokens    (STRING) the queue's fencing-token counter; each lease takes the next value
-- KEYS[5] jobs      (HASH) id -> the job's packed record (include/jobRecord.lua)
-- KEYS[6] jobPrefix (PREFIX) "P:{q}:job:"; an earlier version's per-job hashes, jobPrefix..id, in
--                          this queue's slot (same {q} hash tag), so the script stays legal on
--                          Redis Cluster
-- KEYS[7] paused    (STRING) present while the queue is paused: then nothing is claimed
-- KEYS[8] dead      (ZSET) id -> time of death (ms): where an unreadable record's id goes
--
-- ARGV[1] max          most jobs to claim (count; capped at 1,000 per call)
-- ARGV[2] leaseTimeout how long the lease holds (ms)
--
-- Returns: a flat array, 9 fields per claimed job: id, token, type, payload, attempt,
--          maxRetries, timeout (ms), due (ms), leaseDeadline (ms); then one more element, "more",
--          when the call stopped short after dropping 1,000 ids with jobs still pending (call again).
-- Errors:  none.
local pendingKey = KEYS[1]
local activeKey = KEYS[2]
local leasesKey = KEYS[3]
local tokensKey = KEYS[4]
local jobsKey = KEYS[5]
local jobPrefix = KEYS[6]
local pausedKey = KEYS[7]
local deadKey = KEYS[8]
local max = tonumber(ARGV[1])
local leaseTimeout = tonumber(ARGV[2])

-- @include nowMillis
-- @include jobRecord

max = math.min(max, 1000)
if max <= 0 or redis.call('EXISTS', pausedKey) == 1 then
  return {}
end
local now = nowMillis()
local deadline = now + leaseTimeout
local deadlineText = msText(deadline)
local nowText = msText(now)
local out = {}
local leases = {}
local deadlines = {}
local claimed = 0
local dropped = 0
while claimed < max and dropped < 1000 do
  local ids = redis.call('RPOP', pendingKey, max - claimed)
  if not ids then
    break
  end
  -- tokens first+1 .. first+#ids are this round's; a token is never handed out twice
  local first = redis.call('INCRBY', tokensKey, #ids) - #ids
  local packed = loadPacked(jobsKey, jobPrefix, ids, true)
  for i, id in ipairs(ids) do
    local v = packed[i]
    local readable, _, attempt, maxRetries, created, due, timeout, jobType, payload
    if v then
      readable, _, attempt, maxRetries, created, _, due, timeout, jobType, _, _, payload = pcall(splitJob, v)
      if not readable then
        redis.call('ZADD', deadKey, nowText, id)
      end
    end
    if readable then
      claimed = claimed + 1
      local token = first + i
      attempt = (tonumber(attempt) or 0) + 1
      leases[#leases + 1] = id
      leases[#leases + 1] = token .. ':' .. attempt
      deadlines[#deadlines + 1] = deadlineText
      deadlines[#deadlines + 1] = id
      local n = #out
      out[n + 1] = id
      out[n + 2] = token
      out[n + 3] = jobType
      out[n + 4] = payload
      out[n + 5] = attempt
      out[n + 6] = maxRetries
      out[n + 7] = tonumber(timeout) or 0
      out[n + 8] = tonumber(created) + (tonumber(due) or 0)
      out[n + 9] = deadline
    else
      dropped = dropped + 1
    end
  end
end
if #leases > 0 then
  redis.call('HSET', leasesKey, unpack(leases))
  redis.call('ZADD', activeKey, unpack(deadlines))
end
if claimed < max and dropped >= 1000 and redis.call('LLEN', pendingKey) > 0 then
  out[#out + 1] = 'more'
end
return out
