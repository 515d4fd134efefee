"""Setting up `make bench`: the load generator, the bench database and its data, gunicorn
with production settings, and a meter of the CPU other processes take meanwhile."""

# Every command here is a fixed list built in this file, with no outside input in it.
# ruff: noqa: S603

import os
import re
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

from bench.config import DATABASE_URL, REDIS_URL, RESULTS, ROOT
from bench.measure import request
from bench.process import Server, flush_redis, redis_answers


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
        # Nothing kept from an earlier run (bench/measure.py's cold figures flush it again).
        flush_redis(REDIS_URL)
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
