"""Settings for bench.py's gunicorn pair: the soak's site (``soak_settings.py``:
the example site on PostgreSQL with persistent connections, ``DEBUG`` off) plus the
test app, whose ``BaselinePage`` is the plain page measured beside a condition page.

``BENCH_RENDER_CACHE`` ("on" or "off"), when set, sets
``WAGTAIL_PHYSIO["RENDER_CACHE"]``.
"""

import os

from soak_settings import *  # noqa: F403
from soak_settings import INSTALLED_APPS as SOAK_APPS

INSTALLED_APPS = ["tests.testapp", *SOAK_APPS]
# "testserver": the set-up step renders the condition page with Django's test client.
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

if os.environ.get("BENCH_RENDER_CACHE") in ("on", "off"):
    WAGTAIL_PHYSIO = {
        **globals().get("WAGTAIL_PHYSIO", {}),
        "RENDER_CACHE": os.environ["BENCH_RENDER_CACHE"] == "on",
    }
