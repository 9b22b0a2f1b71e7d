"""A stranger with the link attacks the hosted server: it keeps answering everyone else.

Each attack runs against a server of its own (`own_server`), so one that does freeze a
server fails its own test only. While an attack is under way the health check is polled
(each answer within HEALTH_TIMEOUT_S) and a second visitor must get a fully drawn page.
"""

from __future__ import annotations

import csv
import http.server
import io
import threading
import time
from urllib.parse import quote, urlencode

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    RUN_FINISHED,
    TITLE_SHOWN,
    UPLOAD_INPUT,
    close_popovers,
    download,
    free_port,
    go_to,
    health_answers,
    new_visitor,
    open_app,
    open_uploader,
    wait_for_app,
    wait_for_query,
)
from tests.hostile import (
    CATASTROPHIC_PATTERNS,
    EDITOR_NOTE_BOMB_ARTICLE,
    HEADING_BOMB_ARTICLE,
    HOSTILE_THEME_FILE,
    formula_article,
    markup_link_values,
)

pytestmark = pytest.mark.e2e

HEALTH_TIMEOUT_S = 5.0
# The health check is polled at least this long after an attack starts (a frozen server
# stops answering at once), and at most until the attacker's page has settled.
WATCH_MIN_S = 6.0
WATCH_MAX_S = 90.0
ALERT = '[data-testid="stAlert"]'
EXCEPTION = '[data-testid="stException"]'
# The attacker's run is over: a title is drawn and no script runs.
SETTLED = f"""() => !!document.querySelector('{TITLE_SHOWN}')
    && !!document.querySelector('{RUN_FINISHED}')"""
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def watch_health(server, attacker) -> int:
    """Poll the health check while the attacker's run goes on; every poll must answer."""
    began = time.monotonic()
    answers = 0
    while True:
        elapsed = time.monotonic() - began
        assert health_answers(server, HEALTH_TIMEOUT_S), (
            f"/_stcore/health gave no answer within {HEALTH_TIMEOUT_S:.0f} s, "
            f"{elapsed:.1f} s into the attack ({answers} answers before)"
        )
        answers += 1
        if elapsed >= WATCH_MAX_S or (elapsed >= WATCH_MIN_S and attacker.evaluate(SETTLED)):
            return answers
        time.sleep(0.25)  # polling interval, not a wait for the app


def another_visitor_draws(browser, server) -> None:
    """A second visitor opens the overview and gets every chart drawn, no error."""
    other = new_visitor(browser)
    try:
        open_app(other, server)
        charts = other.locator('[data-testid="stPlotlyChart"] .main-svg')
        assert charts.count() >= 1
        expect(other.locator(EXCEPTION)).to_have_count(0)
    finally:
        other.context.close()


def settled_with_words(page) -> None:
    """The attacker's page finished its run and says something in words, no traceback."""
    page.wait_for_function(SETTLED, timeout=60_000)
    expect(page.locator(EXCEPTION)).to_have_count(0)


@pytest.mark.parametrize("pattern", CATASTROPHIC_PATTERNS)
def test_a_catastrophic_search_link_freezes_nobody(browser, own_server, pattern):
    attacker = new_visitor(browser)
    attacker.goto(f"{own_server.url}/concordance?{urlencode({'q': pattern, 'regex': '1'})}")
    assert watch_health(own_server, attacker) >= 2
    another_visitor_draws(browser, own_server)
    settled_with_words(attacker)
    # Either a message why the search was refused, or its hits counted.
    said = attacker.locator(f'[data-testid="stMain"] {ALERT}').or_(attacker.get_by_text("处命中"))
    expect(said.first).to_be_visible()
    expect(said.first).not_to_have_text("")
    attacker.context.close()


def test_a_catastrophic_theme_file_import_freezes_nobody(browser, own_server):
    attacker = new_visitor(browser)
    open_app(attacker, own_server, "themes?themes_tab=edit")
    attacker.locator(".st-key-w_import_themes input[type=file]").set_input_files(
        files=[
            {"name": "themes.toml", "mimeType": "application/toml", "buffer": HOSTILE_THEME_FILE}
        ]
    )
    expect(
        attacker.locator('[data-testid="stFileChipName"]').filter(has_text="themes.toml")
    ).to_be_visible()
    assert watch_health(own_server, attacker) >= 2
    another_visitor_draws(browser, own_server)
    settled_with_words(attacker)
    # The importer is told why the file was refused, or the themes were applied (the link
    # then carries their version) and the page still runs.
    refused = attacker.locator(f'[data-testid="stMain"] {ALERT}').filter(has_text="themes.toml")
    if refused.count() == 0:
        wait_for_query(attacker, "themes_version")
    attacker.context.close()


@pytest.mark.parametrize(
    "name, data",
    [
        ("heading.txt", HEADING_BOMB_ARTICLE),  # cubic heading pattern
        ("notes.txt", EDITOR_NOTE_BOMB_ARTICLE),  # quadratic editor's-note pattern
    ],
)
def test_an_upload_slow_for_the_reader_freezes_nobody(browser, own_server, name, data):
    attacker = new_visitor(browser)
    open_app(attacker, own_server)
    open_uploader(attacker)
    attacker.locator(UPLOAD_INPUT).set_input_files(
        files=[{"name": name, "mimeType": "text/plain", "buffer": data}]
    )
    expect(attacker.locator('[data-testid="stFileChipName"]').filter(has_text=name)).to_be_visible()
    assert watch_health(own_server, attacker) >= 2
    another_visitor_draws(browser, own_server)
    wait_for_app(attacker)  # the uploader's own page finishes too, without a traceback
    attacker.context.close()


class Listener(http.server.ThreadingHTTPServer):
    """A web server on a free loopback port that counts the requests it gets."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        listener = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802  (http.server's name)
                listener.paths.append(self.path)
                self.send_response(404)
                self.end_headers()

            def log_message(self, *args) -> None:  # no output during tests
                pass

        super().__init__(("127.0.0.1", free_port()), Handler)
        self.host = f"127.0.0.1:{self.server_address[1]}"


@pytest.fixture
def listener():
    running = Listener()
    thread = threading.Thread(target=running.serve_forever, daemon=True)
    thread.start()
    yield running
    running.shutdown()
    running.server_close()


@pytest.mark.parametrize(
    "path, name, extra",
    [
        ("", "article", {}),
        ("", "themes_version", {}),
        ("concordance", "q", {"regex": "1"}),
    ],
)
def test_markup_in_a_link_value_is_shown_as_text(page, server, listener, path, name, extra):
    elsewhere = []
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith((server.url, "data:", "blob:"))
            else elsewhere.append(request.url)
        ),
    )
    value = markup_link_values(listener.host)[name]
    open_app(page, server, f"{path}?{urlencode({name: value, **extra}, quote_via=quote)}")
    # The value is named in a notice (or the search's error box), as plain text; the
    # escaping may put invisible word joiners in it (so no autolink is made).
    notice = page.locator(ALERT).filter(has_text="无法检索" if name == "q" else f"{name}=")
    expect(notice.first).to_be_visible()
    for shown in notice.all():
        if name != "q":  # an ignored value is named (cut after 40 characters)
            assert value[:30] in shown.inner_text().replace("\u2060", "")
        assert shown.locator("img").count() == 0, shown.inner_html()
        assert shown.locator("a[href]").count() == 0, shown.inner_html()
    assert page.locator(f"img[src*='{listener.host}'], a[href*='{listener.host}']").count() == 0
    if name != "q":  # a refused search stays in its box, to be corrected
        wait_for_query(page, name, present=False)
    # Whatever the browser could have fetched has been asked for by now (the run is over).
    assert listener.paths == []
    assert elsewhere == []


def test_no_csv_download_starts_a_cell_with_a_formula(page, server, listener):
    open_app(page, server)
    articles = int(page.locator('[data-testid="stMetricValue"]').first.inner_text())
    open_uploader(page)
    page.locator(UPLOAD_INPUT).set_input_files(
        files=[
            {
                "name": "formulas.txt",
                "mimeType": "text/plain",
                "buffer": formula_article(listener.host),
            }
        ]
    )
    expect(page.locator('[data-testid="stMetricValue"]').first).to_have_text(str(articles + 1))
    wait_for_app(page)
    close_popovers(page)
    go_to(page, "concordance")
    box = page.locator('[data-testid="stTextInput"] input')
    box.fill("公式甲")
    box.press("Enter")
    expect(page.get_by_text("6 处命中")).to_be_visible()
    wait_for_app(page)
    buttons = page.get_by_role("button", name="下载 CSV")
    assert buttons.count() >= 1
    for button in buttons.all():
        text = download(page, button).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        cells = [cell for row in rows for cell in row]
        # The speech is all there, only made inert.
        assert sum("公式甲" in cell for cell in cells) >= 6
        assert any("HYPERLINK" in cell for cell in cells)
        assert any("SUM(1)" in cell for cell in cells)
        starting = [cell for cell in cells if cell.startswith(FORMULA_START)]
        assert starting == [], f"cells a spreadsheet would run: {starting}"
    assert listener.paths == []
