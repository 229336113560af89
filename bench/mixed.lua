-- wrk: the traffic of a campaign day, by shares of requests (environment):
--   READ_SHARE   public reads (licence checks, searches, the check page, a
--                licence's history), each from a random phone address
--   FILE_SHARE   NGO complaint filings (NGO_TOKEN), each with its own Idempotency-Key
--   CHANGE_SHARE ministry changes (MINISTRY_TOKEN): a new agency registered
-- Writes come from random addresses too: many NGO offices and ministry desks,
-- not one address over the public rate limit.
--   DELAY_MS     pause of each connection between requests (a steady rate:
--                connections x 1000 / (DELAY_MS + latency) per second); 0: flat out
-- At the end it prints every status it met ("status <kind> <code> <n>"): a 201
-- is a filing or a registration by its Location, any other answer counts as a
-- read's (a thread's connections answer out of turn, so a request's kind is
-- not known at its answer). The caller counts errors and what was accepted.
local agencies = tonumber(os.getenv("AGENCIES") or "100000")
local read_share = tonumber(os.getenv("READ_SHARE") or "95")
local file_share = tonumber(os.getenv("FILE_SHARE") or "4")
local change_share = tonumber(os.getenv("CHANGE_SHARE") or "1")
local pause = tonumber(os.getenv("DELAY_MS") or "0")
local ngo = os.getenv("NGO_TOKEN") or ""
local ministry = os.getenv("MINISTRY_TOKEN") or ""
local total_share = read_share + file_share + change_share

local words = { "Synthetic", "Istiqbol", "Recruitment", "Global", "Kadr", "Xizmat", "Samarqand", "Ish", "Tashkent", "Yol" }
local categories = { "recruitment_fees", "deception_about_job", "document_retention", "withheld_wages", "other" }
local threads = {}
local counter = 0

setup = function(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

init = function()
  statuses = {}
  created = 0
  math.randomseed(os.time() * 100 + id)
end

local function phone()
  return string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
end

local function uuid()
  return string.format("%08x-%04x-4%03x-8%03x-%06x%06x", math.random(0, 0x7fffffff), math.random(0, 0xffff),
    math.random(0, 0xfff), math.random(0, 0xfff), math.random(0, 0xffffff), math.random(0, 0xffffff))
end

local function read()
  local n = math.random(0, agencies - 1)
  local r = math.random(1, 100)
  local path
  if r <= 70 then
    path = string.format("/v1/licenses/SY-%06d", n)
  elseif r <= 90 then
    path = "/v1/agencies?q=" .. words[math.random(#words)] .. "&limit=20"
  elseif r <= 95 then
    path = string.format("/check/SY-%06d", n)
  else
    path = string.format("/v1/licenses/SY-%06d/events", n)
  end
  return wrk.format("GET", path, { ["X-Forwarded-For"] = phone(), ["Accept-Language"] = "uz" })
end

local function file()
  local body = string.format(
    '{"category":"%s","license_number":"SY-%06d","description":"Soak filing: the agency asked for a fee of %d USD before departure.",'
      .. '"destination_country":"KR","workers_affected":%d,"complainant":{"name":"Test Person","contact":"+998 90 000 00 00","consent_to_contact":true,"anonymous":false}}',
    categories[math.random(#categories)], math.random(0, agencies - 1), math.random(100, 3000), math.random(1, 20))
  return wrk.format("POST", "/v1/complaints", {
    ["X-Forwarded-For"] = phone(),
    ["Authorization"] = "Bearer " .. ngo,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = uuid(),
  }, body)
end

local function change()
  created = created + 1
  -- Taxpayer ids 7TNNNNNNN: thread T's n-th agency (synthetic ones start with 8).
  local body = string.format('{"legal_name":"Soak Agency %d-%d MChJ","taxpayer_id":"7%d%07d","region":"UZ-TO"}', id, created, id % 10, created)
  return wrk.format("POST", "/v1/agencies", {
    ["X-Forwarded-For"] = phone(),
    ["Authorization"] = "Bearer " .. ministry,
    ["Content-Type"] = "application/json",
  }, body)
end

request = function()
  local r = math.random() * total_share
  local req
  if r < read_share then
    req = read()
  elseif r < read_share + file_share then
    req = file()
  else
    req = change()
  end
  return req
end

response = function(status, headers)
  local kind = "read"
  if status == 201 then
    local location = headers["location"] or headers["Location"] or ""
    if location:find("/v1/complaints/", 1, true) then
      kind = "file"
    elseif location:find("/v1/agencies/", 1, true) then
      kind = "change"
    end
  end
  local key = kind .. " " .. status
  statuses[key] = (statuses[key] or 0) + 1
end

if pause > 0 then
  delay = function()
    return pause
  end
end

done = function()
  local all = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    for key, n in pairs(s) do
      all[key] = (all[key] or 0) + n
    end
  end
  for key, n in pairs(all) do
    io.write(string.format("status %s %d\n", key, n))
  end
end
