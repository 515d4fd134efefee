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


def test_write_many_sets_adds_and_deletes_in_one_round_trip(redis_cache, monkeypatch):
    redis_cache.set_many({"kept": "old", "gone": "soon"})
    client = redis_cache._cache.get_client(write=True)
    executes = []
    real_pipeline = client.pipeline

    def counting_pipeline(*args, **kwargs):
        pipeline = real_pipeline(*args, **kwargs)
        real_execute = pipeline.execute

        def execute(*a, **k):
            executes.append(len(pipeline.command_stack))
            return real_execute(*a, **k)

        pipeline.execute = execute
        return pipeline

    monkeypatch.setattr(client, "pipeline", counting_pipeline)
    redis_cache.write_many(
        [
            ({"kept": "new", "fresh": "added"}, None, True),
            ({"entry": {"html": "<p>x</p>"}}, 30, False),
            ({"gone": None}, 0, False),
        ]
    )
    assert executes == [4]
    assert redis_cache.get("kept") == "old"  # only_new leaves what a key already has
    assert redis_cache.get("fresh") == "added"
    assert redis_cache.get("entry") == {"html": "<p>x</p>"}
    assert redis_cache.get("gone") is None
    assert 0 < client.ttl(redis_cache.make_key("entry")) <= 30
    assert client.ttl(redis_cache.make_key("fresh")) == -1  # None: for ever
