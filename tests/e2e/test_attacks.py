"""Every attack of issue 18, each on a server of its own, while a second visitor's page draws
and `/_stcore/health` is polled from a thread the whole time: each answer within
HEALTH_LIMIT_S (the slowest is reported), and no attack costs another visitor anything.

1. a 9.9 MB upload of one hyphenated Latin run, then a 500-word hyphenated vocabulary;
2. a visitor's vocabulary evicted by another visitor's nine;
3. Streamlit's own `clear_cache` message over a bare websocket;
4. a .docx whose document.xml holds 2 GB (declared 1,000 bytes), and one of many styled runs;
5. a link whose turn number is a superscript or circled digit;
6. theme files whose pattern or name is markdown (images, links);
7. thirty theme sets in one session;
8. PUTs to Streamlit's upload endpoint beyond the session's allowance;
9. a browser that disconnects while its run reads its uploads.
"""

from __future__ import annotations

import json
import os
import statistics
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    CHROMIUM,
    ROOT,
    RUN_FINISHED,
    TITLE_SHOWN,
    UPLOAD_INPUT,
    Server,
    close_popovers,
    new_visitor,
    open_uploader,
    open_vocabulary,
    wait_for_app,
)
from tests.e2e.raw_client import put_file, raw_session, send_clear_cache

pytestmark = pytest.mark.e2e

HEALTH_LIMIT_S = 2.0
POLL_EVERY_S = 0.2  # the poller's interval, not a wait for the app
SETTLE_MS = 300_000  # an attacker's own run may take this long on a loaded machine
EXCEPTION = '[data-testid="stException"]'
ALERT = '[data-testid="stAlert"]'
METRIC = '[data-testid="stMetricValue"]'
ARTICLES_IN_SEEDS = 5
SETTLED = f"""() => !!document.querySelector('{TITLE_SHOWN}')
    && !!document.querySelector('{RUN_FINISHED}')"""


class HealthWatch:
    """Polls `/_stcore/health` from a thread and records how long each answer took, and
    the server's resident memory at each poll."""

    def __init__(self, server) -> None:
        self.server = server
        self.url = f"{server.url}/_stcore/health"
        self.latencies: list[float] = []
        self.rss: list[float] = []
        self.failures: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def _poll(self) -> None:
        while not self._stop.is_set():
            began = time.monotonic()
            try:
                with urllib.request.urlopen(self.url, timeout=120) as reply:
                    if reply.status != 200:
                        self.failures.append(f"status {reply.status}")
            except OSError as error:
                self.failures.append(f"{type(error).__name__}: {error}")
            self.latencies.append(time.monotonic() - began)
            self.rss.append(self.server.rss_mb())
            self._stop.wait(POLL_EVERY_S)

    def __enter__(self) -> HealthWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=180)

    def report(self) -> str:
        if not self.latencies:
            return "no answers"
        return (
            f"{len(self.latencies)} answers, median {statistics.median(self.latencies):.3f} s, "
            f"max {max(self.latencies):.3f} s; RSS {self.rss[0]:.0f} -> peak "
            f"{max(self.rss):.0f} -> {self.rss[-1]:.0f} MB"
        )

    def check(self) -> None:
        assert self.latencies, "the health check was never polled"
        assert not self.failures, f"health check failed: {self.failures[:3]}"
        slowest = max(self.latencies)
        assert slowest <= HEALTH_LIMIT_S, f"health answered in {slowest:.2f} s ({self.report()})"


# The checkout whose server is attacked: this one, or (to measure the code before a change)
# another, e.g. `git worktree add /work/before <commit>` and ATTACKS_ROOT=/work/before.
ATTACKS_ROOT = Path(os.environ.get("ATTACKS_ROOT") or ROOT)


class ProbedServer(Server):
    """A dashboard served from ATTACKS_ROOT, with the memory probe on (dashboard/data/probe.py)."""

    def __init__(self, tmp_path: Path) -> None:
        self.probe_path = tmp_path / "probe.json"
        super().__init__(
            env={"TRANSCRIPTS_MEMORY_PROBE": str(self.probe_path)}, cwd=ATTACKS_ROOT, start_s=120
        )

    def probe(self) -> dict:
        """What the server holds: stores in the pool, answers, their bytes."""
        self.probe_path.unlink(missing_ok=True)
        Path(str(self.probe_path) + ".ask").touch()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.probe_path.exists():
                try:
                    return json.loads(self.probe_path.read_text())
                except json.JSONDecodeError:
                    pass  # written meanwhile
            time.sleep(0.2)  # the probe polls its request file every 0.2 s
        raise AssertionError("the memory probe did not answer")

    def rss_mb(self) -> float:
        try:
            status = Path(f"/proc/{self.process.pid}/status").read_text()
        except OSError:
            return 0.0
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def log_text(self) -> str:
        return Path(self.log.name).read_text(encoding="utf-8", errors="replace")


@pytest.fixture
def attacked(request, tmp_path):
    """A server of this test's own, watched: (server, health watch). At the end every health
    answer must have come within HEALTH_LIMIT_S and the log must hold no traceback. Each
    test prints one `ATTACK` line (bench/bench_attacks.py collects them)."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: `python3 tasks.py test` installs it")
    server = ProbedServer(tmp_path)
    try:
        with HealthWatch(server) as watch:
            yield server, watch
        log = server.log_text()
        errors = log.count("Traceback")
        print(f"\nATTACK {request.node.name}: health {watch.report()}; tracebacks {errors}")
        watch.check()
        assert errors == 0, log[-3000:]
    finally:
        server.stop()


def second_visitor_draws(browser, server, attack) -> None:
    """A second visitor opens the overview while `attack()` runs, and gets it drawn."""
    other = new_visitor(browser)
    try:
        other.goto(server.url, wait_until="commit")
        attack()
        wait_for_app(other)
        assert other.locator('[data-testid="stPlotlyChart"] .main-svg').count() >= 1
        expect(other.locator(EXCEPTION)).to_have_count(0)
    finally:
        other.context.close()


def settled(page) -> None:
    """The page's run is over, with no traceback (the attacker's too)."""
    page.wait_for_function(SETTLED, timeout=SETTLE_MS)
    expect(page.locator(RUN_FINISHED)).to_be_attached(timeout=SETTLE_MS)
    expect(page.locator(EXCEPTION)).to_have_count(0)


def open_page(page, server, path: str = "") -> None:
    page.goto(f"{server.url}/{path}")
    settled(page)


def upload(page, files: list[tuple[str, bytes]]) -> None:
    open_uploader(page)
    page.locator(UPLOAD_INPUT).set_input_files(
        files=[{"name": n, "mimeType": "application/octet-stream", "buffer": d} for n, d in files]
    )
    for name, _ in files:
        chip = page.locator('[data-testid="stFileChipName"]').filter(has_text=name)
        expect(chip.first).to_be_visible(timeout=SETTLE_MS)
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text(
        f"已上传 {len(files)} 个文件", timeout=SETTLE_MS
    )  # read by a run: closing the popover before would drop a file still being sent
    close_popovers(page)


def go(page, title: str) -> None:
    """Change page by the sidebar's link, keeping the session (a reload would not)."""
    page.locator('[data-testid="stSidebar"] a').filter(has_text=title).first.click()
    expect(page.locator(TITLE_SHOWN).first).to_have_text(
        "访谈文本仪表盘" if title == "总览" else title, timeout=SETTLE_MS
    )
    settled(page)


def articles_shown(page) -> str:
    return page.locator(METRIC).first.inner_text()


def apply_vocabulary(page, text: str) -> None:
    open_vocabulary(page)
    area = page.locator(".st-key-w_vocab_text textarea")
    area.fill(text)
    area.press("Control+Enter")  # the text area's value reaches the server first
    settled(page)
    page.locator(".st-key-apply_vocab button").click()
    settled(page)
    close_popovers(page)


# ---------------------------------------------------------------- 1. a costly vocabulary

RUN_UNIT = "abcdefghij-"


def hyphenated_upload(megabytes: float = 9.9) -> bytes:
    run = RUN_UNIT * int(megabytes * 1e6 / len(RUN_UNIT))
    return f"# 长文\n\n**主持人：** 这是什么？\n\n**Sam Altman：** {run}\n".encode()


def hyphenated_vocabulary(words: int = 500, length: int = 30) -> bytes:
    """Thirty-character hyphenated words, each found all along the upload's run."""
    text = RUN_UNIT * 4
    found: list[str] = []
    for start in range(len(RUN_UNIT)):
        for size in range(length, 4, -1):
            word = text[start : start + size].strip("-")
            if word not in found and "--" not in word:
                found.append(word)
    # More distinct words than the run holds: numbered variants, still hyphenated.
    number = 0
    while len(found) < words:
        found.append(f"{text[: length - 6].strip('-')}-n{number:04d}")
        number += 1
    return ("[add words]\n" + "\n".join(found[:words]) + "\n").encode()


def test_a_huge_hyphenated_upload_and_a_500_word_vocabulary(browser, attacked):
    server, _ = attacked
    attacker = new_visitor(browser)
    open_page(attacker, server)

    def attack() -> None:
        upload(attacker, [("long.txt", hyphenated_upload())])
        attacker.wait_for_function(
            f"document.querySelector('{METRIC}')?.innerText === '{ARTICLES_IN_SEEDS + 1}'",
            timeout=SETTLE_MS,
        )
        settled(attacker)
        box = open_vocabulary(attacker)
        box.locator(".st-key-w_vocab_import input[type=file]").set_input_files(
            files=[
                {
                    "name": "vocabulary.txt",
                    "mimeType": "text/plain",
                    "buffer": hyphenated_vocabulary(),
                }
            ]
        )
        settled(attacker)

    second_visitor_draws(browser, server, attack)
    # Refused in words (it would segment too much), or applied: never a freeze or a traceback.
    said = open_vocabulary(attacker).locator(ALERT)
    if said.count():
        expect(said.first).to_contain_text("9,9")  # the characters it would segment
    attacker.context.close()


# ---------------------------------------------------------------- 2. eviction by another


def test_another_visitors_nine_vocabularies_never_break_my_page(browser, attacked):
    server, _ = attacked
    mine, other = new_visitor(browser), new_visitor(browser)
    open_page(mine, server, "terms?terms_tab=compare")  # the comparison's tab: B's toggle
    apply_vocabulary(mine, "[add words]\n这项技术\n")
    open_page(other, server, "terms")
    for number in range(9):
        apply_vocabulary(other, f"[add words]\n这项技术\n试验词语{number}\n")
        expect(other.locator(EXCEPTION)).to_have_count(0)
    # My next click (B = the rest of the corpus) reads my vocabulary's tables.
    mine.locator(".st-key-w_b_rest label").click()
    settled(mine)
    expect(mine.locator(EXCEPTION)).to_have_count(0)
    assert "CatalogException" not in server.log_text()
    mine.context.close()
    other.context.close()


# ---------------------------------------------------------------- 3. clear_cache


def test_a_clear_cache_message_changes_nothing_on_disk_and_crashes_nobody(browser, attacked):
    import hashlib

    from analysis.store.build import CURRENT, STORE_CACHE

    server, _ = attacked
    visitor = new_visitor(browser)
    open_page(visitor, server)
    upload(
        visitor,
        [("mine.txt", "**主持人：** 这项技术怎么样？\n\n**Sam Altman：** 很好。\n".encode())],
    )
    visitor.wait_for_function(
        f"document.querySelector('{METRIC}')?.innerText === '{ARTICLES_IN_SEEDS + 1}'",
        timeout=SETTLE_MS,
    )
    apply_vocabulary(visitor, "[add words]\n这项技术\n")
    # The served checkout's store of its seeds (build.default_store_dir, in that checkout).
    seeds = str((ATTACKS_ROOT / "seeds").resolve()).encode()
    cache = ATTACKS_ROOT / STORE_CACHE.relative_to(ROOT)
    pointer = cache / hashlib.sha256(seeds).hexdigest()[:16] / CURRENT
    written = pointer.stat().st_mtime_ns
    before = server.probe()

    def attack() -> None:
        for _ in range(3):
            send_clear_cache(server)

    second_visitor_draws(browser, server, attack)
    for title in ("词语", "总览"):
        go(visitor, title)
    assert articles_shown(visitor) == str(ARTICLES_IN_SEEDS + 1)  # the upload is still read
    assert pointer.stat().st_mtime_ns == written  # nothing rebuilt, nothing written
    after = server.probe()
    assert after["pool_entries"] >= before["pool_entries"] - 1  # the other's session may end
    visitor.context.close()


# ---------------------------------------------------------------- 4. .docx


def test_a_docx_bomb_and_a_docx_of_many_runs(browser, attacked, tmp_path):
    from bench.bench_docx import bomb, many_runs

    server, _ = attacked
    forged = bomb(tmp_path / "bomb.docx", unpacked=512 * 1024**2).read_bytes()
    runs = many_runs(tmp_path / "runs.docx", 300).read_bytes()
    attacker = new_visitor(browser)
    open_page(attacker, server)
    rss = server.rss_mb()

    def attack() -> None:
        upload(attacker, [("bomb.docx", forged), ("runs.docx", runs)])
        attacker.wait_for_function(
            f"document.querySelector('{METRIC}')?.innerText === '{ARTICLES_IN_SEEDS + 1}'",
            timeout=SETTLE_MS,
        )
        settled(attacker)

    second_visitor_draws(browser, server, attack)
    assert server.rss_mb() - rss < 400, f"{rss:.0f} -> {server.rss_mb():.0f} MB"
    attacker.context.close()


# ---------------------------------------------------------------- 5. a link's turn number


@pytest.mark.parametrize("digit", ["²", "①", "٣", "２"])
def test_a_turn_number_in_other_digits_is_dropped_with_a_notice(browser, attacked, digit):
    server, _ = attacked
    attacker = new_visitor(browser)

    def attack() -> None:
        open_page(attacker, server, f"concordance?hit=002_44e89f23e9374fe1:{digit}")

    second_visitor_draws(browser, server, attack)
    expect(attacker.locator(ALERT).filter(has_text="hit=").first).to_be_visible()
    attacker.reload()  # the session's later runs work too
    settled(attacker)
    attacker.context.close()


# ---------------------------------------------------------------- 6. markup in theme files


def test_markup_in_an_imported_theme_file_is_never_rendered_or_fetched(browser, attacked):
    from tests.e2e.test_hostile import Listener

    server, _ = attacked
    listener = Listener()
    threading.Thread(target=listener.serve_forever, daemon=True).start()
    host = listener.host
    attacker = new_visitor(browser)
    outbound = []
    attacker.on(
        "request",
        lambda request: (
            None
            if request.url.startswith((server.url, "data:", "blob:"))
            else outbound.append(request.url)
        ),
    )
    files = [
        ("themes.toml", f'[[theme]]\nname = "x"\npatterns = ["![p](http://{host}/x.png)(?=x)"]\n'),
        (f"![f](http://{host}/y.png).toml", "[[theme]\nbroken"),
        (f"[fl](http://{host}/z).toml", "[[theme]\nbroken"),
    ]
    try:
        open_page(attacker, server, "themes?themes_tab=edit")

        def attack() -> None:
            for name, text in files:
                attacker.locator(".st-key-w_import_themes input[type=file]").set_input_files(
                    files=[{"name": name, "mimeType": "application/toml", "buffer": text.encode()}]
                )
                settled(attacker)
                main = attacker.locator('[data-testid="stMain"]')
                assert main.locator(f'img[src*="{host}"]').count() == 0
                assert main.locator(f'a[href*="{host}"]').count() == 0

        second_visitor_draws(browser, server, attack)
        assert outbound == [] and listener.paths == []
    finally:
        listener.shutdown()
        listener.server_close()
        attacker.context.close()


# ---------------------------------------------------------------- 7. thirty theme sets


def test_thirty_theme_sets_leave_the_one_in_use(browser, attacked):
    from analysis.config import dump_themes, load_themes
    from dashboard import limits

    server, _ = attacked
    attacker = new_visitor(browser)
    open_page(attacker, server, "themes?themes_tab=edit")
    shipped = dump_themes(load_themes())

    def attack() -> None:
        for number in range(limits.MAX_THEME_CHANGES):
            text = shipped + f'\n[[theme]]\nname = "试验{number}"\nkeywords = ["能源{number}"]\n'
            attacker.locator(".st-key-w_import_themes input[type=file]").set_input_files(
                files=[
                    {
                        "name": f"t{number}.toml",
                        "mimeType": "application/toml",
                        "buffer": text.encode(),
                    }
                ]
            )
            attacker.wait_for_function(
                "new URL(location.href).searchParams.has('themes_version')", timeout=SETTLE_MS
            )
            settled(attacker)

    second_visitor_draws(browser, server, attack)
    held = server.probe()
    # The set in use is held; the 29 before it went (nobody else used them) or fit the cap.
    assert held["pool_unheld_bytes"] <= limits.UNHELD_TABLE_BYTES
    assert held["pool_entries"] <= 2 + limits.MAX_UNHELD_STORES
    attacker.context.close()


# ---------------------------------------------------------------- 8. uploads beyond the cap


def test_uploads_beyond_a_sessions_allowance_are_refused_by_the_server(browser, attacked):
    from dashboard import limits

    server, _ = attacked
    warm = new_visitor(browser)
    open_page(warm, server)  # the server has loaded what it serves: its memory is settled
    warm.context.close()
    rss = server.rss_mb()
    file = b"x" * 9_900_000
    statuses = []

    def attack() -> None:
        # A session of its own, no browser; its first run over (a server that has served a
        # run: files sent in a server's very first seconds are cut to the cap at that run).
        with raw_session(server, finished=True) as (_, session_id):
            statuses.extend(put_file(server, session_id, f"f{n}.txt", file) for n in range(12))

    second_visitor_draws(browser, server, attack)
    kept = limits.SERVER_UPLOAD_SESSION_BYTES // len(file)
    assert statuses[:kept] == [204] * kept
    assert statuses[kept:] == [413] * (12 - kept)
    assert server.rss_mb() - rss < 150, f"{rss:.0f} -> {server.rss_mb():.0f} MB"


# ---------------------------------------------------------------- 9. disconnect mid-run

# Keeps the page's websockets reachable, so the test can drop the connection as a network
# does (the frontend then reconnects to the same session).
SOCKETS = """(() => {
    const Native = window.WebSocket;
    window.__sockets = [];
    window.WebSocket = function (...args) {
        const socket = new Native(...args);
        window.__sockets.push(socket);
        return socket;
    };
    window.WebSocket.prototype = Native.prototype;
    Object.assign(window.WebSocket, Native);
})();"""


# Connections dropped under a run: a few here; more (ATTACK_DISCONNECTS) to measure a race.
DISCONNECTS = int(os.environ.get("ATTACK_DISCONNECTS", "3"))


def test_a_disconnect_during_a_run_keeps_the_sessions_uploads(browser, attacked):
    server, _ = attacked
    visitor = new_visitor(browser)
    visitor.add_init_script(SOCKETS)
    open_page(visitor, server)
    article = "**主持人：** 这项技术怎么样？\n\n**Sam Altman：** 很好，非常好。\n" * 400
    upload(visitor, [("mine.txt", article.encode())])
    visitor.wait_for_function(
        f"document.querySelector('{METRIC}')?.innerText === '{ARTICLES_IN_SEEDS + 1}'",
        timeout=SETTLE_MS,
    )
    settled(visitor)

    def attack() -> None:
        for title in (["词语", "主题", "总览"] * DISCONNECTS)[:DISCONNECTS]:
            # A run that reads the uploads starts; the connection drops under it.
            visitor.locator('[data-testid="stSidebar"] a').filter(has_text=title).first.click()
            visitor.wait_for_function(
                "document.querySelector('[data-testid=stApp]')"
                "?.getAttribute('data-test-script-state') === 'running'",
                timeout=SETTLE_MS,
            )
            visitor.evaluate("window.__sockets.at(-1).close()")
            visitor.wait_for_function("window.__sockets.at(-1).readyState === 1", timeout=SETTLE_MS)
            settled(visitor)

    second_visitor_draws(browser, server, attack)
    if DISCONNECTS % 3:
        go(visitor, "总览")
    assert articles_shown(visitor) == str(ARTICLES_IN_SEEDS + 1)
    assert "uploads_" not in server.log_text()  # no run lost its uploads' tables
    visitor.context.close()
