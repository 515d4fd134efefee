"""Django's Redis cache backend, keeping one redis-py client per connection pool.

Django makes a new `redis.Redis` for every cache operation. redis-py 5 and later fill a table
of some 170 response callbacks in each new client, which took about a third of the time of a
page served from the page cache (two cache reads per page; measured with `make bench`). A
client is safe to share: it takes a connection from its pool for each command.

    CACHES = {"default": {"BACKEND": "pagecache.backends.RedisCache", "LOCATION": ...}}
"""

from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client

    def write_many(self, writes):
        """Several writes in one round trip: (data, timeout, only_new) each, as set_many's
        data and timeout (None: for ever; 0: delete), only_new: keep what a key already has."""
        pipeline = self.get_client(write=True).pipeline(transaction=False)
        for data, timeout, only_new in writes:
            for key, value in data.items():
                if timeout == 0:
                    pipeline.delete(key)
                else:
                    pipeline.set(key, self._serializer.dumps(value), ex=timeout, nx=only_new)
        pipeline.execute()


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

    def write_many(self, writes, version=None):
        """Several set_many (or add, with only_new) in one round trip; see RedisCacheClient."""
        self._cache.write_many(
            [
                (
                    {
                        self.make_and_validate_key(key, version=version): value
                        for key, value in data.items()
                    },
                    self.get_backend_timeout(timeout),
                    only_new,
                )
                for data, timeout, only_new in writes
            ]
        )
