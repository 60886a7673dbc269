"""Condition pages, clinic locations and notices for healthcare clinics on Wagtail."""

from . import deprecated_paths

__version__ = "0.1.0.dev0"

deprecated_paths.install()
