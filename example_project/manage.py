#!/usr/bin/env python
"""Run the example clinic site: ``python example_project/manage.py demo``."""

import os
import sys
from pathlib import Path

if __name__ == "__main__":
    # Make the example apps importable when run from the repository root.
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic_site.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
