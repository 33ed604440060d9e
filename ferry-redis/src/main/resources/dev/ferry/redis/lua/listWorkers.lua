-- listWorkers.lua: the announcements of live workers (not lapsed), oldest announcement first.
--
-- KEYS[1] workers (HASH) worker id -> the worker's announcement (JSON)
-- KEYS[2] seen    (ZSET) worker id -> when its announcement lapses (ms)
--
-- ARGV[1] limit most announcements to return (count)
--
-- Returns: an array of announcements (JSON); a worker retired between the two reads is skipped.
-- Errors:  none.
local workersKey = KEYS[1]
local seenKey = KEYS[2]
local limit = tonumber(ARGV[1])

-- @include nowMillis

local ids = redis.call('ZRANGEBYSCORE', seenKey, '(' .. nowMillis(), '+inf', 'LIMIT', 0, limit)
if #ids == 0 then
  return {}
end
local out = {}
for _, record in ipairs(redis.call('HMGET', workersKey, unpack(ids))) do
  if record then
    out[#out + 1] = record
  end
end
return out
