"""The documented production configuration, started for real: gunicorn (deploy/gunicorn.conf.py)
with debug off, behind a TLS proxy we play ourselves by sending X-Forwarded-Proto and
X-Forwarded-For as nginx would (deploy/README.md)."""

import http.client
import os
import re
import socket
import subprocess
import sys
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.db import connection

from bench import process
from tests.factories import make_user
from tests.newsroom.test_settings import manage

ROOT = Path(__file__).resolve().parents[2]
HOST = "news.example.org"
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-for-the-server-test-0123456789",
    "DJANGO_ALLOWED_HOSTS": HOST,
    "DJANGO_SECURE_PROXY": "1",
    "DJANGO_PROXY_COUNT": "1",
    "DJANGO_LOG_LEVEL": "ERROR",
    "DJANGO_REQUEST_LOG_LEVEL": "WARNING",
}

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def production_env(**extra):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "GUNICORN_"))
        or key == "DJANGO_SETTINGS_MODULE"
    }
    return {**environment, **PRODUCTION, **extra}


def test_deploy_check_is_clean_with_the_documented_production_environment():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, DJANGO_ADMIN_URL="desk-9/"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def database_url():
    db = connection.settings_dict
    credentials = quote(db["USER"] or "")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"])
    host = db["HOST"] or "127.0.0.1"
    return f"postgres://{credentials}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("static")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=production_env(DJANGO_STATIC_ROOT=str(root)),
        check=True,
        timeout=300,
    )
    return root


class DeployedGunicorn(process.Server):
    """gunicorn -c deploy/gunicorn.conf.py, bound by GUNICORN_BIND as the deployment guide says."""

    name = "gunicorn"

    def __init__(self, env, log):
        super().__init__()
        self.env = {**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}"}
        self.log = log

    def start(self):
        command = [
            sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "newsroom.wsgi",
        ]  # fmt: skip
        with self.log.open("w") as output:
            self.process = subprocess.Popen(  # noqa: S603 (fixed command)
                command, cwd=ROOT, env=self.env, stdout=output, stderr=output,
                start_new_session=True,
            )  # fmt: skip

    def answers(self):
        socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
        return True

    def log_tail(self):
        return self.log.read_text()


@pytest.fixture(scope="module")
def server(static_root, tmp_path_factory, django_db_setup):
    """gunicorn -c deploy/gunicorn.conf.py on a free loopback port, on the test database."""
    tmp_path = tmp_path_factory.mktemp("server")
    env = production_env(
        DATABASE_URL=database_url(),
        DJANGO_STATIC_ROOT=str(static_root),
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        GUNICORN_WORKERS="2",
    )
    with DeployedGunicorn(env, tmp_path / "gunicorn.log") as gunicorn:
        yield Server(gunicorn.port)


class Server:
    def __init__(self, port):
        self.port = port

    def request(self, method, path, *, https=True, host=HOST, client="203.0.113.5", **kwargs):
        """One request as nginx would pass it on: the scheme and the reader's address added."""
        headers = {"Host": host, "X-Forwarded-For": client, **kwargs.pop("headers", {})}
        if https:
            headers["X-Forwarded-Proto"] = "https"
        body = kwargs.pop("body", None)
        if body is not None:
            body = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            response.text = response.read().decode(errors="replace")
            return response
        finally:
            conn.close()


def cookies(response):
    jar = SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or []:
        jar.load(header)
    return jar, response.headers.get_all("Set-Cookie") or []


def test_plain_http_is_sent_to_https_for_good(server):
    response = server.request("GET", "/section/news/?page=2", https=False)
    assert response.status == 301
    assert response.headers["Location"] == f"https://{HOST}/section/news/?page=2"


def test_https_pages_carry_hsts_and_the_security_headers(server):
    response = server.request("GET", "/")
    assert response.status == 200, response.text[:2000]
    headers = response.headers
    assert headers["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in headers["Permissions-Policy"]
    # Static files come with the same headers, from WhiteNoise, under hashed names.
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', response.text).group(1)
    static = server.request("GET", stylesheet)
    assert static.status == 200
    assert "max-age=315360000" in static.headers["Cache-Control"]
    assert static.headers["X-Content-Type-Options"] == "nosniff"


def test_a_bogus_host_is_refused(server):
    for https in (True, False):
        response = server.request("GET", "/", host="evil.example.com", https=https)
        assert response.status == 400
        assert "evil.example.com" not in response.text


def test_the_staff_login_gets_secure_cookies_only(server):
    make_user("editor", role="Editor")
    page = server.request("GET", "/admin/login/")
    assert page.status == 200
    jar, raw = cookies(page)
    token = jar["csrftoken"].value
    assert any(h.startswith("csrftoken=") and "; Secure" in h for h in raw), raw
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    form_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = server.request(
        "POST",
        "/admin/login/?next=/admin/",
        body={
            "csrfmiddlewaretoken": form_token,
            "username": "editor",
            "password": "test-password-123",
        },
        headers={"Cookie": f"csrftoken={token}", "Origin": f"https://{HOST}"},
    )
    assert response.status == 302, response.text[:2000]
    jar, raw = cookies(response)
    session = next(h for h in raw if h.startswith("sessionid="))
    for flag in ["; Secure", "; HttpOnly", "SameSite=Lax", "Max-Age=43200"]:
        assert flag in session, session
    # The session works over HTTPS through the proxy.
    desk = server.request(
        "GET", "/admin/", headers={"Cookie": f"sessionid={jar['sessionid'].value}"}
    )
    assert desk.status == 200
    assert "editor" in desk.text


def test_the_lockout_works_behind_the_proxy_for_the_readers_address(server):
    make_user("editor", role="Editor")

    def attempt(password, client):
        page = server.request("GET", "/admin/login/", client=client)
        token = cookies(page)[0]["csrftoken"].value
        form_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        return server.request(
            "POST",
            "/admin/login/",
            client=client,
            body={"csrfmiddlewaretoken": form_token, "username": "editor", "password": password},
            headers={"Cookie": f"csrftoken={token}", "Origin": f"https://{HOST}"},
        )

    for n in range(5):
        # A forged first entry changes nothing: the proxy's own entry (the last) counts.
        response = attempt(f"guess-{n}", client=f"192.0.2.{n}, 203.0.113.66")
    assert response.status == 429
    assert "Login temporarily blocked" in response.text
    assert attempt("test-password-123", client="203.0.113.66").status == 429
    assert attempt("test-password-123", client="198.51.100.10").status == 302
