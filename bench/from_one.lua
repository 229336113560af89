-- wrk: one path (FLOOD_PATH) from one client address (FROM), as fast as
-- answered: a flood from a single address behind the bench's trusted proxy.
local path = os.getenv("FLOOD_PATH") or "/v1/registry/snapshot"
local from = os.getenv("FROM") or "203.0.113.66"
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init() ok, limited, other = 0, 0, 0 end
function request()
  return wrk.format("GET", path, { ["X-Forwarded-For"] = from, ["Accept-Encoding"] = "gzip" })
end
function response(status)
  if status < 300 then ok = ok + 1 elseif status == 429 then limited = limited + 1 else other = other + 1 end
end
function done()
  local o, l, x = 0, 0, 0
  for _, t in ipairs(threads) do o = o + t:get("ok"); l = l + t:get("limited"); x = x + t:get("other") end
  io.write(string.format("statuses: 2xx %d, 429 %d, other %d\n", o, l, x))
end
