"""A site with its own base page model (Wagtail 8's ``WAGTAIL_PAGE_MODEL``).

These tests need settings of their own, so the main suite runs them in a
subprocess (``tests/test_custom_base_page.py``); ``tests/conftest.py`` leaves this
folder out of the main run.
"""
