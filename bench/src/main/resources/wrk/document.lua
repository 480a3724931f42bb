-- The requests of the HTTP harness (dev.flotilla.bench.http.HttpBench), one script for every case:
--   wrk -s document.lua URL -- MODE PREFIX KEYS VALUE_BYTES BATCH METHOD NONCE
-- MODE: get | put | put-idempotent | batch-get | batch-put. Keys are k0 .. k<KEYS-1>, drawn at random per request
-- (a batch takes BATCH consecutive keys from a random start, so no key repeats in it). put-idempotent sends an
-- Idempotency-Key unique in the run: NONCE, the thread and a counter.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

local mode, prefix, keys, value, batch, method, nonce
local sent = 0
local bodies = {}
local json = { ["Content-Type"] = "application/json" }

function init(args)
  mode, prefix, keys, batch, method, nonce =
    args[1], args[2], tonumber(args[3]), tonumber(args[5]), args[6], args[7]
  value = '{"v":"' .. string.rep("x", tonumber(args[4]) - 8) .. '"}'
  math.randomseed(tonumber(nonce) % 1000003 + thread_id * 7919)
  if mode == "batch-get" or mode == "batch-put" then
    for b = 1, 64 do
      local start, parts = math.random(0, keys - 1), {}
      for i = 1, batch do
        local key = '"k' .. ((start + i) % keys) .. '"'
        parts[i] = mode == "batch-get" and key or (key .. ":" .. value)
      end
      bodies[b] = mode == "batch-get" and ('{"get":[' .. table.concat(parts, ",") .. ']}')
        or ('{"put":{' .. table.concat(parts, ",") .. '}}')
    end
  end
end

function request()
  sent = sent + 1
  local key = prefix .. "k" .. math.random(0, keys - 1)
  if mode == "get" then
    return wrk.format("GET", key)
  elseif mode == "put" then
    return wrk.format(method, key, json, value)
  elseif mode == "put-idempotent" then
    return wrk.format(method, key, { ["Content-Type"] = "application/json",
      ["Idempotency-Key"] = nonce .. "-" .. thread_id .. "-" .. sent }, value)
  end
  return wrk.format("POST", prefix .. "batch", json, bodies[sent % 64 + 1])
end
