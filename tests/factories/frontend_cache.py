"""A front-end cache backend for tests that records what it was asked to purge.

It implements Wagtail's backend interface (as Wagtail's own tests do), so purges
go through the real ``wagtail.contrib.frontend_cache`` code path. The
``recorded_purges`` fixture (tests/notices/conftest.py) configures it.
"""

from wagtail.contrib.frontend_cache.backends import BaseBackend

PURGED_URLS = []


class RecordingBackend(BaseBackend):
    def purge(self, url):
        PURGED_URLS.append(url)
