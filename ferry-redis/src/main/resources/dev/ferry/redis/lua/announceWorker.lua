-- announceWorker.lua: records (or refreshes) a live worker's announcement until now + ttl, and
-- drops up to 100 announcements of other workers that have lapsed.
--
-- KEYS[1] workers (HASH) worker id -> the worker's announcement (JSON)
-- KEYS[2] seen    (ZSET) worker id -> when its announcement lapses (ms)
--
-- ARGV[1] id     the worker id
-- ARGV[2] record the announcement (JSON, stored as is)
-- ARGV[3] ttl    how long the announcement holds (ms)
--
-- Returns: the number of lapsed announcements dropped.
-- Errors:  none.
local workersKey = KEYS[1]
local seenKey = KEYS[2]
local id = ARGV[1]
local record = ARGV[2]
local ttl = tonumber(ARGV[3])

-- @include nowMillis

local now = nowMillis()
redis.call('HSET', workersKey, id, record)
redis.call('ZADD', seenKey, now + ttl, id)
local lapsed = redis.call('ZRANGEBYSCORE', seenKey, '-inf', now, 'LIMIT', 0, 100)
if #lapsed > 0 then
  redis.call('HDEL', workersKey, unpack(lapsed))
  redis.call('ZREM', seenKey, unpack(lapsed))
end
return #lapsed
