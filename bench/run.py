"""`make bench`: the production stack under load, page type by page type.

    make bench                      # or: uv run --frozen python -m bench.run
    BENCH_SECONDS=5 make bench      # shorter runs

Steps: find wrk (install it with apt-get, or fall back to bench/loadgen.py); create the PostgreSQL
database newsroom_bench if absent, migrate it, load the data set if absent (manage.py bench_data),
collectstatic; start gunicorn with production settings on a free loopback port; drive each page
from a separate load process; print a table and, as the last line, the figures as one JSON
object (also written to bench-results/latest.json). Gunicorn is stopped whatever happens.

Environment: BENCH_SECONDS (10), BENCH_CONCURRENCY (16 connections), BENCH_THREADS (2 wrk
threads), BENCH_WARMUP (2 seconds per page), BENCH_WORKERS (2 x CPUs + 1), BENCH_DATABASE_URL
(postgres://postgres@127.0.0.1:5432/newsroom_bench), BENCH_REDIS_URL
(redis://127.0.0.1:6379/2, used when it answers), BENCH_LOADGEN=python to skip wrk,
BENCH_FRESH=1 to drop and reload the bench database first.
"""

# Every command here is a fixed list built in this file, with no outside input in it.
# ruff: noqa: S603

import gzip
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import psycopg
from psycopg import sql

from bench.process import Server, redis_answers

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

COMMENT_FORM = {
    "name": "Bench Reader",
    "email": "bench.reader@example.org",
    "url": "",
    "body": "A benchmark comment: the plan for the river crossing deserves a closer look.",
}
# Sent on "uncached" runs: bench/settings.py names it as the page cache's bypass header.
SKIP_PAGE_CACHE = "X-Bench-Skip-Page-Cache: 1"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", ROOT / "staticfiles"))
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", ROOT / "media"))
CACHED_NOTE = (
    "uncached = every request rendered by Django (the whole-page cache skipped with a bench-only "
    "header; the database and template caches are warm). cached = the steady state: after the "
    "first request the page comes from the page cache in Redis, with the reader's CSRF token "
    "and form time filled in. first ms = the very first request for the page, a cold render."
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
        "worker_peak_rss_mb": peak_rss_mb,
        "article_page_weight": weight,
        "via_nginx": via_nginx,
    }
    print_report(results)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results))


# Setting up --------------------------------------------------------------------------------


def find_load_generator():
    """'wrk', installed with apt-get when missing, or 'python' (bench/loadgen.py) if it can't be."""
    if os.environ.get("BENCH_LOADGEN") == "python":
        return "python"
    if shutil.which("wrk"):
        return "wrk"
    print("wrk is not installed: trying apt-get install -y wrk", flush=True)
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    apt_env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["install", "-y", "wrk"], ["update"], ["install", "-y", "wrk"]):
        if shutil.which("wrk"):
            break
        try:
            subprocess.run(
                [*sudo, "apt-get", "-q", *command], env=apt_env, capture_output=True, check=False
            )
        except OSError:  # No apt-get (or no sudo) on this machine.
            break
    if shutil.which("wrk"):
        return "wrk"
    print("*** Could not install wrk: using the slower Python load generator (bench/loadgen.py).")
    return "python"


def server_environment():
    """The production configuration, on plain http over loopback, with a throwaway secret."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": DATABASE_URL,
    }
    env.pop("REDIS_URL", None)
    if redis_answers(REDIS_URL):
        env["REDIS_URL"] = REDIS_URL
        # Nothing kept from an earlier run: the first request for each page is a cold render.
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()
    else:
        print(f"Redis does not answer at {REDIS_URL}: using the local-memory cache.")
    return env


def ensure_database(url, fresh=False):
    """Create the benchmark's database when it does not exist (connecting to `postgres`).

    With fresh=True (BENCH_FRESH=1), drop it first: for when migrations were rewritten.
    """
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as conn:
        if fresh:
            print(f"BENCH_FRESH: dropping the PostgreSQL database {name}")
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            print(f"Creating the PostgreSQL database {name}")
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def manage(env, *args, capture=False):
    completed = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return completed.stdout


class Gunicorn(Server):
    """gunicorn newsroom.wsgi on a free loopback port; stopped on leaving the `with` block."""

    name = "gunicorn"

    def __init__(self, env, workers):
        super().__init__()
        self.env, self.workers = env, workers
        self.log_path = RESULTS / "gunicorn.log"

    def start(self):
        RESULTS.mkdir(exist_ok=True)
        command = [
            sys.executable, "-m", "gunicorn", "newsroom.wsgi",
            "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(self.workers),
            "--worker-class", "sync",
        ]  # fmt: skip
        print(f"Starting {' '.join(command[2:])} (log: {self.log_path.relative_to(ROOT)})")
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=log, stderr=log, start_new_session=True
            )

    def answers(self):
        return request(self.base_url + "/bench/trivial/")[0] == 200

    def log_tail(self):
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-30:])

    def worker_pids(self):
        pids = []
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                text = status.read_text()
            except OSError:  # The process ended while we looked.
                continue
            if re.search(rf"^PPid:\s+{self.process.pid}$", text, re.MULTILINE):
                pids.append(int(status.parent.name))
        return pids

    def worker_peak_rss_mb(self):
        """The largest VmHWM (peak resident set) among the workers, in MiB."""
        peaks = []
        for pid in self.worker_pids():
            try:
                match = re.search(
                    r"^VmHWM:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text(), re.M
                )
            except OSError:
                continue
            if match:
                peaks.append(int(match.group(1)) / 1024)
        return round(max(peaks), 1) if peaks else None


class OtherCpu:
    """CPU taken during the measurements by processes that are not the benchmark's own.

    Ours: gunicorn and its workers, the load generators (our children), and the PostgreSQL
    backends serving newsroom_bench. Everything else (a test suite, say) competes for the CPUs.
    """

    def __init__(self, server):
        self.server = server
        self.database = urlsplit(DATABASE_URL).path.lstrip("/")
        self.start = self.snapshot()

    def snapshot(self):
        with open("/proc/stat") as stat:
            user, nice, system, _idle, _iowait, irq, softirq, steal = map(
                int, stat.readline().split()[1:9]
            )
        processes = {pid: process_ticks(pid) for pid in self.our_pids()}
        children = os.times()
        ticks = os.sysconf("SC_CLK_TCK")
        return {
            "time": time.monotonic(),
            "busy": user + nice + system + irq + softirq + steal,
            "processes": processes,
            "children": (children.children_user + children.children_system) * ticks,
        }

    def our_pids(self):
        pids = [self.server.process.pid, *self.server.worker_pids()]
        for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                if f" {self.database} ".encode() in cmdline.read_bytes():
                    pids.append(int(cmdline.parent.name))
            except OSError:
                continue
        return pids

    def average(self):
        """Other processes' CPU use, in CPUs (0 = none, 2 = both of two CPUs), on average."""
        end, start = self.snapshot(), self.start
        ours = (
            end["children"]
            - start["children"]
            + sum(ticks - start["processes"].get(pid, 0) for pid, ticks in end["processes"].items())
        )
        seconds = end["time"] - start["time"]
        other = (end["busy"] - start["busy"] - ours) / os.sysconf("SC_CLK_TCK")
        return round(max(other, 0) / seconds, 2) if seconds else None


def process_ticks(pid):
    """User plus system CPU time of one process, in clock ticks (0 if it has gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])


# Measuring ---------------------------------------------------------------------------------


def request(url, method="GET", body=None, headers=None, raw=False):
    """One request: (status, headers, body text, or bytes with raw)."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        body = response.read()
        return response.status, response.headers, body if raw else body.decode("utf-8", "replace")
    finally:
        conn.close()


COMMENT_FORM_MIN_SECONDS = 3


def comment_post_request(base_url, urls):
    """A valid comment POST: the csrftoken cookie and the form's token, as a browser sends them."""
    status, headers, html = request(base_url + urls["comment_article"])
    if status != 200:
        raise RuntimeError(f"The comment article answered {status}")
    cookies = SimpleCookie()
    for header in headers.get_all("Set-Cookie") or []:
        cookies.load(header)
    form = re.search(r'<form[^>]*class="comment-form".*?</form>', html, re.S)
    if "csrftoken" not in cookies or form is None:
        raise RuntimeError("No CSRF cookie or comment form on the comment article's page")
    # Every hidden field the form carries (CSRF token, signed timestamp), as a browser sends them.
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form.group(0)))
    if "csrfmiddlewaretoken" not in hidden:
        raise RuntimeError("No CSRF token in the comment form")
    body = urlencode({**hidden, **COMMENT_FORM})
    # The form refuses a post sent sooner than a person could type (NEWSROOM_COMMENT_MIN_SECONDS).
    time.sleep(COMMENT_FORM_MIN_SECONDS + 1)
    return body, f"csrftoken={cookies['csrftoken'].value}"


def load(loadgen, url, seconds, post=None, header=None):
    """Run the load generator in a process of its own; return its raw figures."""
    env = {**os.environ, "BENCH_POST_BODY": "", "BENCH_COOKIE": "", "BENCH_HEADER": header or ""}
    if post:
        env["BENCH_POST_BODY"], env["BENCH_COOKIE"] = post
    if loadgen == "wrk":
        command = [
            "wrk", f"-t{THREADS}", f"-c{CONCURRENCY}", f"-d{seconds}s", "--timeout", "10s",
            "-s", str(LUA_SCRIPT), url,
        ]  # fmt: skip
    else:
        command = [
            sys.executable, "-m", "bench.loadgen", url,
            "--seconds", str(seconds), "--concurrency", str(CONCURRENCY),
        ]  # fmt: skip
    completed = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=seconds + 120
    )
    for line in completed.stdout.splitlines():
        if line.startswith("BENCH_JSON "):
            return json.loads(line.removeprefix("BENCH_JSON "))
    raise RuntimeError(f"{loadgen} gave no figures:\n{completed.stdout}\n{completed.stderr}")


def settle(base_url, timeout=15):
    """Wait until gunicorn has worked through requests left queued by the last run.

    wrk stops at its deadline, but requests already accepted are still rendered: a slow page
    would otherwise eat into the first seconds of the next run.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        started = time.perf_counter()
        request(base_url + "/bench/trivial/")
        if time.perf_counter() - started < 0.05:
            return
        time.sleep(0.2)


def figures(raw):
    seconds = raw["duration_us"] / 1e6
    return {
        "rps": round(raw["requests"] / seconds, 1) if seconds else 0.0,
        "p50_ms": round(raw["p50_us"] / 1000, 2),
        "p99_ms": round(raw["p99_us"] / 1000, 2),
        # Non-2xx/3xx responses plus socket errors (connect, read, write, timeout).
        "errors": sum(raw["errors"].values()),
    }


def measure_pages(base_url, urls, loadgen):
    # (key, what, path, POST?, will have a cached form?) — the yardsticks first.
    plan = [
        ("trivial", "trivial Django view", "/bench/trivial/", False, False),
        ("static", "static file (WhiteNoise)", urls["static_css"], False, False),
        ("front", "front page", "/", False, True),
        ("article_50", "article, 50 comments", urls["article_50"], False, True),
        ("article_200", "article, 200 comments", urls["article_200"], False, True),
        ("section", "section page", urls["section"], False, True),
        ("search", "search", "/search/?q=river", False, False),
        ("feed", "RSS feed", "/feed/", False, True),
        ("comment_post", "comment submission", urls["comment_post"], True, False),
    ]
    pages = {}
    for key, what, path, is_post, cacheable in plan:
        url = base_url + path
        post = comment_post_request(base_url, urls) if is_post else None
        started = time.perf_counter()
        if post:
            headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": post[1]}
            status = request(url, "POST", post[0], headers)[0]
        else:
            status = request(url)[0]
        # The very first request for the page: nothing of it in any cache yet (a cold render).
        first_ms = round((time.perf_counter() - started) * 1000, 2)
        print(f"{what}: {'POST' if post else 'GET'} {path} answers {status}", flush=True)
        # "uncached": every request rendered (the page cache skipped by its bench-only header);
        # "cached": the steady state, every request after the first served from the cache.
        skip = SKIP_PAGE_CACHE if cacheable else None
        if WARMUP:
            load(loadgen, url, WARMUP, post, header=skip)
            settle(base_url)
        page = {"what": what, "url": path, "status": status, "first_ms": first_ms}
        page["uncached"] = figures(load(loadgen, url, SECONDS, post, header=skip))
        settle(base_url)
        if cacheable:
            page["cached"] = figures(load(loadgen, url, SECONDS, post))
            settle(base_url)
        pages[key] = page
    return pages


def measure_through_nginx(server, urls, loadgen):
    """The second configuration: Debian's nginx in front (deploy/nginx/newsroom.conf)."""
    if not shutil.which("nginx") and not Path("/usr/sbin/nginx").exists():
        print("*** nginx is not installed: the nginx configuration is not measured.")
        return None
    from bench.nginx import Nginx

    plan = [
        ("trivial", "/bench/trivial/"),
        ("static", urls["static_css"]),
        ("front", "/"),
        ("article_50", urls["article_50"]),
        ("article_200", urls["article_200"]),
        ("section", urls["section"]),
        ("feed", "/feed/"),
    ]
    pages = {}
    with Nginx("127.0.0.1", server.port, STATIC_ROOT, MEDIA_ROOT) as proxy:
        for key, path in plan:
            url = proxy.base_url + path
            status = request(url)[0]
            print(f"via nginx: GET {path} answers {status}", flush=True)
            if WARMUP:
                load(loadgen, url, WARMUP)
            figures_ = figures(load(loadgen, url, SECONDS))
            figures_["x_cache_status"] = request(url)[1].get("X-Cache-Status", "")
            pages[key] = figures_
    return pages


def page_weight(base_url, path):
    """The article page's HTML and everything it loads, as a browser on a first visit gets them."""
    html = request(base_url + path)[2]
    raw = html.encode()
    assets = set(re.findall(r'<link rel="stylesheet" href="([^"]+)"', html))
    assets |= set(re.findall(r'<script[^>]* src="([^"]+)"', html))
    assets |= set(re.findall(r'<img[^>]* src="([^"]+)"', html))
    sizes = {}
    for asset in sorted(assets):
        if asset.startswith("/"):
            _, _, body = request(base_url + asset, headers={"Accept-Encoding": "gzip"}, raw=True)
            sizes[asset] = len(body)
    html_gzip = len(gzip.compress(raw, 6))
    return {
        "url": path,
        "html_bytes": len(raw),
        "html_gzip_bytes": html_gzip,
        "assets": sizes,
        "total_bytes_compressed": html_gzip + sum(sizes.values()),
    }


# Reporting ---------------------------------------------------------------------------------


def print_report(results):
    pages = results["pages"]
    trivial = pages["trivial"]["uncached"]["rps"]
    static = pages["static"]["uncached"]["rps"]
    print()
    print(
        f"make bench: gunicorn {results['workers']} {results['worker_class']} workers on "
        f"{results['cpus']} CPUs, PostgreSQL, {'Redis' if results['redis'] else 'no Redis'}; "
        f"{results['load_generator']} with {results['concurrency']} connections "
        + (f"({results['threads']} threads)" if results["load_generator"] == "wrk" else "")
        + f", {results['seconds']} s per run after a {WARMUP} s warm-up."
    )
    header = (
        f"{'page':<26}{'status':>7}  {'run':<9}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'errors':>8}{'vs trivial':>12}{'vs static':>11}"
    )
    print(header)
    print("-" * len(header))
    for page in pages.values():
        for run in ("uncached", "cached"):
            if run not in page:
                continue
            f = page[run]
            first = run == "uncached"
            print(
                f"{page['what'] if first else '':<26}{page['status'] if first else '':>7}  "
                f"{run:<9}{f['rps']:>9.1f}{f['p50_ms']:>9.2f}{f['p99_ms']:>9.2f}{f['errors']:>8}"
                f"{ratio(f['rps'], trivial):>12}{ratio(f['rps'], static):>11}"
            )
    print()
    print(
        "First request for each page (cold render, ms): "
        + ", ".join(
            f"{key} {page['first_ms']}" for key, page in pages.items() if "first_ms" in page
        )
    )
    if results.get("via_nginx"):
        print()
        print("Second configuration: nginx in front (deploy/nginx/newsroom.conf, micro-cache)")
        for key, f in results["via_nginx"].items():
            print(
                f"{key:<26}{'':>7}  {'nginx':<9}{f['rps']:>9.1f}{f['p50_ms']:>9.2f}"
                f"{f['p99_ms']:>9.2f}{f['errors']:>8}{ratio(f['rps'], trivial):>12}"
                f"{ratio(f['rps'], static):>11}  {f['x_cache_status']}"
            )
    weight = results["article_page_weight"]
    print()
    print(
        f"Article page ({weight['url']}): HTML {weight['html_bytes']:,} bytes "
        f"({weight['html_gzip_bytes']:,} gzipped); with its CSS, scripts and images "
        f"{weight['total_bytes_compressed']:,} bytes compressed: "
        + ", ".join(f"{name} {size:,}" for name, size in weight["assets"].items())
    )
    print(f"Worker peak RSS (VmHWM, largest worker): {results['worker_peak_rss_mb']} MiB")
    print(CACHED_NOTE)
    for key, page in pages.items():
        if page["status"] >= 400:
            print(
                f"{key}: {page['url']} answers {page['status']} (not built yet?); every request "
                "is counted as an error and the figures measure the error page."
            )
    print(
        "comment_post: each POST stores a pending comment on the bench-only article "
        "(302 = accepted); the pending pile grows with every run and shows on no page."
    )
    print(
        f"Other processes took {results['other_processes_cpus']} of the {results['cpus']} CPUs "
        f"on average during the measurements (load average {results['load_average_at_start']} "
        "at the start). The load generator and PostgreSQL share the CPUs with gunicorn too: "
        "compare figures from the same machine at a quiet moment."
    )
    if results["load_generator"] == "python":
        print("Python load generator: its GIL caps the rate, so the figures are a lower bound.")
    print(f"Figures also in {(RESULTS / 'latest.json').relative_to(ROOT)}:")


def ratio(rps, base):
    return f"{rps / base:.3f}" if base else "-"


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        print("Interrupted: gunicorn and the load generator are stopped.", file=sys.stderr)
        sys.exit(130)
