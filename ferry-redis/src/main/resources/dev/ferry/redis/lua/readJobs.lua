-- readJobs.lua: reads jobs of one queue for operators, each with its lease, in one step (so a
-- settlement never lands between a job's record and its lease). Writes nothing: a job an
-- earlier version stored in a hash of its own is read from there as it is.
--
-- KEYS[1] jobs      (HASH) id -> the job's packed record (include/jobRecord.lua)
-- KEYS[2] jobPrefix (PREFIX) "P:{q}:job:"; an earlier version's per-job hashes, jobPrefix..id, in
--                          this queue's slot (same {q} hash tag), so the script stays legal on
--                          Redis Cluster
-- KEYS[3] leases    (HASH) id -> "token:attempt" of the lease held on it now
--
-- ARGV[1..] per job, 1 value: id (the job id). At most 1,000 ids per call.
--
-- Returns: an array with one entry per id, in order: the job's fields as a flat name/value array
--          (state max created type payload, and attempt updated due timeout error ukey when they
--          have a value; times in epoch ms), with "lease" and its "token:attempt" last while the
--          job is active; an empty array when the job is not stored. A record this version cannot
--          read is answered as dead, with the reason as its error and the stored value as payload.
-- Errors:  "ERR readJobs: at most 1000 ids per call".
local jobsKey = KEYS[1]
local jobPrefix = KEYS[2]
local leasesKey = KEYS[3]
local ids = ARGV

-- @include nowMillis
-- @include jobRecord

if #ids > 1000 then
  return redis.error_reply('ERR readJobs: at most 1000 ids per call')
end
if #ids == 0 then
  return {}
end
local leases = redis.call('HMGET', leasesKey, unpack(ids))
local packed = loadPacked(jobsKey, jobPrefix, ids, false)
local out = {}
for i = 1, #ids do
  local fields = {}
  if packed[i] then
    local readable, r = pcall(unpackJob, packed[i])
    if not readable then
      -- shown, not hidden: claim has put it in dead
      r = {state = 'dead', max = '0', created = '0', type = '', payload = packed[i],
        error = 'unreadable job record: ' .. tostring(r)}
    end
    fields = jobFields(r)
    if leases[i] then
      fields[#fields + 1] = 'lease'
      fields[#fields + 1] = leases[i]
    end
  end
  out[i] = fields
end
return out
