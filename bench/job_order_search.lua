-- wrk: job-order searches drawn from a file of distinct query strings (made
-- by bench/job_order_queries.py, path in JOB_ORDER_QUERIES), from many phones.
math.randomseed(os.time())
local queries = {}
for line in io.lines(os.getenv("JOB_ORDER_QUERIES")) do
  queries[#queries + 1] = line
end
request = function()
  local xff = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
  return wrk.format("GET", "/v1/job-orders?" .. queries[math.random(1, #queries)], { ["X-Forwarded-For"] = xff })
end
