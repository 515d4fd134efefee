"""Helpers for tests that run the site for real: a PostgreSQL instance of their own, a server."""

import contextlib
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from glob import glob
from pathlib import Path

from bench import process
from bench.process import free_port

ROOT = Path(__file__).resolve().parents[2]


def postgres_bin(name):
    """A PostgreSQL server program (initdb, pg_ctl), from Debian's folder or the PATH."""
    for folder in sorted(glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if os.access(f"{folder}/{name}", os.X_OK):
            return f"{folder}/{name}"
    return shutil.which(name)


def clean_environment(**extra):
    """This process's environment without its Django settings, plus `extra`."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
        or key == "DJANGO_SETTINGS_MODULE"
    }
    environment.update(extra)
    return environment


class ThrowawayPostgres:
    """A PostgreSQL cluster in a temporary folder, on a free loopback port, stopped and removed
    at the end. Run as the `postgres` user when we are root (initdb refuses root)."""

    def __init__(self):
        self.initdb = postgres_bin("initdb")
        self.pg_ctl = postgres_bin("pg_ctl")
        self.port = free_port()
        self.folder = None

    @property
    def available(self):
        if not (self.initdb and self.pg_ctl):
            return False
        return os.geteuid() != 0 or _user_exists("postgres")

    def _run(self, *args):
        command = list(args)
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(  # noqa: S603 (PostgreSQL's own programs, fixed arguments)
            command, capture_output=True, text=True, timeout=60, check=True
        )

    def create(self):
        self.folder = Path(tempfile.mkdtemp(prefix="newsroom-pg-"))
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run(
            self.initdb,
            "-D",
            str(self.folder / "data"),
            "-U",
            "postgres",
            "--auth=trust",
            "--no-sync",
            "--encoding=UTF8",
            "--locale=C",
        )
        self.start()

    def start(self):
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            self.pg_ctl,
            "-D",
            str(self.folder / "data"),
            "-o",
            options,
            "-l",
            str(self.folder / "server.log"),
            "-w",
            "-t",
            "30",
            "start",
        )

    def stop(self, mode="fast"):
        self._run(self.pg_ctl, "-D", str(self.folder / "data"), "-m", mode, "-w", "stop")

    def url(self, database="postgres"):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name):
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')

    def remove(self):
        if self.folder is None:
            return
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)


def _user_exists(name):
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def manage(*args, environment, timeout=120):
    """Run manage.py in a fresh process with this environment."""
    return subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


class Server(process.Server):
    """gunicorn serving the site on a free loopback port, one worker (one database connection).

    Up once /healthz answers (with any status); `with Server(environment) as server: ...`.
    """

    name = "gunicorn"
    ready_timeout = 20

    def __init__(self, environment):
        super().__init__()
        self.environment = environment
        self.log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (closed in close())

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 (gunicorn from our own virtualenv)
            [
                sys.executable,
                "-m",
                "gunicorn",
                "newsroom.wsgi",
                "--workers",
                "1",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--timeout",
                "30",
            ],
            cwd=ROOT,
            env=self.environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def answers(self):
        self.get("/healthz", timeout=2)
        return True

    def log_tail(self):
        return self.output()

    def get(self, path, timeout=10):
        """(status, headers, body) of a GET, error statuses included."""
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def output(self):
        self.log.seek(0)
        return self.log.read()

    def close(self):
        self.log.close()
