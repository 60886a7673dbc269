"""Wagtail admin (wagtail-modeladmin) classes, one module per feature.

Registration happens in ``wagtail_hooks.py``.
"""
