"""Fixtures of the integration suite: the site integration/build_site.py made, one
development server per base-template variant, and Chromium through Playwright.

Run it through integration/run.sh, which builds the site first and points this
suite at it with PHYSIO_IT_RUN_DIR.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("PHYSIO_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# A server lives at most this long, whatever happens to the test run.
SERVER_LIFETIME = 180
VARIANTS = ("project", "bare")

# Every Content-Security-Policy violation the page reports, sent straight to the
# test (an exposed binding is not subject to the page's policy).
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__physioReportViolation({
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    source: event.sourceFile,
    line: event.lineNumber,
    sample: event.sample,
    page: location.href,
  });
});
"""


def pytest_configure(config: pytest.Config) -> None:
    run_dir = os.environ.get("PHYSIO_IT_RUN_DIR")
    if not run_dir or not (Path(run_dir) / "site.json").is_file():
        raise pytest.UsageError(
            "The integration suite checks a site that integration/run.sh builds: "
            "run `bash integration/run.sh PYTHON [oldest|newest]`."
        )


@pytest.fixture(scope="session")
def run_dir() -> Path:
    return Path(os.environ["PHYSIO_IT_RUN_DIR"])


@pytest.fixture(scope="session")
def label() -> str:
    return os.environ.get("PHYSIO_IT_LABEL", "custom")


@pytest.fixture(scope="session")
def site_info(run_dir: Path) -> dict[str, Any]:
    return json.loads((run_dir / "site.json").read_text())


@pytest.fixture(scope="session")
def screenshot_dir(run_dir: Path) -> Path:
    path = run_dir / "screenshots"
    path.mkdir(exist_ok=True)
    return path


def site_env(site_info: dict[str, Any], **extra: str) -> dict[str, str]:
    """Environment for the site's manage.py: its settings, and no PYTHONPATH that
    could let the checkout shadow the installed wheel."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["DJANGO_SETTINGS_MODULE"] = site_info["settings_module"]
    env.update(extra)
    return env


@pytest.fixture(scope="session")
def manage(site_info: dict[str, Any]):
    """Run the site's ``manage.py`` with its Python: ``manage("check", ENV=value)``."""

    def run(*args: str, **extra_env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [site_info["python"], "manage.py", *args],
            cwd=site_info["site_dir"],
            env=site_env(site_info, **extra_env),
            capture_output=True,
            text=True,
            timeout=120,
        )

    return run


@dataclass
class Server:
    variant: str
    base_url: str
    spec: dict[str, str]
    log: Path

    def url(self, path: str) -> str:
        return self.base_url + path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session", params=VARIANTS)
def server(request: pytest.FixtureRequest, site_info: dict[str, Any], run_dir: Path):
    """The site served with one base-template variant (``runserver``, DEBUG on, so it
    serves static and media files), stopped at the end of that variant's tests."""
    variant = request.param
    port = free_port()
    log = run_dir / f"server-{variant}.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                "timeout",
                "-k",
                "5",
                str(SERVER_LIFETIME),
                site_info["python"],
                "manage.py",
                "runserver",
                f"127.0.0.1:{port}",
                "--noreload",
            ],
            cwd=site_info["site_dir"],
            env=site_env(site_info, PHYSIO_IT_VARIANT=variant, PYTHONUNBUFFERED="1"),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    # run.sh stops anything still running from this list if the suite is killed.
    with (run_dir / "server.pids").open("a") as pids:
        pids.write(f"{process.pid}\n")
    try:
        base_url = f"http://127.0.0.1:{port}"
        wait_until_up(base_url, process, log)
        yield Server(variant, base_url, site_info["variants"][variant], log)
    finally:
        stop(process)


def wait_until_up(base_url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 45
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"runserver exited ({process.returncode}):\n{log.read_text()}"
            )
        try:
            with urllib.request.urlopen(base_url + "/", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    raise RuntimeError(f"runserver did not answer within 45 s:\n{log.read_text()}")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    except ProcessLookupError:
        pass


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Tab:
    """One browser tab that records everything that went wrong in it."""

    page: Any
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    csp_violations: list[Any] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)

    def on_console(self, message: Any) -> None:
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            self.csp_violations.append(f"console: {text}")
        elif message.type == "error":
            url = message.location.get("url", "")
            # Chromium asks every new origin for /favicon.ico; a `wagtail start`
            # project has none, and that 404 is the project's, not the package's.
            if urlsplit(url).path == "/favicon.ico":
                return
            self.console_errors.append(f"{text} ({url})")

    def on_response(self, response: Any) -> None:
        if response.status >= 400:
            self.failed_requests.append(f"{response.status} {response.url}")

    def settle(self) -> None:
        # Violation events and console messages arrive asynchronously.
        self.page.wait_for_timeout(250)

    def problems(self) -> dict[str, list[Any]]:
        self.settle()
        found = {
            "console errors": self.console_errors,
            "page errors": self.page_errors,
            "CSP violations": self.csp_violations,
            "failed requests": self.failed_requests,
        }
        return {name: items for name, items in found.items() if items}

    def assert_clean(self) -> None:
        problems = self.problems()
        assert not problems, (
            f"problems in the browser: {json.dumps(problems, indent=2)}"
        )


@pytest.fixture
def tab(browser):
    """A fresh browser context (empty localStorage) with one recording tab."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    violations: list[Any] = []
    context.expose_binding(
        "__physioReportViolation", lambda _source, v: violations.append(v)
    )
    context.add_init_script(REPORT_VIOLATIONS)
    page = context.new_page()
    recorder = Tab(page, csp_violations=violations)
    page.on("console", recorder.on_console)
    page.on("pageerror", lambda error: recorder.page_errors.append(str(error)))
    page.on("response", recorder.on_response)
    page.on(
        "requestfailed",
        lambda req: recorder.failed_requests.append(f"failed {req.url}: {req.failure}"),
    )
    try:
        yield recorder
    finally:
        context.close()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    run_dir = os.environ.get("PHYSIO_IT_RUN_DIR")
    if not run_dir:
        return
    shots = sorted((Path(run_dir) / "screenshots").glob("*.png"))
    if shots:
        terminalreporter.write_sep("-", "screenshots")
        for shot in shots:
            terminalreporter.write_line(str(shot))
