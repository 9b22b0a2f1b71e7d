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

# How long a wait on the app's state may take before the test fails. Every wait is on state
# (the run finished, the charts drawn, the URL, an element shown), never a pause; this is only
# the ceiling, set for a loaded two-core machine (four engineers' suites at once), where one
# run can take tens of seconds. Playwright's own default (5 s for `expect`) is a quiet
# machine's.
STATE_MS = 90_000


def _patient_expect() -> None:
    from playwright.sync_api import expect

    expect.set_options(timeout=STATE_MS)


_patient_expect()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A dashboard process on a free loopback port."""

    def __init__(
        self,
        env: dict | None = None,
        script: str = "app.py",
        port: int | None = None,
        cwd: Path = ROOT,
        start_s: int = 90,
    ) -> None:
        self.port = port or free_port()
        command = streamlit_command(self.port, "127.0.0.1")
        if script == "app.py" and (cwd / "dashboard" / "serve.py").exists():
            command[0] = sys.executable  # the dashboard, served as the Dockerfile serves it
        else:  # a bare page (the yardstick), or a checkout from before dashboard.serve
            command[:4] = [str(Path(sys.executable).parent / "streamlit"), "run", script]
        # The server's output goes to a file: an undrained pipe fills up and blocks the server.
        self.log = tempfile.NamedTemporaryFile(prefix="streamlit-", suffix=".log", delete=False)
        self.process = subprocess.Popen(
            command,
            cwd=cwd,
            env={**os.environ, **(env or {})},
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + start_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(self.output())
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as reply:
                    if reply.status == 200:
                        return
            except OSError:
                time.sleep(0.2)  # polling the health endpoint while the server boots
        raise RuntimeError(f"the dashboard did not start within {start_s} s")

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
    opened.set_default_timeout(STATE_MS)
    yield opened
    context.close()


TITLE_SHOWN = '[data-testid="stMain"] h1'
# The articles' uploader (the sidebar also holds the vocabulary's and the themes' uploaders).
UPLOAD_INPUT = '.st-key-w_upload [data-testid="stFileUploaderDropzoneInput"]'
# The sidebar's popovers (their keys in dashboard/session.py): the browser draws a closed
# popover's content only once it is opened, so the uploader and the vocabulary's widgets are
# on the page only then, in a layer of their own outside the sidebar (POPOVER_BODY).
UPLOAD_BOX = ".st-key-upload_box"
VOCAB_BOX = ".st-key-vocab_box"
POPOVER_BODY = '[data-testid="stPopoverBody"]'
VOCAB_TEXT = ".st-key-w_vocab_text"
RUN_FINISHED = '[data-testid="stApp"][data-test-script-state="notRunning"]'
# Charts and tables load lazily behind skeletons: drawn means none is left and every
# plotly chart has its SVG.
CHARTS_DRAWN = """() => !document.querySelector('[data-testid="stSkeleton"]')
    && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
       .every(chart => chart.querySelector('.main-svg'))"""


def open_popover(page, box: str, inside: str):
    """Open the sidebar's popover `box` (unless it is open) as a person does, by its button,
    and wait until the widget `inside` it is on the page; return the popover's body."""
    from playwright.sync_api import expect

    button = page.locator(f'{box} [data-testid="stPopoverButton"]')
    if button.get_attribute("aria-expanded") != "true":
        button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(page.locator(inside).first).to_be_attached()
    return page.locator(POPOVER_BODY).filter(has=page.locator(inside))


def open_uploader(page):
    """Open the articles' uploader (UPLOAD_INPUT is on the page once this returns)."""
    return open_popover(page, UPLOAD_BOX, UPLOAD_INPUT)


def open_vocabulary(page):
    """Open the vocabulary's popover; return its body (text area, buttons, import)."""
    return open_popover(page, VOCAB_BOX, VOCAB_TEXT)


def wait_for_uploads(page, count: int) -> None:
    """Wait until the sidebar says `count` files are uploaded: the run that reads them has
    drawn. Only then may the uploader's popover close: closing it unmounts the uploader, and
    a file still being sent to the server is dropped with it."""
    import re

    from playwright.sync_api import expect

    said = re.compile(rf"^(已上传 {count} 个文件|{count} files uploaded)")
    expect(page.locator('[data-testid="stSidebar"]').get_by_text(said)).to_be_visible()


def close_popovers(page) -> None:
    """Close an open popover as a person does (Escape), so it covers nothing on the page."""
    from playwright.sync_api import expect

    if page.locator(POPOVER_BODY).count():
        page.keyboard.press("Escape")
    expect(page.locator(POPOVER_BODY)).to_have_count(0)


def wait_for_app(page) -> None:
    """Wait until the script run finished and every chart on the page is drawn.

    Every page has one title, so its presence tells the first run has drawn; then the
    run state must be settled and each plotly chart must have its SVG.
    """
    from playwright.sync_api import expect

    expect(page.locator(TITLE_SHOWN).first).to_be_visible(timeout=STATE_MS)
    expect(page.locator(RUN_FINISHED)).to_be_attached(timeout=STATE_MS)
    page.wait_for_function(CHARTS_DRAWN, timeout=STATE_MS)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


# The sidebar's page links carry the view's query string: once they hold the URL's, the run
# for that URL has started drawing (the sidebar comes first), so `wait_for_app` then waits
# for it to end. This tells a rerun after Back or Forward from the last run's leftovers.
NAV_LINKS = ".st-key-nav"
VIEW_DRAWN = """() => {
    const link = document.querySelector('.st-key-nav a[href]');
    if (!link) return false;
    const norm = search => [...new URLSearchParams(search)].map(p => p.join('=')).sort().join('&');
    return norm(new URL(link.href).search) === norm(location.search);
}"""


def wait_for_view(page) -> None:
    """Wait until the page shows the view the URL holds (after Back, Forward or a change)."""
    page.wait_for_function(VIEW_DRAWN, timeout=STATE_MS)
    wait_for_app(page)


def page_title(name: str, lang: str = "zh") -> str:
    """The heading a page draws (the overview's is the dashboard's name)."""
    from dashboard.pages import BY_NAME
    from dashboard.texts import text

    return text("app_title" if name == "overview" else BY_NAME[name].title_key, lang)


def wait_for_page(page, name: str, lang: str = "zh") -> None:
    """Wait until page `name` (of dashboard.pages) is the one drawn, its run finished."""
    from playwright.sync_api import expect

    from dashboard.pages import BY_NAME

    path = "/" + BY_NAME[name].url_path
    page.wait_for_function(f"location.pathname.endsWith({path!r})", timeout=STATE_MS)
    expect(page.locator(TITLE_SHOWN).first).to_have_text(page_title(name, lang), timeout=STATE_MS)
    wait_for_view(page)


def go_to(page, name: str, lang: str = "zh") -> None:
    """Change page by the sidebar's link, as a visitor does (the session, uploads included,
    goes on), and wait until the page is drawn."""
    from dashboard.pages import BY_NAME
    from dashboard.texts import text

    label = text(BY_NAME[name].title_key, lang)
    page.locator(NAV_LINKS).get_by_text(label, exact=True).click()
    wait_for_page(page, name, lang)


def open_tab(page, label: str, name: str, tab_id: str | None):
    """Click the page's tab `label`, as a person does, and wait until the URL says it is open
    (`name`: its link parameter; `tab_id` None: the first tab, which the link leaves out)."""
    tab = page.locator('[data-testid="stMain"] [role="tab"]').filter(has_text=label)
    tab.click()
    test = f"new URL(location.href).searchParams.get({name!r})"
    page.wait_for_function(f"{test} === {tab_id!r}" if tab_id else f"{test} === null")
    wait_for_app(page)
    return tab


def wait_for_query(page, name: str, present: bool = True) -> None:
    """Wait until the URL has (or no longer has) a query parameter: the click was applied."""
    test = f"new URL(location.href).searchParams.has({name!r})"
    page.wait_for_function(test if present else f"!({test})", timeout=STATE_MS)
    wait_for_app(page)


def download(page, button) -> bytes:
    """Click a download button once the app is settled and return the file's bytes. The
    CSV is made on the server when the button is clicked: under load that takes a while, so
    the wait is on the download itself, after the run is done.

    A click can hold the file id of a run that another run has just replaced: Streamlit
    drops a deferred download's callable when the session's next run starts, and the click
    then gets nothing ("a click that still holds the old id fails until the browser receives
    the new delta", streamlit/runtime/media_file_manager.py). A person clicks again; so does
    this, on the button the settled app now shows, within the state ceiling overall."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import expect

    attempts = 3
    for attempt in range(attempts):
        wait_for_app(page)
        button.scroll_into_view_if_needed()
        expect(button).to_be_enabled()
        try:
            with page.expect_download(timeout=STATE_MS // attempts) as started:
                button.click()
        except PlaywrightTimeout:
            if attempt == attempts - 1:
                raise
            continue
        return Path(started.value.path()).read_bytes()
    raise AssertionError("unreachable")


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
    opened.set_default_timeout(STATE_MS)
    return opened
