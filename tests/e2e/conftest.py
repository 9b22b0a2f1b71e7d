"""Real-browser tests: the dashboard served by `streamlit run`, driven by Playwright + Chromium.

They wait on the app's own state (the script run finished, the charts drawn), never on sleeps.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
sys.path.insert(0, str(ROOT))
from tasks import streamlit_command  # noqa: E402  (the same command the Dockerfile runs)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A dashboard process on a free loopback port."""

    def __init__(
        self, env: dict | None = None, script: str = "app.py", port: int | None = None
    ) -> None:
        self.port = port or free_port()
        command = streamlit_command(self.port, "127.0.0.1")
        command[0] = str(Path(sys.executable).parent / "streamlit")
        command[2] = script
        # The server's output goes to a file: an undrained pipe fills up and blocks the server.
        self.log = tempfile.NamedTemporaryFile(prefix="streamlit-", suffix=".log", delete=False)
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**os.environ, **(env or {})},
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(self.output())
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as reply:
                    if reply.status == 200:
                        return
            except OSError:
                time.sleep(0.2)  # polling the health endpoint while the server boots
        raise RuntimeError("the dashboard did not start within 90 s")

    def output(self) -> str:
        return Path(self.log.name).read_text(encoding="utf-8", errors="replace")[-5000:]

    def stop(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.process.pid, signal.SIGKILL)


@pytest.fixture(scope="session")
def server():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: `python3 tasks.py test` installs it")
    running = Server()
    yield running
    running.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    opened = context.new_page()
    opened.set_default_timeout(30_000)
    yield opened
    context.close()


TITLE_SHOWN = '[data-testid="stMain"] h1'
# The articles' uploader (the sidebar also holds the vocabulary's and the themes' uploaders).
UPLOAD_INPUT = '.st-key-w_upload [data-testid="stFileUploaderDropzoneInput"]'
RUN_FINISHED = '[data-testid="stApp"][data-test-script-state="notRunning"]'
# Charts and tables load lazily behind skeletons: drawn means none is left and every
# plotly chart has its SVG.
CHARTS_DRAWN = """() => !document.querySelector('[data-testid="stSkeleton"]')
    && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
       .every(chart => chart.querySelector('.main-svg'))"""


def wait_for_app(page) -> None:
    """Wait until the script run finished and every chart on the page is drawn.

    Every page has one title, so its presence tells the first run has drawn; then the
    run state must be settled and each plotly chart must have its SVG.
    """
    from playwright.sync_api import expect

    expect(page.locator(TITLE_SHOWN).first).to_be_visible(timeout=60_000)
    expect(page.locator(RUN_FINISHED)).to_be_attached(timeout=60_000)
    page.wait_for_function(CHARTS_DRAWN, timeout=60_000)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def wait_for_query(page, name: str, present: bool = True) -> None:
    """Wait until the URL has (or no longer has) a query parameter: the click was applied."""
    test = f"new URL(location.href).searchParams.has({name!r})"
    page.wait_for_function(test if present else f"!({test})", timeout=30_000)
    wait_for_app(page)


def open_app(page, server, path: str = "") -> None:
    page.goto(f"{server.url}/{path}")
    wait_for_app(page)


# ---- For tests that attack the server (test_hostile.py): each gets a server of its own,
# so an attack that does freeze one cannot fail every later test too.


@pytest.fixture
def own_server():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: `python3 tasks.py test` installs it")
    running = Server()
    yield running
    running.stop()


def health_answers(server, timeout: float = 5.0) -> bool:
    """True when the server's health check answers OK within `timeout` seconds."""
    try:
        with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=timeout) as reply:
            return reply.status == 200
    except OSError:
        return False


def new_visitor(browser):
    """A page in a browser context of its own: another visitor, with their own session."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    opened = context.new_page()
    opened.set_default_timeout(30_000)
    return opened
