-- nowMillis(): broker time in epoch ms from Redis TIME, so no client's clock ever decides
-- due-ness or lease expiry. (Redis 7 replicates script effects, so TIME is safe before writes.)
local function nowMillis()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

-- msText(ms): a time in ms as the text Redis stores. A number handed to redis.call is formatted
-- again on every call, as a float (%.17g), so the scripts format a time once per call with this
-- and pass the text. '%.0f', not '%d': Lua 5.1's %d goes through a C long, 32 bits on some builds.
local function msText(ms)
  return string.format('%.0f', ms)
end
