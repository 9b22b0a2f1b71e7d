"""Benchmark: page loads, chart clicks, bytes sent and server memory, against a bare page.

In one run it serves a hello-world Streamlit page and the dashboard on a corpus (the seeds,
or N synthetic articles recombined from them), and measures (median of repeats):

- the first page from a freshly started server with an empty table cache (cold);
- each dashboard page loaded in a browser context that has loaded it once (warm browser
  cache), until every chart is drawn, and its ratio to the bare page loaded the same way;
- the bytes each page load receives over the websocket (what the server ships);
- a click on an article's bar until the filter shows everywhere;
- the server's resident memory (with any worker processes) after all of that.

With `--full` it also times loads in fresh contexts (cold browser cache) and page switches
inside the open app. Nothing passes or fails.

    python3 tasks.py bench --only pages
    .venv/bin/python bench/bench_pages.py --corpus synth:1000 --repeats 3
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.e2e.conftest import (  # noqa: E402
    CHARTS_DRAWN,
    CHROMIUM,
    CHROMIUM_ARGS,
    RUN_FINISHED,
    TITLE_SHOWN,
    Server,
)

try:  # the page registry (absent in checkouts before it, which the bench also measures)
    from ui_pages import PAGES as REGISTRY

    PAGES = {p.name: p.url_path for p in REGISTRY}
    NAV_LINKS = {p.name: p.title_zh for p in REGISTRY}
except ImportError:
    PAGES = {n: "" if n == "overview" else n for n in ("overview", "speakers", "terms", "themes")}
    PAGES["concordance"] = "concordance"
    NAV_LINKS = dict(zip(PAGES, ("总览", "发言人", "词语", "主题", "检索与阅读"), strict=True))
WAIT_MS = 300_000  # a page of a large corpus before #13 took minutes under load


def wait_for_app(page) -> None:
    """As the browser tests wait (title, run finished, every chart drawn), with time enough
    for a large corpus."""
    page.locator(TITLE_SHOWN).first.wait_for(timeout=WAIT_MS)
    page.locator(RUN_FINISHED).wait_for(state="attached", timeout=WAIT_MS)
    page.wait_for_function(CHARTS_DRAWN, timeout=WAIT_MS)


QUERIES = {"concordance": "?q=智能体"}  # the concordance with a search, as visitors use it
HELLO = 'import streamlit as st\nst.title("Hello")\nst.write("world")\n'
VIEWPORT = {"width": 1400, "height": 1000}


def url_of(server: Server, name: str) -> str:
    return f"{server.url}/{PAGES[name]}{QUERIES.get(name, '')}"


def load_time(browser, url: str, context=None) -> tuple[float, int]:
    """One load until every chart is drawn, and the websocket bytes it received: in a fresh
    context (cold browser cache), or in the given one (warm cache)."""
    own = context is None
    context = context or browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    received = [0]

    def on_socket(socket) -> None:
        socket.on(
            "framereceived", lambda payload: received.__setitem__(0, received[0] + len(payload))
        )

    page.on("websocket", on_socket)
    start = time.perf_counter()
    page.goto(url, timeout=WAIT_MS)
    wait_for_app(page)
    elapsed = time.perf_counter() - start
    page.close()
    if own:
        context.close()
    return elapsed, received[0]


def warm_loads(browser, url: str, repeats: int) -> tuple[float, int]:
    context = browser.new_context(viewport=VIEWPORT)
    load_time(browser, url, context)  # fills this context's browser cache
    runs = [load_time(browser, url, context) for _ in range(repeats)]
    context.close()
    return statistics.median(r[0] for r in runs), int(statistics.median(r[1] for r in runs))


def first_page(browser, url: str) -> float:
    """The first page of a server that has just started, however long it takes."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    start = time.perf_counter()
    page.goto(url, timeout=WAIT_MS)
    wait_for_app(page)
    elapsed = time.perf_counter() - start
    context.close()
    return elapsed


def switch_times(browser, url: str) -> dict[str, float]:
    """Page switches inside the running app (sidebar link to every chart drawn)."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    page.goto(url)
    wait_for_app(page)
    times = {}
    for name in [*list(NAV_LINKS)[1:], "overview"]:
        start = time.perf_counter()
        page.locator('[data-testid="stSidebarNav"]').get_by_text(
            NAV_LINKS[name], exact=True
        ).click()
        path = PAGES[name]
        page.wait_for_function(f"location.pathname.replace(/^\\//, '') === {path!r}")
        wait_for_app(page)
        times[name] = time.perf_counter() - start
    context.close()
    return times


def click_time(browser, url: str) -> float:
    """Click an article's bar on the overview; time until the filter shows everywhere."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    page.goto(url)
    wait_for_app(page)
    # The first chart with bars (who talks how much): every plotly plot has a bar layer.
    chart = page.locator('[data-testid="stPlotlyChart"]').filter(has=page.locator("g.trace.bars"))
    point = chart.first.locator("g.point path").first
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    start = time.perf_counter()
    page.mouse.down()
    page.mouse.up()
    page.wait_for_function("new URL(location.href).searchParams.has('article')")
    page.locator('[data-testid="stMetricValue"]').first.filter(has_text="1").wait_for()
    wait_for_app(page)
    elapsed = time.perf_counter() - start
    context.close()
    return elapsed


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (worker processes), in MB."""
    process = psutil.Process(pid)
    total = process.memory_info().rss
    for child in process.children(recursive=True):
        try:
            total += child.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return round(total / 2**20, 1)


def corpus_folder(spec: str, tmp: Path) -> Path:
    if spec == "seeds":
        return ROOT / "seeds"
    from bench.synth import write_synthetic_corpus

    count = int(spec.split(":", 1)[1])
    return write_synthetic_corpus(ROOT / "seeds", tmp / f"synth-{count}", count)


def measure(spec: str, repeats: int, full: bool) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = corpus_folder(spec, Path(tmp))
        hello = Path(tmp) / "hello.py"
        hello.write_text(HELLO, encoding="utf-8")
        env = {"TRANSCRIPTS_CORPUS": str(folder), "TRANSCRIPTS_CACHE": str(Path(tmp) / "tables")}
        bare_server = Server(script=str(hello))
        started = time.perf_counter()
        dashboard = Server(env=env)
        results: dict = {"corpus": spec}
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                first = first_page(browser, url_of(dashboard, "overview"))
                results["first_page_cold_server_s"] = round(first, 2)
                results["server_start_to_first_page_s"] = round(time.perf_counter() - started, 2)
                for name in PAGES:  # every page once, as an earlier visitor would have
                    load_time(browser, url_of(dashboard, name))
                bare_warm, bare_bytes = warm_loads(browser, bare_server.url, repeats)
                results["bare_warm_s"] = round(bare_warm, 3)
                results["bare_kb"] = round(bare_bytes / 1000, 1)
                if full:
                    bare = statistics.median(
                        load_time(browser, bare_server.url)[0] for _ in range(repeats)
                    )
                    results["bare_s"] = round(bare, 3)
                for name in PAGES:
                    url = url_of(dashboard, name)
                    warm, received = warm_loads(browser, url, repeats)
                    results[f"{name}_warm_s"] = round(warm, 3)
                    results[f"{name}_warm_ratio"] = round(warm / bare_warm, 2)
                    results[f"{name}_kb"] = round(received / 1000, 1)
                    if full:
                        cold = statistics.median(load_time(browser, url)[0] for _ in range(repeats))
                        results[f"{name}_s"] = round(cold, 3)
                        results[f"{name}_ratio"] = round(cold / bare, 2)
                if full:
                    switches = [switch_times(browser, dashboard.url) for _ in range(repeats)]
                    for name in NAV_LINKS:
                        median = statistics.median(run[name] for run in switches)
                        results[f"{name}_switch_s"] = round(median, 3)
                print(json.dumps(results, ensure_ascii=False), file=sys.stderr, flush=True)
                clicks = [click_time(browser, dashboard.url) for _ in range(repeats)]
                results["click_to_charts_updated_s"] = round(statistics.median(clicks), 3)
                results["server_rss_mb"] = rss_mb(dashboard.process.pid)
                results["bare_rss_mb"] = rss_mb(bare_server.process.pid)
                browser.close()
        finally:
            bare_server.stop()
            dashboard.stop()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument(
        "--corpus",
        action="append",
        help="seeds (default) or synth:N, N synthetic articles; repeat for several",
    )
    parser.add_argument("--full", action="store_true", help="also cold loads and page switches")
    args = parser.parse_args()
    for spec in args.corpus or ["seeds"]:
        results = measure(spec, args.repeats, args.full)
        print(json.dumps(results, ensure_ascii=False, indent=1), flush=True)
        if os.environ.get("BENCH_OUT"):
            with open(os.environ["BENCH_OUT"], "a", encoding="utf-8") as out:
                out.write(json.dumps(results, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
