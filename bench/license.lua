-- wrk: the licence check for random existing synthetic licences (SY-000000 .. SY-099999),
-- typed loosely half of the time, as people do.
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
  return wrk.format("GET", path)
end
