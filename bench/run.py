"""`make bench`: the production stack under load, page type by page type.

    make bench                      # or: uv run --frozen python -m bench.run
    BENCH_SECONDS=5 make bench      # shorter runs

Steps: find wrk (install it with apt-get, or fall back to bench/loadgen.py); create the PostgreSQL
database newsroom_bench if absent, migrate it, load the data set if absent (manage.py bench_data),
collectstatic; start gunicorn with production settings on a free loopback port; drive each page
from a separate load process, then sample its caching headers with one plain request; do the same
through nginx; time each page's render with every cache empty (the bench's Redis database flushed,
best of 3); print a table and, as the last line, the figures as one JSON object (also written to
bench-results/latest.json). Gunicorn and nginx are stopped whatever happens.

"uncached" skips only the cache of whole pages (a bench-only header): fragment caches, which may
come later, stay as in production. bench/measure.py says what each figure means.

Environment: BENCH_SECONDS (10), BENCH_CONCURRENCY (16 connections), BENCH_THREADS (2 wrk
threads), BENCH_WARMUP (2 seconds per page), BENCH_WORKERS (2 x CPUs + 1), BENCH_DATABASE_URL
(postgres://postgres@127.0.0.1:5432/newsroom_bench), BENCH_REDIS_URL
(redis://127.0.0.1:6379/2, used when it answers), BENCH_LOADGEN=python to skip wrk,
BENCH_FRESH=1 to drop and reload the bench database first.

The steps are in bench/stack.py (setting up), bench/measure.py (the pages and how they are
driven) and bench/report.py (the table); bench/config.py reads the environment.
"""

import json
import os
import signal
import subprocess
import sys

from bench.config import CONCURRENCY, CPUS, DATABASE_URL, RESULTS, SECONDS, THREADS, WORKERS
from bench.measure import measure_cold, measure_pages, measure_through_nginx, page_weight
from bench.process import flush_redis
from bench.report import print_report
from bench.stack import (
    Gunicorn,
    OtherCpu,
    ensure_database,
    find_load_generator,
    manage,
    server_environment,
)


def main():
    # Ctrl-C raises KeyboardInterrupt (even when started with SIGINT ignored, as background jobs
    # are); SIGTERM and SIGHUP unwind the same way, so that the `with` and `finally` blocks below
    # stop gunicorn and any running load generator.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, lambda signum, frame: sys.exit(128 + signum))

    load_start = os.getloadavg()[0]
    loadgen = find_load_generator()
    env = server_environment()
    ensure_database(DATABASE_URL, fresh=os.environ.get("BENCH_FRESH") == "1")
    try:
        manage(env, "migrate", "--noinput")
    except subprocess.CalledProcessError:
        sys.exit(
            "migrate failed on the bench database. If migrations were rewritten since it was "
            "made, start afresh: BENCH_FRESH=1 make bench"
        )
    manage(env, "bench_data")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    urls = json.loads(manage(env, "bench_data", "--urls", capture=True))

    with Gunicorn(env, WORKERS) as server:
        meter = OtherCpu(server)
        pages = measure_pages(server.base_url, urls, loadgen)
        other_cpus = meter.average()
        weight = page_weight(server.base_url, urls["article_50"])
        via_nginx = measure_through_nginx(server, urls, loadgen)
        # Last: it flushes the caches the runs above rely on. Without Redis, not measured.
        redis_url = env.get("REDIS_URL")
        empty_caches = (lambda: flush_redis(redis_url)) if redis_url else None
        cold = measure_cold(server.base_url, urls, empty_caches)
        peak_rss_mb = server.worker_peak_rss_mb()

    results = {
        "concurrency": CONCURRENCY,
        "threads": THREADS,
        "seconds": SECONDS,
        "load_generator": loadgen,
        "cpus": CPUS,
        "workers": WORKERS,
        "worker_class": "sync",
        "redis": "REDIS_URL" in env,
        "load_average_at_start": round(load_start, 2),
        "other_processes_cpus": other_cpus,
        "pages": pages,
        "cold": cold,
        "worker_peak_rss_mb": peak_rss_mb,
        "article_page_weight": weight,
        "via_nginx": via_nginx,
    }
    print_report(results)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results))


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        print("Interrupted: gunicorn and the load generator are stopped.", file=sys.stderr)
        sys.exit(130)
