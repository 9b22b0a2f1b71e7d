"""Benchmark: the server's share of each page load, in this process, without a browser.

Runs every page under Streamlit's AppTest on a store (`--store DIR`, built by
`python -m analysis build`) or the seeds: once with empty caches (cold), then `--repeats`
warm reruns, as a visitor's reload runs the page again with every answer kept. Per page it
prints the median warm run, the size of every chart's plotly spec (what the browser must
parse and draw) and, with `--profile`, where a warm run's time goes (cumulative seconds of
the project's functions, plotly's JSON and Streamlit's marshalling). With bench_pages.py's
bytes and browser CPU this splits a page's time into server run, wire and drawing.
Prints medians; never passes or fails.

    .venv/bin/python bench/bench_page_runs.py --store /work/corpora/store-real-10k --profile
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

APP = str(ROOT / "app.py")
QUERIES = {"concordance": {"q": "智能体"}}  # as bench_pages.py loads it


def page_app(script: str, name: str):
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(APP, default_timeout=600)
    for key, value in QUERIES.get(name, {}).items():
        app.query_params[key] = value
    app.run()
    if name != "overview":
        app.switch_page(script).run()
    if app.exception:
        raise RuntimeError(f"{name}: {[e.value for e in app.exception][:1]}")
    return app


def profile_lines(profile: cProfile.Profile, top: int) -> list[str]:
    """The functions of a run by cumulative time: the project's, plotly's JSON and
    Streamlit's element marshalling (the rest is the interpreter and Streamlit's runner)."""
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    rows = []
    for (path, line, function), (_, _, _, cumulative, _) in stats.stats.items():
        own = str(ROOT) in path and ".venv" not in path
        interesting = own or function in {"to_json", "to_json_plotly", "marshall", "dumps"}
        if interesting and cumulative >= 0.005:
            where = Path(path).name if not own else str(Path(path).relative_to(ROOT))
            rows.append((cumulative, f"{where}:{line}({function})"))
    rows.sort(reverse=True)
    return [f"{seconds:7.3f} s  {name}" for seconds, name in rows[:top]]


def profiled_run(app) -> cProfile.Profile:
    """One rerun profiled: AppTest runs the script in a thread of its own, so the profiler
    starts in the first thread that the run starts."""
    profiler = cProfile.Profile()
    started = threading.Lock()

    def start(*_) -> None:
        sys.setprofile(None)
        if started.acquire(blocking=False):
            profiler.enable()

    threading.setprofile(start)
    try:
        app.run()
    finally:
        threading.setprofile(None)
    profiler.create_stats()
    return profiler


def measure(store: str | None, pages: list[str], repeats: int, profile: bool, top: int) -> dict:
    if store:
        os.environ["TRANSCRIPTS_STORE"] = str(Path(store).resolve())
    from dashboard.pages import PAGES

    results: dict = {"corpus": f"store:{store}" if store else "seeds"}
    for spec in PAGES:
        if pages and spec.name not in pages:
            continue
        start = time.perf_counter()
        app = page_app(spec.script, spec.name)
        results[f"{spec.name}_cold_run_s"] = round(time.perf_counter() - start, 3)
        runs = []
        for _ in range(repeats):
            start = time.perf_counter()
            app.run()
            runs.append(time.perf_counter() - start)
        results[f"{spec.name}_warm_run_s"] = round(statistics.median(runs), 3)
        specs = {}
        for chart in app.get("plotly_chart"):
            key = chart.proto.id.split("-", 2)[-1] if chart.proto.id else "chart"
            specs[key] = round(len(chart.proto.spec) / 1000, 1)
        results[f"{spec.name}_spec_kb"] = specs
        if profile:
            results[f"{spec.name}_profile"] = profile_lines(profiled_run(app), top)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", help="a store built by `python -m analysis build`")
    parser.add_argument("--pages", help="comma-separated pages (default: all)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="where a warm run's time goes")
    parser.add_argument("--top", type=int, default=15, help="profile lines per page")
    args = parser.parse_args()
    pages = args.pages.split(",") if args.pages else []
    results = measure(args.store, pages, args.repeats, args.profile, args.top)
    print(json.dumps(results, ensure_ascii=False, indent=1), flush=True)
    if os.environ.get("BENCH_OUT"):
        with open(os.environ["BENCH_OUT"], "a", encoding="utf-8") as out:
            out.write(json.dumps(results, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
