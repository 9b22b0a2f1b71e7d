"""Load: N concurrent browser sessions clicking through the dashboard for a bounded time.

Each session (its own browser context, so its own Streamlit session) loops: open a page,
click a chart, switch pages, clear filters. Reports errors, median and 95th-percentile
time from click to charts updated, and the server's resident memory before, during and
after. Traffic goes to 127.0.0.1 only; the loop stops by itself.

    .venv/bin/python bench/bench_load.py --sessions 20 --seconds 60
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, Server, wait_for_app  # noqa: E402


def rss_mb(pid: int) -> float:
    """Resident memory of the server process and its children, from /proc."""
    total = 0
    for path in [Path(f"/proc/{pid}"), *Path(f"/proc/{pid}/task").glob("*/children")]:
        status = path / "status" if path.is_dir() else None
        if status and status.exists():
            for line in status.read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return round(total / 1024, 1)


def session(url: str, deadline: float, clicks: list[float], errors: list[str], lock) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(60_000)
        page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
        try:
            page.goto(url)
            wait_for_app(page)
            current = "总览"  # the overview; its chart 1 is "who talks how much" (filters article)
            while time.monotonic() < deadline:
                chart = page.locator('[data-testid="stPlotlyChart"]').nth(
                    1 if current == "总览" else 0
                )
                box = chart.locator("g.point path").first.bounding_box()
                page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
                start = time.perf_counter()
                page.mouse.down()
                page.mouse.up()
                param = "article" if current == "总览" else "speaker"
                page.wait_for_function(f"new URL(location.href).searchParams.has('{param}')")
                wait_for_app(page)
                with lock:
                    clicks.append(time.perf_counter() - start)
                page.get_by_role("button", name="清除筛选").click()
                page.wait_for_function(f"!new URL(location.href).searchParams.has('{param}')")
                current = "发言人" if current == "总览" else "总览"
                page.locator('[data-testid="stSidebarNav"]').get_by_text(
                    current, exact=True
                ).click()
                wait_for_app(page)
        except Exception as error:  # every failure is counted and reported, never hidden
            with lock:
                errors.append(f"{type(error).__name__}: {str(error).splitlines()[0][:200]}")
        finally:
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    server = Server()
    try:
        with sync_playwright() as playwright:  # warm-up visit: caches filled, as in service
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(server.url)
            wait_for_app(page)
            browser.close()
        warmed = rss_mb(server.process.pid)
        clicks: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()
        deadline = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=session, args=(server.url, deadline, clicks, errors, lock))
            for _ in range(args.sessions)
        ]
        for thread in threads:
            thread.start()
        peak = warmed
        while any(thread.is_alive() for thread in threads):
            peak = max(peak, rss_mb(server.process.pid))
            time.sleep(1)  # sampling interval for the memory reading
        time.sleep(5)  # let the server drop the closed sessions
        after = rss_mb(server.process.pid)
        ordered = sorted(clicks)
        result = {
            "sessions": args.sessions,
            "seconds": args.seconds,
            "clicks": len(clicks),
            "errors": len(errors),
            "click_median_s": round(statistics.median(ordered), 3) if ordered else None,
            "click_p95_s": round(ordered[int(0.95 * (len(ordered) - 1))], 3) if ordered else None,
            "rss_warmed_mb": warmed,
            "rss_peak_mb": peak,
            "rss_after_mb": after,
            "after_vs_warmed": round(after / warmed, 2),
            "first_errors": errors[:5],
        }
        print(json.dumps(result, ensure_ascii=False, indent=1))
    finally:
        server.stop()


if __name__ == "__main__":
    main()
