-- wrk: the contact check for what a worker has in hand, over the synthetic
-- registry (agency i: phone +99855<i>, Telegram @syn<i>, site syn<i>.example;
-- its five representatives n = 5i..5i+4: phone +99833<n>, @syn<i>_<k>, card
-- of serial 7n mod 10^7), in the spellings people use, with one in ten a
-- number nobody registered; random client addresses as in license.lua.
math.randomseed(os.time())
local total = tonumber(os.getenv("AGENCIES") or "100000")
local damm = {
  {0,3,1,7,5,9,8,6,4,2},{7,0,9,2,1,5,4,8,6,3},{4,2,0,6,8,7,1,3,5,9},{1,7,5,0,9,8,3,4,2,6},
  {6,1,2,3,0,4,5,9,7,8},{3,6,7,4,2,0,9,5,8,1},{5,8,6,9,7,2,0,1,3,4},{8,9,4,5,3,6,2,0,1,7},
  {9,4,3,8,6,1,7,2,0,5},{2,5,8,1,4,3,6,7,9,0},
}
local function card(serial)
  local digits = string.format("%07d", serial)
  local interim = 0
  for c in digits:gmatch("%d") do interim = damm[interim + 1][tonumber(c) + 1] end
  local all = digits .. interim
  return "k " .. all:sub(1, 4) .. " " .. all:sub(5, 8)
end
local function encode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
request = function()
  local i = math.random(0, total - 1)
  local k = math.random(0, 4)
  local n = i * 5 + k
  local kind = math.random(0, 9)
  local q
  if kind == 0 then q = string.format("+998 55 %03d %02d %02d", math.floor(i / 10000), math.floor(i / 100) % 100, i % 100)
  elseif kind == 1 then q = string.format("@Syn%d", i)
  elseif kind == 2 then q = string.format("https://www.syn%d.example/jobs?x=1", i)
  elseif kind == 3 then q = string.format("998 33 %07d", n)
  elseif kind == 4 then q = string.format("t.me/syn%d_%d", i, k)
  elseif kind == 5 or kind == 6 then q = card((n * 7) % 10000000)
  elseif kind == 7 then q = string.format("+99833%07d", n)
  elseif kind == 8 then q = string.format("@syn%d", i)
  else q = string.format("+998 99 %07d", math.random(0, 9999999)) end
  local xff = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
  return wrk.format("GET", "/v1/contacts/check?q=" .. encode(q), { ["X-Forwarded-For"] = xff })
end
