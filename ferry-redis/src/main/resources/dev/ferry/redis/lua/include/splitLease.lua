-- splitLease(value): a leases hash value "token:attempt" as the token and the attempt, both as
-- text (the token is compared as the worker sent it, the attempt written back as it is); nil, nil
-- when there is no lease. A plain find, not a pattern: settle.lua runs this once per job.
local function splitLease(value)
  if not value then
    return nil, nil
  end
  local colon = string.find(value, ':', 1, true)
  if not colon then
    return nil, nil
  end
  return string.sub(value, 1, colon - 1), string.sub(value, colon + 1)
end
