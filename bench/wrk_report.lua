-- wrk script for `make bench`: an optional form POST, and the figures as one JSON line.
--
-- With BENCH_POST_BODY set, every request is that POST (form-encoded) with BENCH_COOKIE if set;
-- otherwise wrk sends its plain GET. done() prints one line starting with BENCH_JSON that
-- bench/measure.py reads. Latencies are in microseconds; wrk counts a status >= 400 as an error.

-- BENCH_HEADER ("Name: value") adds one header to every request: make bench sends the page
-- cache's bypass header (bench/settings.py) to measure pages as rendered, not as kept.
local extra_header = os.getenv("BENCH_HEADER")
if extra_header and extra_header ~= "" then
  local name, value = extra_header:match("^([^:]+):%s*(.*)$")
  wrk.headers[name] = value
end

local post_body = os.getenv("BENCH_POST_BODY")
if post_body and post_body ~= "" then
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  local cookie = os.getenv("BENCH_COOKIE")
  if cookie and cookie ~= "" then
    wrk.headers["Cookie"] = cookie
  end
  -- Each comment's text differs: the same text twice from one email is refused as a duplicate.
  local counter = 0
  -- Each wrk thread runs its own Lua state: the address of a fresh table tells them apart.
  local salt = tostring({}):match("0x(%x+)") or tostring(math.random(1, 1000000000))
  request = function()
    counter = counter + 1
    return wrk.format(nil, nil, nil, post_body .. "+%28" .. salt .. "-" .. counter .. "%29")
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, '
      .. '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, '
      .. '"p50_us": %.1f, "p99_us": %.1f, "max_us": %.1f}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max
  ))
end
