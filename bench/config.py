"""The benchmark's settings, read once from the environment (BENCH_*, see bench/run.py), and
where it finds and writes its files."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench-results"
LUA_SCRIPT = Path(__file__).resolve().parent / "wrk_report.lua"

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "16"))
THREADS = min(int(os.environ.get("BENCH_THREADS", "2")), CONCURRENCY)
WARMUP = int(os.environ.get("BENCH_WARMUP", "2"))
CPUS = len(os.sched_getaffinity(0))
# Sync workers, 2 x CPUs + 1 (gunicorn's own advice, and what the README deploys). A page is
# CPU-bound Python (ORM, templates): the GIL means threads would not render two pages at once,
# so parallelism has to come from processes. The "+ 1" and the second worker per CPU keep both
# CPUs busy while some workers wait on PostgreSQL. Sync workers close the connection after each
# response; in production nginx or Caddy holds the readers' keep-alive connections instead.
WORKERS = int(os.environ.get("BENCH_WORKERS", str(2 * CPUS + 1)))
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_bench"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/2")
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", ROOT / "staticfiles"))
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", ROOT / "media"))
