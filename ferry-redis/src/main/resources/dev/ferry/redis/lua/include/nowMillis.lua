-- nowMillis(): broker time in epoch ms from Redis TIME, so no client's clock ever decides
-- due-ness or lease expiry. (Redis 7 replicates script effects, so TIME is safe before writes.)
local function nowMillis()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
