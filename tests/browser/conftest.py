"""Browser tests against a live server, each with data of its own.

Screenshots are written to ``test-artifacts/`` so a person can look at the
rendered pages. (The browser fixtures are in tests/conftest.py; the tests that
read the demo clinic are in tests/demo.)
"""

import pytest

from tests.factories.browser import serve_default_site_from
from tests.live_requests import finish_live_requests


@pytest.fixture
def live_site(live_server, transactional_db):
    """The default Wagtail site (rebuilt if need be), served by the live server.

    Each test's data is committed, for the live server to see, and flushed after,
    once the live server has finished the test's requests.
    """
    yield serve_default_site_from(live_server)
    finish_live_requests()
