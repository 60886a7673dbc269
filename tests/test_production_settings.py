"""The example project's production settings (docs/deployment.md).

``manage.py check --deploy`` runs in a process of its own, as a deployment runs it.
The other tests load the settings module here with a chosen environment, and serve
pages through what it configures: WhiteNoise for static files, and a cache that
keeps pages up while Redis is down or hung.
"""

import os
import runpy
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import Client, override_settings

from tests.factories import make_condition_page, make_notice, notice_texts, soup

ROOT = Path(__file__).resolve().parent.parent
MANAGE = ROOT / "example_project" / "manage.py"
SETTINGS_MODULE = "clinic_site.settings.production"

#: The variables production needs, as docs/deployment.md lists them.
REQUIRED = [
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "WAGTAILADMIN_BASE_URL",
]
OPTIONAL = ["SECURE_HSTS_SECONDS"]


@pytest.fixture
def production_env(tmp_path):
    """The documented environment, with an SQLite database in a temporary folder."""
    return {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "clinic.example.com, www.clinic.example.com",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'clinic.sqlite3'}",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "WAGTAILADMIN_BASE_URL": "https://clinic.example.com",
    }


def load_settings(monkeypatch, environ):
    """The production settings module's names, read under ``environ`` alone."""
    for name in REQUIRED + OPTIONAL:
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    return runpy.run_module(SETTINGS_MODULE)


def manage(*args, environ):
    """Run the example project's manage.py under the production settings."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in REQUIRED + OPTIONAL and not key.startswith("PYTEST_")
    }
    env.update(environ, DJANGO_SETTINGS_MODULE=SETTINGS_MODULE)
    return subprocess.run(
        [sys.executable, str(MANAGE), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


# -- The deployment checks and the environment -----------------------------------


def test_check_deploy_passes_with_the_documented_environment(production_env):
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", environ=production_env
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_documented_variables_are_the_ones_read():
    rows = [
        line.split("|")[1:3]
        for line in (ROOT / "docs" / "deployment.md").read_text().splitlines()
        if line.startswith("| `")
    ]
    documented = {name.strip(" `"): needed.strip() for name, needed in rows}
    documented.pop("DJANGO_SETTINGS_MODULE")
    assert documented == {
        **dict.fromkeys(REQUIRED, "yes"),
        **dict.fromkeys(OPTIONAL, "no"),
    }


def test_manage_py_stops_with_the_missing_variable_named(production_env):
    del production_env["SECRET_KEY"]
    result = manage("check", environ=production_env)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines()[-1] == (
        "django.core.exceptions.ImproperlyConfigured: Set the SECRET_KEY "
        "environment variable: a long random string kept out of the code "
        "(see docs/deployment.md)."
    )


def assert_names_in_one_sentence(error, name):
    message = str(error.value)
    assert message.startswith(f"Set the {name} environment variable")
    assert message.endswith("(see docs/deployment.md).")
    assert "\n" not in message


@pytest.mark.parametrize("name", REQUIRED)
@pytest.mark.parametrize("value", [None, "", "   "], ids=["unset", "empty", "blank"])
def test_each_required_variable_is_named_when_missing(
    monkeypatch, production_env, name, value
):
    if value is None:
        del production_env[name]
    else:
        production_env[name] = value
    with pytest.raises(ImproperlyConfigured) as error:
        load_settings(monkeypatch, production_env)
    assert_names_in_one_sentence(error, name)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("ALLOWED_HOSTS", " , "),
        ("WAGTAILADMIN_BASE_URL", "clinic.example.com"),
        ("SECURE_HSTS_SECONDS", "a year"),
    ],
)
def test_unusable_values_are_named(monkeypatch, production_env, name, value):
    production_env[name] = value
    with pytest.raises(ImproperlyConfigured) as error:
        load_settings(monkeypatch, production_env)
    assert_names_in_one_sentence(error, name)


def test_settings_come_from_the_environment(monkeypatch, production_env):
    production_env["WAGTAILADMIN_BASE_URL"] = "https://clinic.example.com/"
    settings = load_settings(monkeypatch, production_env)

    assert settings["DEBUG"] is False
    assert settings["SECRET_KEY"] == production_env["SECRET_KEY"]
    assert settings["ALLOWED_HOSTS"] == ["clinic.example.com", "www.clinic.example.com"]
    assert settings["WAGTAILADMIN_BASE_URL"] == "https://clinic.example.com"
    assert settings["CACHES"]["default"]["LOCATION"] == "redis://127.0.0.1:6379/0"
    assert settings["SECURE_HSTS_SECONDS"] == 31_536_000


def test_database_connections_persist_with_health_checks(monkeypatch, production_env):
    production_env["DATABASE_URL"] = "postgres://clinic:secret@db.internal:5432/clinic"
    database = load_settings(monkeypatch, production_env)["DATABASES"]["default"]

    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"]) == (
        "db.internal",
        5432,
        "clinic",
    )
    assert database["CONN_MAX_AGE"] == 600
    assert database["CONN_HEALTH_CHECKS"] is True


def test_hsts_lifetime_can_be_shortened(monkeypatch, production_env):
    production_env["SECURE_HSTS_SECONDS"] = "3600"
    assert load_settings(monkeypatch, production_env)["SECURE_HSTS_SECONDS"] == 3600


# -- Serving pages: static files, and Redis down ---------------------------------


@pytest.fixture
def production(monkeypatch, production_env):
    return load_settings(monkeypatch, production_env)


def test_static_files_are_collected_hashed_and_served_by_whitenoise(
    production, condition_index, tmp_path
):
    with override_settings(
        MIDDLEWARE=production["MIDDLEWARE"],
        STORAGES=production["STORAGES"],
        STATIC_ROOT=str(tmp_path / "static"),
    ):
        # The manifest storage fails here on a stylesheet naming a missing file.
        call_command("collectstatic", interactive=False, verbosity=0)
        page = make_condition_page(condition_index)
        client = Client()
        html = soup(client.get(page.url, secure=True))
        stylesheet = html.select_one('link[href*="wagtail_physio/css/physio"]')["href"]
        assert stylesheet != "/static/wagtail_physio/css/physio.css"  # hashed
        response = client.get(stylesheet, secure=True)

    assert response.status_code == 200
    assert "immutable" in response.headers["Cache-Control"]
    assert b".physio-" in b"".join(response.streaming_content)


@pytest.fixture
def hung_redis():
    """A server that takes connections and never answers, as a hung Redis does."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(100)
    yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    server.close()


@pytest.fixture
def dead_redis():
    """An address nothing listens on, as when Redis is stopped."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"


@pytest.mark.parametrize("redis", ["dead_redis", "hung_redis"])
def test_pages_stay_up_while_redis_is_down(
    request, redis, monkeypatch, production_env, settings, condition_index
):
    # The test app's base template shows the notice banners, read from the cache.
    settings.WAGTAIL_PHYSIO = {"BASE_TEMPLATE": "base.html"}
    production_env["REDIS_URL"] = request.getfixturevalue(redis)
    production = load_settings(monkeypatch, production_env)
    page = make_condition_page(condition_index)
    make_notice("<p>The car park is closed today.</p>")

    with override_settings(CACHES=production["CACHES"]):
        cache = caches["default"]
        started = time.monotonic()
        assert cache.get("anything") is None
        cache.set("anything", 1)
        # A generous bound on a busy machine: the socket timeouts are a quarter
        # of a second, and redis-py's default retries would take seconds.
        assert time.monotonic() - started < 2

        response = Client().get(page.url)

    assert response.status_code == 200
    assert notice_texts(response) == ["Notice: The car park is closed today."]
