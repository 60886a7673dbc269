"""Condition pages, clinic locations and notices for healthcare clinics on Wagtail."""

__version__ = "0.1.0.dev0"
