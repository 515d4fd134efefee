"""pagecache.backends: Django's Redis backend with one client per pool, on the real Redis."""

import os

import pytest

from bench.process import redis_answers
from pagecache.backends import RedisCache

REDIS_URL = os.environ.get("REDIS_URL_TEST", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_cache():
    if not redis_answers(REDIS_URL, timeout=1):
        pytest.skip(f"Redis does not answer at {REDIS_URL}")
    cache = RedisCache(REDIS_URL, {"KEY_PREFIX": "test-redis-cache"})
    yield cache
    cache.clear()


def test_one_client_serves_every_operation(redis_cache):
    client = redis_cache._cache.get_client()
    assert redis_cache._cache.get_client(write=True) is client
    redis_cache.set("greeting", {"text": "hello"}, timeout=30)
    redis_cache.set_many({"a": 1, "b": 2})
    assert redis_cache.get("greeting") == {"text": "hello"}
    assert redis_cache.get_many(["a", "b", "missing"]) == {"a": 1, "b": 2}
    assert redis_cache.incr("a") == 2
    redis_cache.delete("greeting")
    assert redis_cache.get("greeting") is None
    assert redis_cache._cache.get_client() is client


def test_each_server_keeps_its_own_client(redis_cache):
    # With a replica listed, reads may go to the second server's pool: a client of its own.
    cache = RedisCache([REDIS_URL, REDIS_URL], {"KEY_PREFIX": "test-redis-cache"})
    writer = cache._cache.get_client(write=True)
    reader = cache._cache.get_client(write=False)
    assert writer is not reader
    assert writer.connection_pool is not reader.connection_pool
    assert cache._cache.get_client(write=False) is reader
