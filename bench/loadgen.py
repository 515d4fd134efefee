"""A small load generator for when wrk cannot be installed: threads with keep-alive connections.

    python -m bench.loadgen http://127.0.0.1:8000/ --seconds 10 --concurrency 16

Same contract as wrk with bench/wrk_report.lua: BENCH_POST_BODY and BENCH_COOKIE turn the
requests into a form POST, and the last line is `BENCH_JSON {...}`. Python's GIL makes this a
slower client than wrk, so its figures are a lower bound on what the server can do.
"""

import argparse
import http.client
import json
import os
import threading
import time
from urllib.parse import urlsplit


def worker(url, deadline, method, body, headers, results):
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    latencies, status_errors, socket_errors, sent_bytes = [], 0, 0, 0
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    while time.monotonic() < deadline:
        started = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            sent_bytes += len(response.read())
        except (OSError, http.client.HTTPException):
            socket_errors += 1
            connection.close()  # request() opens it again next time round.
            continue
        latencies.append(time.perf_counter() - started)
        status_errors += response.status >= 400
    connection.close()
    results.append((latencies, status_errors, socket_errors, sent_bytes))


def percentile(ordered, fraction):
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def run(url, seconds, concurrency):
    body = os.environ.get("BENCH_POST_BODY") or None
    method = "POST" if body else "GET"
    headers = {"Host": urlsplit(url).netloc}
    if os.environ.get("BENCH_HEADER"):
        name, _, value = os.environ["BENCH_HEADER"].partition(":")
        headers[name.strip()] = value.strip()
    if body:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        if os.environ.get("BENCH_COOKIE"):
            headers["Cookie"] = os.environ["BENCH_COOKIE"]
    results = []
    started = time.monotonic()
    threads = [
        threading.Thread(
            target=worker, args=(url, started + seconds, method, body, headers, results)
        )
        for _ in range(concurrency)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    duration = time.monotonic() - started
    latencies = sorted(latency for result in results for latency in result[0])
    return {
        "requests": len(latencies),
        "duration_us": round(duration * 1e6),
        "bytes": sum(result[3] for result in results),
        "errors": {
            "connect": 0,
            "read": sum(result[2] for result in results),
            "write": 0,
            "status": sum(result[1] for result in results),
            "timeout": 0,
        },
        "p50_us": percentile(latencies, 0.50) * 1e6,
        "p99_us": percentile(latencies, 0.99) * 1e6,
        "max_us": (latencies[-1] if latencies else 0.0) * 1e6,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=16)
    options = parser.parse_args()
    print("BENCH_JSON " + json.dumps(run(options.url, options.seconds, options.concurrency)))


if __name__ == "__main__":
    main()
