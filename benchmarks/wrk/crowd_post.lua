-- Each request is a POST by the next member of a crowd, so that nobody posts twice: the crowd's
-- session keys are read from BENCHMARK_SESSIONS (one per line) and dealt out between wrk's threads.
local threads = {}
local thread_number = 0

function setup(thread)
  thread:set("thread_index", thread_number)
  thread:set("thread_total", tonumber(os.getenv("BENCHMARK_THREADS")))
  thread_number = thread_number + 1
  table.insert(threads, thread)
end

function init(args)
  sessions = {}
  local line_number = 0
  for line in io.lines(os.getenv("BENCHMARK_SESSIONS")) do
    if line_number % thread_total == thread_index then
      table.insert(sessions, line)
    end
    line_number = line_number + 1
  end
  mine = #sessions
  csrf = os.getenv("BENCHMARK_CSRF")
  path = os.getenv("BENCHMARK_PATH")
  posted = 0
end

function request()
  posted = posted + 1
  local session = sessions[((posted - 1) % #sessions) + 1]
  local headers = {
    ["Cookie"] = "sessionid=" .. session .. "; csrftoken=" .. csrf,
    ["X-CSRFToken"] = csrf,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }
  return wrk.format("POST", path, headers, "invitation=")
end

function done(summary, latency, requests)
  local distinct = 0
  for _, thread in ipairs(threads) do
    distinct = distinct + math.min(thread:get("posted"), thread:get("mine"))
  end
  io.write(string.format("posted by distinct people: %d\n", distinct))
end
