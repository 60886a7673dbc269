"""Build a new clinic site with ``wagtail start`` and install wagtail-physio into it
by following the README, then give it content.

Run by integration/run.sh with the fresh virtual environment's Python (the one the
wheel is installed into):

    python integration/build_site.py --run-dir RUN --readme README.md

It writes RUN/site/ (the project, SQLite database and media) and RUN/site.json,
which the pytest suite in this folder reads.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import readme_snippets  # noqa: E402

PROJECT = "clinicsite"
SETTINGS_MODULE = f"{PROJECT}.settings.integration"

# Each variant's own header and footer, with classes the tests look for.
VARIANTS = {
    "project": {
        "template": "base.html",
        "header": '<header class="clinicsite-header"><p><a href="/">Riverside Clinic</a>: the project\'s own header</p></header>',
        "footer_open": '<footer class="clinicsite-footer">',
        "footer_text": "<p>The project's own footer.</p>",
    },
    "bare": {
        "template": "bare_base.html",
        "header": '<header class="bare-site-header"><p><a href="/">Riverside Clinic</a>: header of a base template with no head blocks</p></header>',
        "footer_open": '<footer class="bare-site-footer">',
        "footer_text": "<p>Footer of a base template with no head blocks.</p>",
    },
}

# The policy the tests expect on every public page: nothing inline, nothing from
# elsewhere. Django 6 has CSP built in; on Django 5.2 django-csp (4.x) sets it.
CSP_DIRECTIVES = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

BARE_HOME_PAGE = """{% extends "bare_base.html" %}
{% load static %}
{% block content %}
<link rel="stylesheet" href="{% static 'css/welcome_page.css' %}">
{% include 'home/welcome_page.html' %}
{% endblock %}
"""

INTEGRATION_SETTINGS = '''\
"""Settings of the integration run: dev.py (with the README's snippet in base.py),
plus a strict Content-Security-Policy and the base-template variant under test."""

import os

import django

from .dev import *  # noqa: F403

ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

# PHYSIO_IT_VARIANT picks the site's base template: "project" is wagtail start's own
# base.html edited per the README; "bare" has no block but content.
PHYSIO_IT_VARIANT = os.environ.get("PHYSIO_IT_VARIANT", "project")
if PHYSIO_IT_VARIANT == "bare":
    WAGTAIL_PHYSIO = {{**WAGTAIL_PHYSIO, "BASE_TEMPLATE": "bare_base.html"}}  # noqa: F405
    # The project's own home page extends the bare template too.
    TEMPLATES[0]["DIRS"] = [PROJECT_DIR / "templates_bare", *TEMPLATES[0]["DIRS"]]  # noqa: F405

CSP_DIRECTIVES = {csp!r}
if django.VERSION >= (6, 0):
    MIDDLEWARE = [*MIDDLEWARE, "django.middleware.csp.ContentSecurityPolicyMiddleware"]  # noqa: F405
    SECURE_CSP = CSP_DIRECTIVES
else:
    MIDDLEWARE = [*MIDDLEWARE, "csp.middleware.CSPMiddleware"]  # noqa: F405
    CONTENT_SECURITY_POLICY = {{"DIRECTIVES": CSP_DIRECTIVES}}
'''


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--run-dir", type=Path, required=True)
    parser.add_argument("--readme", type=Path, required=True)
    args = parser.parse_args()
    run_dir: Path = args.run_dir.resolve()
    site_dir = run_dir / "site"
    python = Path(sys.executable)

    step = Steps()
    snippets = readme_snippets.extract(args.readme)

    with step("wagtail start"):
        site_dir.mkdir(parents=True)
        wagtail = python.parent / "wagtail"
        subprocess.run([str(wagtail), "start", PROJECT, str(site_dir)], check=True)

    with step("apply the README's settings, URL and base-template snippets"):
        package = site_dir / PROJECT
        edit(
            package / "settings" / "base.py",
            lambda text: readme_snippets.apply_settings(text, snippets["settings"]),
        )
        edit(
            package / "urls.py",
            lambda text: readme_snippets.apply_urls(text, snippets["urls"]),
        )
        project = VARIANTS["project"]
        edit(
            package / "templates" / "base.html",
            lambda text: readme_snippets.apply_base_template(
                text,
                snippets["base-template"],
                header=project["header"],
                footer_open=project["footer_open"],
                footer_text=project["footer_text"],
            ),
        )
        bare = VARIANTS["bare"]
        (package / "templates" / "bare_base.html").write_text(
            readme_snippets.bare_base_template(
                snippets["base-template"],
                header=bare["header"],
                footer_open=bare["footer_open"],
                footer_text=bare["footer_text"],
            )
        )
        # The project's home page on the bare base template: with no head block,
        # its welcome stylesheet goes in the content (as a site like that would).
        home_template = site_dir / "home" / "templates" / "home" / "home_page.html"
        if "{% include 'home/welcome_page.html' %}" not in home_template.read_text():
            raise readme_snippets.SnippetError(
                "wagtail start's home_page.html changed shape"
            )
        overlay = package / "templates_bare" / "home" / "home_page.html"
        overlay.parent.mkdir(parents=True)
        overlay.write_text(BARE_HOME_PAGE)
        (package / "settings" / "integration.py").write_text(
            INTEGRATION_SETTINGS.format(csp=CSP_DIRECTIVES)
        )

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE, "PYTHONPATH": ""}
    manage = [str(python), "manage.py"]
    with step("migrate"):
        subprocess.run(
            [*manage, "migrate", "--noinput", "-v", "0"],
            cwd=site_dir,
            env=env,
            check=True,
        )

    content_file = run_dir / "content.json"
    with step("create content"):
        subprocess.run(
            [str(python), str(HERE / "make_content.py"), str(content_file)],
            cwd=site_dir,
            env=env,
            check=True,
        )

    info = {
        "site_dir": str(site_dir),
        "python": str(python),
        "settings_module": SETTINGS_MODULE,
        "variants": VARIANTS,
        "csp": CSP_DIRECTIVES,
        "content": json.loads(content_file.read_text()),
        "snippets": snippets,
    }
    (run_dir / "site.json").write_text(json.dumps(info, indent=2))
    step.report()
    return 0


def edit(path: Path, change) -> None:
    path.write_text(change(path.read_text()))


class Steps:
    def __init__(self) -> None:
        self.times: list[tuple[str, float]] = []

    def __call__(self, name: str) -> _Step:
        print(f"--- {name}", flush=True)
        return _Step(self, name)

    def report(self) -> None:
        for name, seconds in self.times:
            print(f"    {seconds:6.1f}s  {name}")


class _Step:
    def __init__(self, steps: Steps, name: str) -> None:
        self.steps, self.name = steps, name

    def __enter__(self) -> None:
        self.start = time.monotonic()

    def __exit__(self, *exc: object) -> None:
        self.steps.times.append((self.name, time.monotonic() - self.start))


if __name__ == "__main__":
    sys.exit(main())
