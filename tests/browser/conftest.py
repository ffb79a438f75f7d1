"""Real-browser tests: Debian's Chromium driven by Playwright, against `streamlit run app.py`.

Playwright's own browser builds cannot be downloaded here, so the launch is pointed at the
system's Chromium. Each test that fails leaves a full-page screenshot in test-artifacts/.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from perspectives.paths import DATA_ENV

from ..conftest import ROOT

CHROMIUM = Path(os.environ.get("PERSPECTIVES_CHROMIUM", "/usr/bin/chromium"))
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL_HINT = (
    f"Chromium not found at {CHROMIUM}. Install it with `sudo apt-get install chromium` "
    "(Debian; `make test` run as root installs it), or set PERSPECTIVES_CHROMIUM to a Chromium "
    "or Chrome binary."
)
ARTIFACTS = ROOT / "test-artifacts"
FIXTURES = ROOT / "tests" / "fixtures"
START_TIMEOUT_S = 60


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Launch the system Chromium; without it, fail in CI and say how to install it elsewhere."""
    if not CHROMIUM.is_file():
        if _in_ci():
            pytest.fail(INSTALL_HINT, pytrace=False)
        pytest.skip(INSTALL_HINT)
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": LAUNCH_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    # Streamlit scrolls inside its own container: a tall viewport shows (and screenshots) more.
    return {**browser_context_args, "viewport": {"width": 1400, "height": 2400}}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serve(data: Path | None) -> Iterator[str]:
    """`streamlit run app.py` on a free local port (on `data`, else the embedded corpus)."""
    port = _free_port()
    env = {name: value for name, value in os.environ.items() if name != DATA_ENV}
    if data is not None:
        env[DATA_ENV] = str(data)
    command = [
        *(sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py")),
        *("--server.headless", "true", "--server.address", "127.0.0.1"),
        *("--server.port", str(port), "--browser.gatherUsageStats", "false"),
        *("--server.fileWatcherType", "none"),
    ]
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_until_healthy(url, server, log)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _wait_until_healthy(url: str, server: subprocess.Popen, log) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            break
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.2)
    log.seek(0)
    output = log.read().decode(errors="replace")
    pytest.fail(f"the app did not answer at {url}/_stcore/health:\n{output}", pytrace=False)


@pytest.fixture(scope="session")
def app_url(browser_type_launch_args) -> Iterator[str]:
    """The dashboard on the embedded corpus (after the browser check: no server for nothing)."""
    with serve(None) as url:
        yield url


@pytest.fixture(scope="session")
def hostile_app_url(browser_type_launch_args) -> Iterator[str]:
    """The dashboard on a corpus whose every field carries markup and script."""
    with serve(FIXTURES / "hostile-browser") as url:
        yield url


def open_app(page: Page, url: str) -> None:
    """Navigate and wait until the script has run and the sidebar widgets are drawn."""
    page.goto(url)
    expect(page.get_by_role("heading", name="Compare perspectives", level=1)).to_be_visible()
    expect(page.get_by_role("combobox", name="Themes")).to_be_visible()
    wait_idle(page)


def wait_idle(page: Page) -> None:
    expect(page.locator('[data-testid="stStatusWidget"]')).to_have_count(0)


_PHASE_REPORTS = pytest.StashKey[dict]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    item.stash.setdefault(_PHASE_REPORTS, {})[report.when] = report
    return report


@pytest.fixture(autouse=True)
def _screenshot_on_failure(request: pytest.FixtureRequest, page: Page) -> Iterator[None]:
    yield
    report = request.node.stash.get(_PHASE_REPORTS, {}).get("call")
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name)
        page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)
