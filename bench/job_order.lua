-- wrk: the job-order check for random synthetic job orders (order n =
-- 3i..3i+2 of agency i has the reference of serial 13n mod 10^7), typed
-- loosely half of the time, from many phones (see license.lua).
math.randomseed(os.time())
local total = tonumber(os.getenv("AGENCIES") or "100000") * 3
local damm = {
  {0,3,1,7,5,9,8,6,4,2},{7,0,9,2,1,5,4,8,6,3},{4,2,0,6,8,7,1,3,5,9},{1,7,5,0,9,8,3,4,2,6},
  {6,1,2,3,0,4,5,9,7,8},{3,6,7,4,2,0,9,5,8,1},{5,8,6,9,7,2,0,1,3,4},{8,9,4,5,3,6,2,0,1,7},
  {9,4,3,8,6,1,7,2,0,5},{2,5,8,1,4,3,6,7,9,0},
}
request = function()
  local n = math.random(0, total - 1)
  local digits = string.format("%07d", (n * 13) % 10000000)
  local interim = 0
  for c in digits:gmatch("%d") do interim = damm[interim + 1][tonumber(c) + 1] end
  local all = digits .. interim
  local path
  if n % 2 == 0 then
    path = "/v1/job-orders/J-" .. all:sub(1, 4) .. "-" .. all:sub(5, 8)
  else
    path = "/v1/job-orders/j%20" .. all
  end
  local xff = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
  return wrk.format("GET", path, { ["X-Forwarded-For"] = xff })
end
