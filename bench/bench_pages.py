"""Benchmark: page loads, chart clicks, bytes sent and server memory, against a bare page.

In one run it serves a hello-world Streamlit page and the dashboard on a corpus (the seeds,
N articles of realistic text from bench/realistic.py, N articles recombined from the seeds'
turns, or a folder), and measures (median of repeats):

- the first page from a freshly started server with an empty table cache (cold);
- each dashboard page loaded in a browser context that has loaded it once (warm browser
  cache), until every chart is drawn, and its ratio to the yardstick (a bare page with one
  small plotly chart) loaded the same way, and to a hello page: the pages and both
  baselines are loaded in interleaved rounds, and a ratio is the median of one per round
  (`<page>_warm_ratio`; `<page>_cpu_ratio` the same for the browser's CPU);
- the bytes each page load receives over the websocket (what the server ships);
- a click on an article's bar until the filter shows everywhere;
- the server's resident memory (with any worker processes) after all of that.

With `--full` it also times loads in fresh contexts (cold browser cache) and page switches
inside the open app. With `--store DIR` it serves a store built elsewhere
(`python -m analysis build`) instead of building one, and `--pages` measures only some pages.
Each page's bytes are also split by element (`<page>_bytes`: a chart by its key, a table,
a widget), and the browser's own CPU time per load is read from Chromium
(`<page>_browser_cpu_s`), so the rest of a load is the server and the wire. Nothing passes or
fails.

    python3 tasks.py bench --only pages
    .venv/bin/python bench/bench_pages.py --corpus real:1000 --repeats 3
    .venv/bin/python bench/bench_pages.py --store /tmp/store-1000 --pages speakers,themes
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psutil
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from bench.synth import SPEC_HELP, corpus_folder  # noqa: E402
from tests.e2e.conftest import (  # noqa: E402
    CHARTS_DRAWN,
    CHROMIUM,
    CHROMIUM_ARGS,
    RUN_FINISHED,
    TITLE_SHOWN,
    Server,
)

try:  # the page registry (absent in checkouts before it, which the bench also measures)
    from dashboard.pages import PAGES as REGISTRY

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
# Issue 21's yardstick: a bare page holding one small plotly chart (warm, plotly's bundle is
# in the browser cache, so this is what a chart page costs at least).
YARDSTICK = (
    "import plotly.graph_objects as go\nimport streamlit as st\n"
    'st.title("Yardstick")\n'
    'st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[3, 1, 2])), key="yardstick")\n'
)
VIEWPORT = {"width": 1400, "height": 1000}
CLICKS = 15  # at least this many clicks timed (their median)


def url_of(server: Server, name: str) -> str:
    return f"{server.url}/{PAGES[name]}{QUERIES.get(name, '')}"


def element_name(element) -> str:
    """What an element is, for the bytes split: a chart or widget by its key, else its type."""
    kind = element.WhichOneof("type") or "other"
    inner = getattr(element, kind, None)
    element_id = getattr(inner, "id", "") if inner is not None else ""
    # Streamlit's ids end in the user's key: "$$ID-<hash>-<key>"
    key = element_id.split("-", 2)[-1] if element_id.count("-") >= 2 else ""
    return f"{kind}:{key}" if key and key != "None" else kind


def bytes_by_element(frames: list[bytes]) -> dict[str, int]:
    """The websocket frames of one load, summed by the element they carry."""
    split: dict[str, int] = {}
    for frame in frames:
        message = ForwardMsg()
        try:
            message.ParseFromString(frame)
        except Exception:  # noqa: BLE001  a frame that is not a ForwardMsg: count it apart
            split["unparsed"] = split.get("unparsed", 0) + len(frame)
            continue
        kind = message.WhichOneof("type") or "other"
        if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            kind = element_name(message.delta.new_element)
        elif kind == "delta":
            kind = f"delta:{message.delta.WhichOneof('type')}"
        split[kind] = split.get(kind, 0) + len(frame)
    return split


def browser_cpu(client) -> float:
    """Seconds of CPU the page's renderer has spent (Chromium's TaskDuration)."""
    metrics = client.send("Performance.getMetrics")["metrics"]
    return next(m["value"] for m in metrics if m["name"] == "TaskDuration")


def load_time(browser, url: str, context=None) -> tuple[float, int, dict[str, int], float]:
    """One load until every chart is drawn: its time, the websocket bytes it received and
    their split by element, and the browser CPU it took; in a fresh context (cold browser
    cache), or in the given one (warm cache)."""
    own = context is None
    context = context or browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    client = context.new_cdp_session(page)
    client.send("Performance.enable")
    frames: list[bytes] = []

    def on_socket(socket) -> None:
        socket.on(
            "framereceived",
            lambda payload: frames.append(payload if isinstance(payload, bytes) else b""),
        )

    page.on("websocket", on_socket)
    cpu_before = browser_cpu(client)
    start = time.perf_counter()
    page.goto(url, timeout=WAIT_MS)
    wait_for_app(page)
    elapsed = time.perf_counter() - start
    cpu = browser_cpu(client) - cpu_before
    page.close()
    if own:
        context.close()
    return elapsed, sum(map(len, frames)), bytes_by_element(frames), cpu


def warm_rounds(browser, urls: dict[str, str], rounds: int, seed: int = 21) -> dict[str, list]:
    """`rounds` warm loads of each page, interleaved: each page has its own context (loaded
    once first, so its browser cache is warm), and each round loads every page once in a
    shuffled order. A page and the yardstick then share each round's machine load, so a
    ratio taken per round follows the page, not what else ran while it was measured (a
    yardstick measured before the pages moved the seeds' ratios by +-0.4x, #21)."""
    contexts = {name: browser.new_context(viewport=VIEWPORT) for name in urls}
    for name, url in urls.items():
        load_time(browser, url, contexts[name])
    runs: dict[str, list] = {name: [] for name in urls}
    order = list(urls)
    shuffle = random.Random(seed).shuffle
    for _ in range(rounds):
        shuffle(order)
        for name in order:
            runs[name].append(load_time(browser, urls[name], contexts[name]))
    for context in contexts.values():
        context.close()
    return runs


def per_round(runs: dict[str, list], name: str, base: str, field: int) -> float:
    """The median over rounds of one page's measure divided by the baseline's in that round."""
    return statistics.median(
        page[field] / baseline[field] for page, baseline in zip(runs[name], runs[base], strict=True)
    )


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


WARMED = "warm-up: first page made"  # dashboard.serve's line in the server's log


def first_page_warmed(browser, env: dict) -> float | None:
    """The first page of a freshly started server once its warm-up (`dashboard.serve`) is
    done, as a visitor arriving a few seconds after a start finds it; None for a checkout
    without the warm-up."""
    server = Server(env=env)
    try:
        deadline = time.monotonic() + WAIT_MS / 1000
        while WARMED not in server.output():
            if time.monotonic() > deadline or "dashboard.serve" not in " ".join(
                server.process.args
            ):
                return None
            time.sleep(0.2)  # polling the server's log for its own line
        return first_page(browser, url_of(server, "overview"))
    finally:
        server.stop()


EVERY_PAGE = "warm-up: every page made"
WARM_UP_ENDED = (EVERY_PAGE, "warm-up stopped", "warm-up failed", "warm-up skipped")


def settled(server: Server) -> None:
    """Wait until the server's warm-up has made every page (dashboard.serve), so the warm
    loads measure a server at rest rather than one still making its pages in the pauses
    between loads; at once for a checkout whose warm-up makes only the first page."""
    serve = ROOT / "dashboard" / "serve.py"
    if not serve.exists() or EVERY_PAGE not in serve.read_text(encoding="utf-8"):
        return
    deadline = time.monotonic() + WAIT_MS / 1000
    while not any(line in server.output() for line in WARM_UP_ENDED):
        if time.monotonic() > deadline:
            return
        time.sleep(0.5)  # polling the server's log for its own line


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
        # The page links: the dashboard's own (they carry the view), or older checkouts' menu.
        page.locator('.st-key-nav, [data-testid="stSidebarNav"]').get_by_text(
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


def measure(
    spec: str, repeats: int, full: bool, store: str | None = None, pages=None, click: bool = True
) -> dict:
    pages = pages or list(PAGES)
    with tempfile.TemporaryDirectory() as tmp:
        hello = Path(tmp) / "hello.py"
        hello.write_text(HELLO, encoding="utf-8")
        yardstick = Path(tmp) / "yardstick.py"
        yardstick.write_text(YARDSTICK, encoding="utf-8")
        if store:
            env = {"TRANSCRIPTS_STORE": str(Path(store).resolve())}
            spec = f"store:{store}"
        else:
            folder = corpus_folder(spec)
            env = {
                "TRANSCRIPTS_CORPUS": str(folder),
                "TRANSCRIPTS_CACHE": str(Path(tmp) / "tables"),
            }
        bare_server = Server(script=str(hello))
        yardstick_server = Server(script=str(yardstick))
        started = time.perf_counter()
        dashboard = Server(env=env)
        results: dict = {"corpus": spec}
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                first = first_page(browser, url_of(dashboard, "overview"))
                results["first_page_cold_server_s"] = round(first, 2)
                results["server_start_to_first_page_s"] = round(time.perf_counter() - started, 2)
                # Its baseline: the yardstick's first page, from a server that ran nothing yet.
                results["yardstick_first_page_s"] = round(
                    first_page(browser, yardstick_server.url), 2
                )
                warmed = first_page_warmed(browser, env)
                if warmed is not None:
                    results["first_page_warmed_s"] = round(warmed, 2)
                settled(dashboard)
                for name in pages:  # every page once, as an earlier visitor would have
                    load_time(browser, url_of(dashboard, name))
                # Every page, the hello page and the yardstick, loaded in interleaved rounds.
                urls = {"bare": bare_server.url, "yardstick": yardstick_server.url}
                urls |= {name: url_of(dashboard, name) for name in pages}
                rounds = warm_rounds(browser, urls, repeats)
                for name in ("bare", "yardstick"):
                    runs = rounds[name]
                    results[f"{name}_warm_s"] = round(statistics.median(r[0] for r in runs), 3)
                    results[f"{name}_kb"] = round(statistics.median(r[1] for r in runs) / 1000, 1)
                    results[f"{name}_browser_cpu_s"] = round(
                        statistics.median(r[3] for r in runs), 3
                    )
                if full:
                    bare = statistics.median(
                        load_time(browser, bare_server.url)[0] for _ in range(repeats)
                    )
                    results["bare_s"] = round(bare, 3)
                for name in pages:
                    runs = rounds[name]
                    results[f"{name}_warm_s"] = round(statistics.median(r[0] for r in runs), 3)
                    # Against the yardstick (issue 21's targets) and the hello page, each the
                    # median of one ratio per round; the browser's CPU against the
                    # yardstick's too, which load stretches less than wall time.
                    results[f"{name}_warm_ratio"] = round(
                        per_round(rounds, name, "yardstick", 0), 2
                    )
                    results[f"{name}_to_hello"] = round(per_round(rounds, name, "bare", 0), 2)
                    results[f"{name}_cpu_ratio"] = round(per_round(rounds, name, "yardstick", 3), 2)
                    results[f"{name}_kb"] = round(statistics.median(r[1] for r in runs) / 1000, 1)
                    results[f"{name}_browser_cpu_s"] = round(
                        statistics.median(r[3] for r in runs), 3
                    )
                    largest = sorted(runs[-1][2].items(), key=lambda item: -item[1])[:6]
                    results[f"{name}_bytes"] = {k: round(v / 1000, 1) for k, v in largest}
                    if full:
                        cold = statistics.median(
                            load_time(browser, urls[name])[0] for _ in range(repeats)
                        )
                        results[f"{name}_s"] = round(cold, 3)
                        results[f"{name}_ratio"] = round(cold / bare, 2)
                if full:
                    switches = [switch_times(browser, dashboard.url) for _ in range(repeats)]
                    for name in NAV_LINKS:
                        median = statistics.median(run[name] for run in switches)
                        results[f"{name}_switch_s"] = round(median, 3)
                print(json.dumps(results, ensure_ascii=False), file=sys.stderr, flush=True)
                if click:
                    # A click spreads 0.39-0.63 s at 10k: 5 of them gave medians of 0.44-0.59 s.
                    clicks = [
                        click_time(browser, dashboard.url) for _ in range(max(repeats, CLICKS))
                    ]
                    results["click_to_charts_updated_s"] = round(statistics.median(clicks), 3)
                results["server_rss_mb"] = rss_mb(dashboard.process.pid)
                results["bare_rss_mb"] = rss_mb(bare_server.process.pid)
                browser.close()
        finally:
            bare_server.stop()
            yardstick_server.stop()
            dashboard.stop()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument(
        "--corpus",
        action="append",
        help=SPEC_HELP + " (default: seeds); repeat for several",
    )
    parser.add_argument("--store", help="a store built elsewhere, served instead of a corpus")
    parser.add_argument("--pages", help="comma-separated pages to measure (default: all)")
    parser.add_argument("--no-click", action="store_true", help="skip the click timing")
    parser.add_argument("--full", action="store_true", help="also cold loads and page switches")
    args = parser.parse_args()
    pages = args.pages.split(",") if args.pages else None
    for spec in [None] if args.store else args.corpus or ["seeds"]:
        results = measure(spec, args.repeats, args.full, args.store, pages, not args.no_click)
        print(json.dumps(results, ensure_ascii=False, indent=1), flush=True)
        if os.environ.get("BENCH_OUT"):
            with open(os.environ["BENCH_OUT"], "a", encoding="utf-8") as out:
                out.write(json.dumps(results, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
