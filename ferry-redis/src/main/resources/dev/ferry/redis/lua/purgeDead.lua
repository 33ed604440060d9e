-- purgeDead.lua: deletes the oldest dead jobs (ZSET member and hash), at most limit.
--
-- KEYS[1] dead      (ZSET) id -> time of death (ms)
-- KEYS[2] jobPrefix (PREFIX) "P:{q}:job:"; job hashes are jobPrefix..id, in this queue's slot
--                          (same {q} hash tag), so the script stays legal on Redis Cluster
--
-- ARGV[1] limit most jobs to delete (count)
--
-- Returns: how many jobs were deleted.
-- Errors:  none.
local deadKey = KEYS[1]
local jobPrefix = KEYS[2]
local limit = tonumber(ARGV[1])

if limit <= 0 then
  return 0
end
local ids = redis.call('ZRANGE', deadKey, 0, limit - 1)
for _, id in ipairs(ids) do
  redis.call('ZREM', deadKey, id)
  redis.call('DEL', jobPrefix .. id)
end
return #ids
