"""The dashboard served for a real browser, shared by the browser tests and the benchmarks.

Playwright's own browser builds cannot be downloaded here, so both drive the system's Chromium
(Debian's package) with the launch arguments that work on these machines.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from perspectives.paths import CURATE_ENV, DATA_ENV

ROOT = Path(__file__).resolve().parent.parent
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
START_TIMEOUT_S = 60


def launch_options() -> dict[str, Any]:
    """Playwright's launch options for the system Chromium."""
    return {"executable_path": str(CHROMIUM), "args": LAUNCH_ARGS}


class AppNotHealthy(RuntimeError):
    """The server did not answer its health check; the message carries its output."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serve(
    data: Path | None = None, curate: bool = False, script: Path = ROOT / "app.py"
) -> Iterator[tuple[str, subprocess.Popen]]:
    """`streamlit run app.py` (or another `script`) on a free local port (on `data`, else the
    embedded corpus; in curation mode when asked): yields its URL and process once it answers,
    and stops it afterwards."""
    port = free_port()
    env = {name: value for name, value in os.environ.items() if name not in (DATA_ENV, CURATE_ENV)}
    if data is not None:
        env[DATA_ENV] = str(data)
    if curate:
        env[CURATE_ENV] = "1"
    command = [
        *(sys.executable, "-m", "streamlit", "run", str(script)),
        *("--server.headless", "true", "--server.address", "127.0.0.1"),
        *("--server.port", str(port), "--browser.gatherUsageStats", "false"),
        *("--server.fileWatcherType", "none"),
    ]
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_until_healthy(url, server, log)
            yield url, server
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
    raise AppNotHealthy(f"the app did not answer at {url}/_stcore/health:\n{output}")
