"""Data made once for several tests, as Django's ``TestCase.setUpTestData`` does."""

from contextlib import contextmanager

from django.db import transaction


@contextmanager
def shared_test_data(django_db_blocker):
    """Hold a transaction open around tests that share the data made inside it.

    For a class- or module-scoped fixture: make the data inside this block and
    yield it. Each test (``db``) then runs in a savepoint within the transaction,
    rolled back after it, and the whole transaction is rolled back after the last
    test, so no other test ever sees the data. Tests should get copies of the
    objects (``copy.deepcopy``) so that changing one in memory changes it for that
    test only. Data that a live server must see (on PostgreSQL, another
    connection) cannot be shared this way.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)
