"""The server makes the first page's answers as it starts (`dashboard.serve`), so the first
visitor after a start does not wait for them."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.e2e.conftest import CHROMIUM, STATE_MS, new_visitor, open_app
from tests.e2e.test_attacks import ProbedServer

WARMED = "warm-up: first page made"


def warmed(server: ProbedServer) -> None:
    deadline = time.monotonic() + STATE_MS / 1000
    while WARMED not in server.log_text():
        assert time.monotonic() < deadline, server.log_text()[-2000:]
        assert server.process.poll() is None, server.log_text()[-2000:]
        time.sleep(0.2)  # polling the server's log for its own line


def test_the_server_makes_the_first_page_before_any_visitor(browser, tmp_path):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: `python3 tasks.py test` installs it")
    server = ProbedServer(tmp_path)
    try:
        warmed(server)
        before = server.probe()
        assert before["stores"] >= 1 and before["shared_answers"] > 0
        visitor = new_visitor(browser)
        for path in ("", "?lang=en"):  # the first page in both languages, as warmed
            open_app(visitor, server, path)
        after = server.probe()
        # Every answer those pages asked for was there: none was made again.
        assert after["shared_answers"] == before["shared_answers"]
        assert "Traceback" not in server.log_text()
        visitor.context.close()
    finally:
        server.stop()
