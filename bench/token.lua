-- wrk: one address floods the token endpoint with wrong credentials (random
-- unknown client ids, and a known one with wrong secrets), then stops after
-- TOKEN_REQUESTS in all (split between wrk's threads). Prints the statuses.
local per_thread = tonumber(os.getenv("TOKEN_REQUESTS") or "2000") / tonumber(os.getenv("THREADS") or "2")
local known = os.getenv("KNOWN_CLIENT_ID") or "cl_unknown"
local threads = {}
local counter = 0

setup = function(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

init = function()
  statuses = {}
  answered = 0
  math.randomseed(os.time() + id)
end

request = function()
  local client = known
  if math.random() < 0.5 then
    client = string.format("cl_%024x", math.random(0, 2^31))
  end
  local body = "grant_type=client_credentials&client_id=" .. client .. "&client_secret=wrong-" .. math.random(1, 1e9)
  return wrk.format("POST", "/v1/auth/token", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["X-Forwarded-For"] = "203.0.113.66",
  }, body)
end

response = function(status)
  statuses[status] = (statuses[status] or 0) + 1
  answered = answered + 1
  if answered >= per_thread then
    wrk.thread:stop()
  end
end

done = function()
  local total = {}
  for _, t in ipairs(threads) do
    local s = t:get("statuses")
    for k, v in pairs(s) do total[k] = (total[k] or 0) + v end
  end
  local parts = {}
  for k, v in pairs(total) do table.insert(parts, k .. ":" .. v) end
  table.sort(parts)
  io.write("token statuses " .. table.concat(parts, " ") .. "\n")
end
