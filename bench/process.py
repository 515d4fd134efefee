"""Servers on loopback for the benchmark and the tests that start real processes.

`Server` holds what gunicorn and nginx (bench/stack.py, bench/nginx.py) have in common: a free
port, start in a session of its own, wait until it answers, stop it in order whatever happens.
"""

import os
import signal
import socket
import subprocess
import time
from urllib.parse import urlsplit


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_answers(url, timeout=2):
    """Whether a Redis server answers PING at url (redis://host:port/db)."""
    parts = urlsplit(url)
    try:
        with socket.create_connection(
            (parts.hostname, parts.port or 6379), timeout=timeout
        ) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def flush_redis(url):
    """Empty the Redis database at url (redis://host:port/db): every key of that one database."""
    import redis

    client = redis.Redis.from_url(url)
    try:
        client.flushdb()
    finally:
        client.close()


class Server:
    """A server process on a free loopback port; stopped on leaving the `with` block.

    Subclasses set `name`, and define start() and answers(), and log_tail() if they keep a log.
    start() sets self.process, started in a session of its own (start_new_session=True): a
    Ctrl-C reaches us first and we stop the server in order, and a stuck one is killed with
    its whole group.
    """

    name = "server"
    ready_timeout = 60
    stop_signal = signal.SIGTERM  # gunicorn's graceful shutdown (nginx's is SIGQUIT).

    def __init__(self):
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def start(self):
        raise NotImplementedError

    def answers(self):
        """Whether the server is up; may raise OSError while it is not."""
        raise NotImplementedError

    def log_tail(self):
        return ""

    def __enter__(self):
        try:
            self.start()
            self.wait_until_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def wait_until_ready(self):
        deadline = time.monotonic() + self.ready_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited at start-up:\n{self.log_tail()}")
            try:
                if self.answers():
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError(
            f"{self.name} did not answer within {self.ready_timeout}s:\n{self.log_tail()}"
        )

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        # A Ctrl-C often arrives twice (the terminal and `uv run` both pass it on): let a second
        # one not cut the shutdown short.
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            self.process.send_signal(self.stop_signal)  # Requests under way are finished.
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)  # The group the server leads.
                self.process.wait()
        finally:
            signal.signal(signal.SIGINT, previous)
