#!/usr/bin/env python
"""Run the example clinic site: ``python example_project/manage.py demo``."""

import os
import sys
from pathlib import Path

if __name__ == "__main__":
    # Make the example apps, and the package from this checkout, importable.
    here = Path(__file__).resolve().parent
    sys.path[:0] = [str(here), str(here.parent)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic_site.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
