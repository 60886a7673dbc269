"""Wagtail admin views of wagtail-physio."""
