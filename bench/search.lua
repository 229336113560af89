-- wrk: agency searches drawn from a file of distinct query strings (made by
-- bench/search_queries.py, path in SEARCH_QUERIES), from many phones (random
-- X-Forwarded-For, see license.lua).
math.randomseed(os.time())
local queries = {}
for line in io.lines(os.getenv("SEARCH_QUERIES")) do
  queries[#queries + 1] = line
end
request = function()
  local xff = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
  return wrk.format("GET", "/v1/agencies?" .. queries[math.random(1, #queries)], { ["X-Forwarded-For"] = xff })
end
