"""gunicorn's settings for Newsroom behind a TLS-terminating reverse proxy (see deploy/README.md).

    uv run gunicorn -c deploy/gunicorn.conf.py newsroom.wsgi

Every value can be changed by environment variable, so one file serves every machine.
"""

import multiprocessing
import os

# Loopback only: the reverse proxy is the one door from outside.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
# Sync workers, 2 x CPUs + 1 (gunicorn's own advice).
workers = int(os.environ.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count() * 2 + 1)))
worker_class = "sync"
# A request that takes longer than this is a bug or an attack; the worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# Keep-alive with the proxy on the same machine.
keepalive = 5
# Recycle workers now and then, staggered, so slow leaks never matter.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200

# Which peers may tell us the original scheme (X-Forwarded-Proto): only the proxy. Django
# itself trusts the header only with DJANGO_SECURE_PROXY=1, and the client address in
# X-Forwarded-For only with DJANGO_PROXY_COUNT=1 (newsroom/settings.py).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Request line and header limits well under gunicorn's maxima: nothing of ours needs more.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

# Logs to stderr, collected by systemd's journal. Django already logs one line per request
# (ops/request_log.py), so gunicorn's access log is off unless asked for ("-": stderr); it
# leaves out query strings (searches are personal) and addresses.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "newsroom"
