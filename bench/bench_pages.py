"""Benchmark: page loads and chart clicks in real Chromium, as ratios to a bare page.

In one run it serves a hello-world Streamlit page and the dashboard, and measures (median
of repeats): the load of the bare page, of each dashboard page until every chart is drawn,
and the time from a click on a chart to all charts updated. Loads are timed twice: in a
fresh browser context (cold cache: plotly's script is fetched and parsed again) and in a
context that has loaded the page once (warm cache). Page switches inside the open app
(a sidebar link, as visitors move between pages) are timed too. Nothing passes or fails.

    python3 tasks.py bench --only pages
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, Server, wait_for_app  # noqa: E402

PAGES = {
    "overview": "",
    "speakers": "speakers",
    "terms": "terms",
    "themes": "themes",
    "concordance": "concordance?q=智能体",
}
HELLO = 'import streamlit as st\nst.title("Hello")\nst.write("world")\n'


def load_time(browser, url: str, context=None) -> float:
    """One load until every chart is drawn: in a fresh context (cold browser cache), or in the
    given one (warm cache, as for a visitor moving between pages)."""
    own = context is None
    context = context or browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    wait_for_app(page)
    elapsed = time.perf_counter() - start
    page.close()
    if own:
        context.close()
    return elapsed


def warm_load_times(browser, url: str, repeats: int) -> float:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    load_time(browser, url, context)  # fills this context's browser cache
    median = statistics.median(load_time(browser, url, context) for _ in range(repeats))
    context.close()
    return median


NAV_LINKS = {
    "overview": "总览",
    "speakers": "发言人",
    "terms": "词语",
    "themes": "主题",
    "concordance": "检索与阅读",
}


def switch_times(browser, url: str) -> dict[str, float]:
    """Page switches inside the running app (sidebar link to every chart drawn): how a
    visitor moves between pages once the dashboard is open; no script is fetched again."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(url)
    wait_for_app(page)
    times = {}
    for name in [*list(NAV_LINKS)[1:], "overview"]:
        start = time.perf_counter()
        page.locator('[data-testid="stSidebarNav"]').get_by_text(
            NAV_LINKS[name], exact=True
        ).click()
        path = PAGES[name].split("?")[0]
        page.wait_for_function(f"location.pathname.replace(/^\\//, '') === {path!r}")
        wait_for_app(page)
        times[name] = time.perf_counter() - start
    context.close()
    return times


def click_time(browser, url: str) -> float:
    """Click an article's bar on the overview; time until the filter shows everywhere."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(url)
    wait_for_app(page)
    point = page.locator('[data-testid="stPlotlyChart"]').nth(1).locator("g.point path").first
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        hello = Path(tmp) / "hello.py"
        hello.write_text(HELLO, encoding="utf-8")
        bare_server = Server(script=str(hello))
        dashboard = Server()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                # Warm the server's caches once, as an earlier visitor would have.
                load_time(browser, dashboard.url)
                bare = statistics.median(
                    load_time(browser, bare_server.url) for _ in range(args.repeats)
                )
                bare_warm = warm_load_times(browser, bare_server.url, args.repeats)
                results = {"bare_page_s": round(bare, 3), "bare_page_warm_s": round(bare_warm, 3)}
                for name, path in PAGES.items():
                    url = f"{dashboard.url}/{path}"
                    cold = statistics.median(load_time(browser, url) for _ in range(args.repeats))
                    warm = warm_load_times(browser, url, args.repeats)
                    results[f"{name}_s"] = round(cold, 3)
                    results[f"{name}_ratio"] = round(cold / bare, 2)
                    results[f"{name}_warm_s"] = round(warm, 3)
                    results[f"{name}_warm_ratio"] = round(warm / bare_warm, 2)
                switches = [switch_times(browser, dashboard.url) for _ in range(args.repeats)]
                for name in NAV_LINKS:
                    median = statistics.median(run[name] for run in switches)
                    results[f"{name}_switch_s"] = round(median, 3)
                    results[f"{name}_switch_ratio"] = round(median / bare, 2)
                clicks = [click_time(browser, dashboard.url) for _ in range(args.repeats)]
                results["click_to_charts_updated_s"] = round(statistics.median(clicks), 3)
                browser.close()
        finally:
            bare_server.stop()
            dashboard.stop()
    print(json.dumps(results, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
