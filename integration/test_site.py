"""The site built by following the README: installed from the wheel, checks clean."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


def test_package_comes_from_the_wheel_not_the_checkout(
    site_info: dict[str, Any], manage
) -> None:
    package_file = Path(site_info["content"]["package_file"]).resolve()
    venv = Path(site_info["python"]).parent.parent
    assert "site-packages" in package_file.parts, package_file
    assert venv.resolve() in package_file.parents, package_file
    assert REPO not in package_file.parents, package_file
    # The site's own manage.py (what serves the pages) imports the same copy.
    shown = manage(
        "shell", "-c", "import wagtail_physio; print(wagtail_physio.__file__)"
    )
    assert shown.returncode == 0, shown.stderr
    # (Django 5.2's shell may print a line about its automatic imports first.)
    assert Path(shown.stdout.strip().splitlines()[-1]).resolve() == package_file
    pip = subprocess.run(
        [site_info["python"], "-m", "pip", "show", "wagtail-physio"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Editable project location" not in pip.stdout, pip.stdout


def test_readme_settings_snippet_is_the_end_of_the_settings_file(
    site_info: dict[str, Any],
) -> None:
    settings = Path(site_info["site_dir"]) / "clinicsite" / "settings" / "base.py"
    assert (
        settings.read_text()
        .rstrip()
        .endswith(site_info["snippets"]["settings"].strip())
    )


def test_system_checks_are_clean_with_the_readme_settings(manage) -> None:
    # clinicsite.settings.dev is what `wagtail start` runs with: base.py plus the
    # README's snippet, nothing from this harness.
    result = manage(
        "check",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="clinicsite.settings.dev",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "wagtail_physio." not in result.stdout + result.stderr


def test_the_package_needs_no_new_migrations(manage) -> None:
    result = manage("makemigrations", "--check", "--dry-run", "wagtail_physio")
    assert result.returncode == 0, result.stdout + result.stderr
