-- Job records (ADR 0009). A queue's jobs live in one hash, P:{q}:jobs, id -> the whole record
-- packed into one value, so a job costs one hash entry instead of a key of its own. Needs
-- nowMillis included before it (msText).
--
-- A record is a table of text fields: state, max, created, type, payload always; attempt,
-- updated, due, timeout, error, ukey nil until they have a value of their own (an absent attempt
-- is 0, an absent updated or due is created, an absent timeout the worker's default). Times are
-- epoch ms. Packed, in this order:
--   3,<state>,<attempt>,<max>,<created>,<updated>,<due>,<timeout>,<n>:<type><n>:<error><n>:<ukey><payload>
-- "3" is the format; the seven fields after it are names or decimal numbers (never a comma);
-- updated and due are stored as ms after created; each <n>:<text> is a length and that many
-- bytes, so type, error and ukey may hold any byte; the payload runs to the end, as is.
--
-- Stores written before the jobs hash keep each job in a hash of its own, jobPrefix..id
-- (schemas 1 and 2, with the same field names). loadPacked reads those too and, asked to move
-- them, writes them into the jobs hash and deletes the old key, so every store converts job by
-- job as its jobs are touched.

local RECORD_FIELDS = {'state', 'attempt', 'max', 'created', 'updated', 'due', 'timeout', 'type', 'error',
  'ukey', 'payload'}

local function orNil(text)
  if text == '' then
    return nil
  end
  return text
end

local function sinceCreated(ms, created)
  if not ms or ms == created then
    return ''
  end
  return msText(tonumber(ms) - tonumber(created))
end

local function fromCreated(offset, created)
  if offset == '' then
    return nil
  end
  return msText(tonumber(created) + tonumber(offset))
end

-- an attempt as stored: "" for none (nil, 0 or "0")
local function storedAttempt(attempt)
  if not attempt or attempt == '0' or attempt == 0 then
    return ''
  end
  return attempt
end

-- packJob(r): the record as the jobs hash stores it
local function packJob(r)
  local t, e, u = r.type, r.error or '', r.ukey or ''
  return '3,' .. r.state .. ',' .. storedAttempt(r.attempt) .. ',' .. r.max .. ',' .. r.created .. ','
    .. sinceCreated(r.updated, r.created) .. ',' .. sinceCreated(r.due, r.created) .. ',' .. (r.timeout or '')
    .. ',' .. #t .. ':' .. t .. #e .. ':' .. e .. #u .. ':' .. u .. r.payload
end

-- the seven fields after the format, and where the length-prefixed strings start
local HEAD = '^3,([^,]*),([^,]*),([^,]*),([^,]*),([^,]*),([^,]*),([^,]*),()'

local function badFormat(v)
  return error('ERR job record of an unknown format: ' .. string.sub(v, 1, 8))
end

-- the <n>:<text> at pos of v: the text and the position after it
local function lengthPrefixed(v, pos)
  local n, at = string.match(v, '^(%d+):()', pos)
  if not n then
    badFormat(v)
  end
  local after = at + tonumber(n)
  return string.sub(v, at, after - 1), after
end

-- splitJob(v): the fields of a packed record as they are stored, without building a table (claim
-- reads every job it takes): state, attempt, max, created, updated, due, timeout, type, error,
-- ukey, payload; updated and due as ms after created; "" where absent
local function splitJob(v)
  local state, attempt, max, created, updated, due, timeout, pos = string.match(v, HEAD)
  if not pos then
    badFormat(v)
  end
  local jobType, err, ukey
  jobType, pos = lengthPrefixed(v, pos)
  err, pos = lengthPrefixed(v, pos)
  ukey, pos = lengthPrefixed(v, pos)
  return state, attempt, max, created, updated, due, timeout, jobType, err, ukey, string.sub(v, pos)
end

-- unpackJob(v): the record packJob wrote, as a table; an error for a value of another format
local function unpackJob(v)
  local state, attempt, max, created, updated, due, timeout, jobType, err, ukey, payload = splitJob(v)
  return {state = state, attempt = orNil(attempt), max = max, created = created,
    updated = fromCreated(updated, created), due = fromCreated(due, created), timeout = orNil(timeout),
    type = jobType, error = orNil(err), ukey = orNil(ukey), payload = payload}
end

-- restate(v, state, attempt, updated): the packed record v with its state and updated time
-- replaced, and its attempt too unless attempt is nil; the rest of v is kept as it is, unread
local RESTATE = '^3,[^,]*,([^,]*),([^,]*),([^,]*),[^,]*,()'
local function restate(v, state, attempt, updated)
  local oldAttempt, max, created, pos = string.match(v, RESTATE)
  if not pos then
    badFormat(v)
  end
  if attempt == nil then
    attempt = oldAttempt
  end
  return '3,' .. state .. ',' .. storedAttempt(attempt) .. ',' .. max .. ',' .. created .. ',' .. sinceCreated(updated, created) .. ','
    .. string.sub(v, pos)
end

-- the record of an old per-job hash (its HGETALL reply), or nil when it holds no whole record
local function fromOldHash(flat)
  local r = {}
  for i = 1, #flat, 2 do
    r[flat[i]] = orNil(flat[i + 1])
  end
  if not (r.state and r.type and r.max and r.created) then
    return nil -- not a job: a fragment an old worker left after its job moved
  end
  r.payload = r.payload or ''
  r.token = nil
  r.v = nil
  return r
end

-- callInChunks(command, key, items): redis.call(command, key, items...), split into calls of at
-- most CHUNK items so that no unpack() overflows Lua's stack (about 8,000 values in Redis 7.0);
-- array replies are joined in order, integer replies summed. CHUNK is even, so field/value pairs
-- stay together.
local CHUNK = 1000
local function callInChunks(command, key, items)
  if #items <= CHUNK then
    return redis.call(command, key, unpack(items))
  end
  local out
  for i = 1, #items, CHUNK do
    local reply = redis.call(command, key, unpack(items, i, math.min(i + CHUNK - 1, #items)))
    if type(reply) == 'table' then
      out = out or {}
      for k = 1, #reply do
        out[#out + 1] = reply[k]
      end
    else
      out = (out or 0) + reply
    end
  end
  return out
end

-- loadPacked(jobsKey, jobPrefix, ids, move): each id's packed record (nil when the job is not
-- stored), with one HMGET for the batch; an id not in the jobs hash is looked up under
-- jobPrefix..id, and with move the old hash is written into the jobs hash and deleted.
local function loadPacked(jobsKey, jobPrefix, ids, move)
  if #ids == 0 then
    return {}
  end
  local packed = callInChunks('HMGET', jobsKey, ids)
  for i, id in ipairs(ids) do
    if not packed[i] then
      local old = jobPrefix .. id
      local r = fromOldHash(redis.call('HGETALL', old))
      if r then
        packed[i] = packJob(r)
        if move then
          redis.call('HSET', jobsKey, id, packed[i])
          redis.call('DEL', old)
        end
      else
        packed[i] = nil
      end
    end
  end
  return packed
end

-- loadJobs(jobsKey, jobPrefix, ids, move): each id's record, unpacked (see loadPacked)
local function loadJobs(jobsKey, jobPrefix, ids, move)
  local packed = loadPacked(jobsKey, jobPrefix, ids, move)
  local out = {}
  for i = 1, #ids do
    if packed[i] then
      out[i] = unpackJob(packed[i])
    end
  end
  return out
end

-- loadJob(jobsKey, jobPrefix, id, move): one job's record, or nil (see loadJobs)
local function loadJob(jobsKey, jobPrefix, id, move)
  return loadJobs(jobsKey, jobPrefix, {id}, move)[1]
end

-- saveJobs(jobsKey, flat): writes id, record, id, record, ... with one HSET; a record is a
-- table (packed here) or an already packed value
local function saveJobs(jobsKey, flat)
  if #flat == 0 then
    return
  end
  local args = {}
  for i = 1, #flat, 2 do
    local r = flat[i + 1]
    args[i] = flat[i]
    args[i + 1] = type(r) == 'table' and packJob(r) or r
  end
  callInChunks('HSET', jobsKey, args)
end

-- dropJob(jobsKey, jobPrefix, id): deletes the job's record in both forms
local function dropJob(jobsKey, jobPrefix, id)
  redis.call('HDEL', jobsKey, id)
  redis.call('DEL', jobPrefix .. id)
end

-- jobFields(r): the record as a flat field/value array, absent fields left out
local function jobFields(r)
  local out = {}
  for _, name in ipairs(RECORD_FIELDS) do
    if r[name] then
      out[#out + 1] = name
      out[#out + 1] = r[name]
    end
  end
  return out
end
