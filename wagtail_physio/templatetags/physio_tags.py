"""Template tags of wagtail-physio: ``{% load physio_tags %}``."""

from django import template

register = template.Library()
