-- wrk script: POSTs one file as the raw request body and counts the answers per HTTP status over all of
-- wrk's threads (wrk's own summary only says "Non-2xx"), and the rate of 2xx answers alone (wrk's
-- Requests/sec counts refusals such as 429 too).
-- Usage: BODY_FILE=photo.jpg [CONTENT_TYPE=image/jpeg] wrk -s scripts/wrk-post-file.lua URL
local path = os.getenv("BODY_FILE") or error("set BODY_FILE to the file to POST")
local file = assert(io.open(path, "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = os.getenv("CONTENT_TYPE") or "image/jpeg"

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses") or {}) do
      total[status] = (total[status] or 0) + count
    end
  end
  local keys = {}
  for status in pairs(total) do keys[#keys + 1] = status end
  table.sort(keys)
  local parts = {}
  for _, status in ipairs(keys) do parts[#parts + 1] = status .. ":" .. total[status] end
  local e = summary.errors
  local ok = 0
  for status, count in pairs(total) do
    if status >= 200 and status < 300 then ok = ok + count end
  end
  io.write(string.format("statuses %s\n", table.concat(parts, " ")))
  io.write(string.format("2xx per second %.2f (%d in %.1f s)\n", ok / (summary.duration / 1e6), ok, summary.duration / 1e6))
  io.write(string.format("socket errors connect %d read %d write %d timeout %d\n", e.connect, e.read, e.write, e.timeout))
end
