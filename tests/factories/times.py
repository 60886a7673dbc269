"""Moments in time."""

from datetime import UTC, datetime


def at(*args):
    """An aware UTC datetime, the way a server clock reports it."""
    return datetime(*args, tzinfo=UTC)
