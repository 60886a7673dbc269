"""A cache backend whose server is down: every call fails, as a client library's
would when Redis or Memcached cannot be reached. Counts the calls it refused."""

from django.core.cache.backends.base import BaseCache

CALLS: list[str] = []


class CacheServerDown(ConnectionError):
    pass


class BrokenCache(BaseCache):
    def __init__(self, location, params):
        super().__init__(params)

    def _fail(self, name):
        CALLS.append(name)
        raise CacheServerDown(f"cache server unreachable ({name})")

    def get(self, key, default=None, version=None):
        self._fail("get")

    def set(self, key, value, timeout=None, version=None):
        self._fail("set")

    def add(self, key, value, timeout=None, version=None):
        self._fail("add")

    def touch(self, key, timeout=None, version=None):
        self._fail("touch")

    def delete(self, key, version=None):
        self._fail("delete")

    def get_many(self, keys, version=None):
        self._fail("get_many")

    def set_many(self, data, timeout=None, version=None):
        self._fail("set_many")

    def delete_many(self, keys, version=None):
        self._fail("delete_many")

    def has_key(self, key, version=None):
        self._fail("has_key")

    def clear(self):
        self._fail("clear")
