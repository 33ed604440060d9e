-- splitLease(value): a leases hash value "token:attempt" as the token (string, compared as sent
-- by the worker) and the attempt (number); nil, nil when there is no lease.
local function splitLease(value)
  if not value then
    return nil, nil
  end
  local token, attempt = string.match(value, '^(%d+):(%d+)$')
  return token, tonumber(attempt)
end
