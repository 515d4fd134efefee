"""nginx in front of gunicorn for `make bench`, configured by deploy/nginx/newsroom.conf itself.

    with Nginx("127.0.0.1", gunicorn_port, static_root, media_root) as proxy:
        ...  # drive proxy.base_url

The sample is what production runs, so the benchmark measures those directives, not a copy of
them: its HTTPS-only lines are left out (there is no certificate here), and its port, paths and
upstream address are replaced. Everything nginx writes (pid, logs, cache, request bodies) goes
to a temporary directory, removed on leaving the `with` block, and nginx is stopped whatever
happens.
"""

# The one command here is nginx with paths this module chose.
# ruff: noqa: S603

import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
from pathlib import Path

from bench.process import Server

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "deploy" / "nginx" / "newsroom.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

# What the sample says -> what this run uses. Each must be in the sample exactly once or more.
UPSTREAM = "server 127.0.0.1:8001;"
LISTEN = "listen 443 ssl http2;"
STATIC_ROOT = "/srv/newsroom/staticfiles/"
MEDIA_ROOT = "/srv/newsroom/media/"
CACHE_PATH = "/var/cache/nginx/newsroom"
HTTPS_ONLY = re.compile(r"^[ \t]*# >>> HTTPS only.*?^[ \t]*# <<< HTTPS only[^\n]*\n", re.M | re.S)

MAIN_CONFIG = """\
# Written by bench/nginx.py; the server is deploy/nginx/newsroom.conf (site.conf here).
{user}worker_processes {workers};
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;

events {{
    worker_connections 1024;
}}

http {{
    # What Debian's /etc/nginx/nginx.conf sets around the sites it includes.
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    gzip on;
    # Not logging each request: at cache-hit rates the log would measure the disk.
    access_log off;

    client_body_temp_path {dir}/client_body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;

    include {dir}/site.conf;
}}
"""


def render_site(sample, replacements, keep_https=False):
    """The sample with each replacement made (every one must be found) and HTTPS lines dropped."""
    if not keep_https:
        sample = HTTPS_ONLY.sub("", sample)
    for old, new in replacements.items():
        if old not in sample:
            raise ValueError(f"{SAMPLE.relative_to(ROOT)} no longer contains {old!r}")
        sample = sample.replace(old, new)
    return sample


class Nginx(Server):
    """nginx on a free loopback port, proxying to upstream_host:upstream_port."""

    name = "nginx"
    ready_timeout = 15
    stop_signal = signal.SIGQUIT  # nginx's graceful shutdown.

    def __init__(self, upstream_host, upstream_port, static_root, media_root, *, workers=1):
        super().__init__()
        # One worker by default: a cache hit costs nginx little, and the two CPUs of the bench
        # machine are shared with gunicorn, PostgreSQL and the load generator.
        self.upstream = f"{upstream_host}:{upstream_port}"
        self.static_root = Path(static_root).resolve()
        self.media_root = Path(media_root).resolve()
        self.workers = workers
        self.dir = None

    @property
    def config_path(self):
        return self.dir / "nginx.conf"

    @property
    def log_path(self):
        return self.dir / "error.log"

    def write_config(self):
        """Write nginx.conf and site.conf into a new temporary directory; return nginx.conf."""
        self.dir = Path(tempfile.mkdtemp(prefix="newsroom-nginx-"))
        site = render_site(
            SAMPLE.read_text(),
            {
                UPSTREAM: f"server {self.upstream};",
                LISTEN: f"listen 127.0.0.1:{self.port};",
                STATIC_ROOT: f"{self.static_root}/",
                MEDIA_ROOT: f"{self.media_root}/",
                CACHE_PATH: str(self.dir / "cache"),
            },
        )
        (self.dir / "site.conf").write_text(site)
        # As root, nginx's workers would switch to `nobody`, who may not read this checkout or
        # write the temporary directory.
        user = "user root;\n" if os.geteuid() == 0 else ""
        self.config_path.write_text(
            MAIN_CONFIG.format(user=user, workers=self.workers, dir=self.dir)
        )
        return self.config_path

    def command(self, *args):
        return [NGINX, "-p", str(self.dir), "-c", str(self.config_path), *args]

    def check(self):
        """`nginx -t` on the written configuration: (passed, what nginx said)."""
        completed = subprocess.run(
            self.command("-t"), capture_output=True, text=True, timeout=30, check=False
        )
        return completed.returncode == 0, completed.stderr

    def start(self):
        self.write_config()
        passed, output = self.check()
        if not passed:
            raise RuntimeError(f"nginx -t refused {self.config_path}:\n{output}")
        self.process = subprocess.Popen(
            self.command("-g", "daemon off;"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def answers(self):
        socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
        return True

    def log_tail(self):
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-20:])
        except OSError:
            return "(no error log)"

    def stop(self):
        """Stop nginx (finishing the requests under way) and remove its directory."""
        try:
            super().stop()
        finally:
            if self.dir is not None:
                shutil.rmtree(self.dir, ignore_errors=True)
