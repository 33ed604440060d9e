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
local count = (#eventArgs - FIRST + 1) / FIELDS
if count > 1000 then
  return redis.error_reply('ERR appendEvents: at most 1000 events per call')
end
-- One XADD argument list, reused for every event (no table per event): the command, then the six
-- fields every event has (k, id, q, t, a, at; t may be empty), then those of d, w, e that are set.
local args = {eventsKey, 'MAXLEN', '~', cap, '*', 'k', '', 'id', '', 'q', '', 't', '', 'a', '', 'at', ''}
local FIXED = 17
local OPTIONAL_NAMES = {'d', 'w', 'e'}
for i = 0, count - 1 do
  local b = FIRST + i * FIELDS
  args[7] = eventArgs[b]
  args[9] = eventArgs[b + 1]
  args[11] = eventArgs[b + 2]
  args[13] = eventArgs[b + 3]
  args[15] = eventArgs[b + 4]
  args[17] = eventArgs[b + 5]
  local n = FIXED
  for f = 1, 3 do
    local v = eventArgs[b + 5 + f]
    if v ~= '' then
      args[n + 1] = OPTIONAL_NAMES[f]
      args[n + 2] = v
      n = n + 2
    end
  end
  redis.call('XADD', unpack(args, 1, n))
end
return count
