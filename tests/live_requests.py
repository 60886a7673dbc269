"""Waiting for the live server to finish its requests before a test's data goes.

A browser test's last click can leave a request running in the live server's
thread (saving a session, publishing a page) when the test ends. Flushing the
database under it fails on SQLite ("database table is locked") and leaves the
test's rows for the next test. ``finish_live_requests()``, called by each live-site
fixture after its test, refuses new requests (503, before any middleware reads the
database) and waits for those running; every test starts with requests served
again (``tests/conftest.py``).
"""

import threading

from django.http import HttpResponse

_finished = threading.Condition()
_running = 0
_refusing = False


def track_live_requests(get_response):
    """Outermost middleware of the test settings."""

    def middleware(request):
        global _running
        with _finished:
            if _refusing:
                return HttpResponse("The test is over.", status=503)
            _running += 1
        try:
            return get_response(request)
        finally:
            with _finished:
                _running -= 1
                _finished.notify_all()

    return middleware


def serve_live_requests():
    global _refusing
    with _finished:
        _refusing = False


def finish_live_requests(timeout=10.0):
    """Refuse new requests and wait (at most ``timeout`` seconds) for the rest."""
    global _refusing
    with _finished:
        _refusing = True
        _finished.wait_for(lambda: _running == 0, timeout=timeout)
