-- appendEvents.lua: appends a batch of lifecycle events to one queue's event log, in order, each
-- with XADD MAXLEN ~ cap, so the stream stays capped. One call carries many events: the client
-- sends one command per batch instead of one per event.
--
-- KEYS[1] events (STREAM) the queue's capped event log
--
-- ARGV[1] cap most events kept (count; trimming is approximate, as MAXLEN ~ is)
-- ARGV[2..] per event, 9 values: kind (started, completed, ...), id (the job id), queue (the
--           queue name), type (the job type; "" = none), attempt (count), at (epoch ms),
--           duration (ms; "" = none), waited (ms; "" = none), error (text; "" = none). At most
--           1,000 events per call.
--
-- Returns: how many events were appended.
-- Errors:  "ERR appendEvents: at most 1000 events per call".
local eventsKey = KEYS[1]
local cap = ARGV[1]
local eventArgs = ARGV

local FIELDS = 9
local FIRST = 2
-- stream field names, in ARGV order; from OPTIONAL on an empty value means the field is absent
local NAMES = {'k', 'id', 'q', 't', 'a', 'at', 'd', 'w', 'e'}
local OPTIONAL = 7
local count = (#eventArgs - FIRST + 1) / FIELDS
if count > 1000 then
  return redis.error_reply('ERR appendEvents: at most 1000 events per call')
end
for i = 0, count - 1 do
  local b = FIRST + i * FIELDS
  local args = {eventsKey, 'MAXLEN', '~', cap, '*'}
  for f = 1, FIELDS do
    local v = eventArgs[b + f - 1]
    if f < OPTIONAL or v ~= '' then
      args[#args + 1] = NAMES[f]
      args[#args + 1] = v
    end
  end
  redis.call('XADD', unpack(args))
end
return count
