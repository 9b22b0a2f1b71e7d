"""The server makes every page's answers as it starts (`dashboard.serve`): the first page
first, in both languages, then each other page as a link without settings opens it. A
visitor after a start does not wait for them."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from dashboard.pages import PAGES
from tests.e2e.conftest import CHROMIUM, STATE_MS, new_visitor, open_app
from tests.e2e.test_attacks import ProbedServer

WARMED = "warm-up: every page made"


def warmed(server: ProbedServer) -> None:
    deadline = time.monotonic() + STATE_MS / 1000
    while WARMED not in server.log_text():
        assert time.monotonic() < deadline, server.log_text()[-2000:]
        assert server.process.poll() is None, server.log_text()[-2000:]
        time.sleep(0.2)  # polling the server's log for its own line


def test_the_server_makes_every_page_before_any_visitor(browser, tmp_path):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: `python3 tasks.py test` installs it")
    server = ProbedServer(tmp_path)
    try:
        warmed(server)
        before = server.probe()
        assert before["stores"] >= 1 and before["shared_answers"] > 0
        visitor = new_visitor(browser)
        # The first page in both languages, and every other page, as warmed.
        for path in ("", "?lang=en", *(page.url_path for page in PAGES[1:])):
            open_app(visitor, server, path)
        after = server.probe()
        # Every answer those pages asked for was there: none was made again.
        assert after["shared_answers"] == before["shared_answers"]
        assert "Traceback" not in server.log_text()
        visitor.context.close()
    finally:
        server.stop()
