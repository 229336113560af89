-- wrk: agency search with a mix of name fragments, typos, taxpayer ids and
-- filters, from many phones (random X-Forwarded-For, see license.lua).
math.randomseed(os.time())
local queries = {
  "q=istiqbol", "q=yangi%20ufq", "q=oltin%20kanot", "q=sharq", "q=bolnat", "q=zarkor",
  "q=Synthetic%2012345", "q=nurbaist", "q=ufol&region=UZ-TK", "q=meh&license_status=active",
  "region=UZ-SA&limit=20", "q=800012345", "q=SY-004242", "q=kornur&destination=KR",
}
request = function()
  local xff = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
  return wrk.format("GET", "/v1/agencies?" .. queries[math.random(1, #queries)], { ["X-Forwarded-For"] = xff })
end
