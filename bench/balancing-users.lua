-- wrk script for bench/balancing.sh: each request names one of 10,000 users in X-User, in a fixed pseudo-random
-- order, so that a consistent hash spreads them over the targets as real users would be.
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", nil, { ["X-User"] = "user-" .. ((n * 7919) % 10000) })
end
