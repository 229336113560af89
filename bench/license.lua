-- wrk: the licence check for random existing synthetic licences (SY-000000 .. SY-099999),
-- typed loosely half of the time, as people do, from many phones: each request
-- carries a random client address in X-Forwarded-For (the service trusts
-- 127.0.0.1 as its proxy in the benchmark), so the per-address limit is
-- exercised but, as in real traffic, not reached.
math.randomseed(os.time())
local total = tonumber(os.getenv("AGENCIES") or "100000")
request = function()
  local n = math.random(0, total - 1)
  local path
  if n % 2 == 0 then
    path = string.format("/v1/licenses/SY-%06d", n)
  else
    path = string.format("/v1/licenses/sy%%20%06d", n)
  end
  local xff = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
  return wrk.format("GET", path, { ["X-Forwarded-For"] = xff })
end
