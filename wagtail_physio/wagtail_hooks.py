"""Wagtail admin registration only."""
