"""Admin views of wagtail-physio; registered in ``wagtail_hooks.py``."""
