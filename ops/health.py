"""`/healthz` for load balancers: is this app server able to reach its database and cache?"""

import logging
import secrets

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

CACHE_KEY = "newsroom:healthz"


def _database_ok():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _cache_ok():
    # A value of our own, so a stale key left by another app server cannot answer for us.
    token = secrets.token_hex(8)
    cache.set(CACHE_KEY, token, timeout=10)
    return cache.get(CACHE_KEY) == token


CHECKS = {"database": _database_ok, "cache": _cache_ok}


@csrf_exempt
@require_safe
@never_cache
def healthz(request):
    """Answer 200 when the database and the cache both work, 503 naming the part that does not.

    One query and two cache calls; no session, cookie or template. What failed is logged, not
    shown: the reason can name hosts and users.
    """
    report = {}
    for name, check in CHECKS.items():
        try:
            report[name] = "ok" if check() else "error"
        except Exception:
            logger.exception("Health check: the %s failed", name)
            report[name] = "error"
    healthy = all(state == "ok" for state in report.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **report}, status=200 if healthy else 503
    )
