"""Benchmark: applying a comparison on the Terms page, from the click to the page drawn.

In one run, in Chromium, against the seeds and 1,000 articles of realistic text
(bench/realistic.py, served from a store built first; `--corpus` for others):
- the Terms page is opened with a selection A in its link (not timed), then the "B = the
  rest of the corpus" box is clicked: timed from the click until the link carries `b=rest`
  (written at the end of the run) and every chart is drawn again. Each repeat uses another
  A (on a generated corpus: articles spread over it, its busiest people, a role, dates), so
  no comparison is served from the cache;
- the same click on a bare Streamlit page (a title and a checkbox), timed the same way.

Prints the medians and their ratio; nothing passes or fails. The issue's target: a
comparison on the seeds applied within 1 s of the click.

    .venv/bin/python bench/bench_compare.py --repeats 9
    .venv/bin/python bench/bench_compare.py --corpus real:10000
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synth import SPEC_HELP, served_env  # noqa: E402
from tests.e2e.conftest import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    RUN_FINISHED,
    Server,
    wait_for_app,
)

# Selections A, each compared once with the rest of the corpus.
A_SIDES = [
    {"a_article": "000_88405d23da071c51"},
    {"a_article": "001_3dda35de95eb172c"},
    {"a_article": "002_44e89f23e9374fe1"},
    {"a_article": "003_00fc6f42bdf96616"},
    {"a_article": "004_7ad330722fb8ba49"},
    {"a_speaker": "Sam Altman"},
    {"a_speaker": "Kevin Weil"},
    {"a_role": "host"},
    {"a_from": "2024-12-01"},
    {"a_to": "2024-10-01"},
    {"a_speaker": "Sam Altman", "a_from": "2024-12-01"},
]
BARE = """import streamlit as st

st.title("bare")
if st.checkbox("B = rest", key="rest"):
    st.query_params["b"] = "rest"
"""
HAS_REST = "new URL(location.href).searchParams.get('b') === 'rest'"


def click_rest(page) -> float:
    """Click the "B = …" checkbox; seconds until the run wrote b=rest and drew the page."""
    box = page.locator('[data-testid="stCheckbox"] label').filter(has_text="B =").first
    box.scroll_into_view_if_needed()
    started = time.perf_counter()
    box.click()
    page.wait_for_function(HAS_REST, timeout=60_000)
    page.wait_for_selector(RUN_FINISHED, state="attached", timeout=60_000)
    wait_for_app(page)
    return time.perf_counter() - started


def a_sides_of(env: dict) -> list[dict]:
    """Selections A over a served store: five articles spread over it, its two busiest
    people, the hosts, the newest and the oldest fifth of its dates, a person in the newest."""
    if "TRANSCRIPTS_STORE" not in env:
        return A_SIDES
    from analysis.store.store import Store

    store = Store.open(env["TRANSCRIPTS_STORE"])
    try:
        articles = store.options()["articles"]
        people = store.query(
            "SELECT speaker FROM turns WHERE role <> 'audience' AND speaker <> '主持人' "
            "GROUP BY speaker ORDER BY COUNT(*) DESC, speaker LIMIT 2"
        )["speaker"].tolist()
        dates = store.query(
            "SELECT strftime(quantile_disc(published, 0.8), '%Y-%m-%d') AS late, "
            "strftime(quantile_disc(published, 0.2), '%Y-%m-%d') AS early FROM articles"
        ).iloc[0]
    finally:
        store.close()
    step = max(len(articles) // 5, 1)
    late, early = dates["late"], dates["early"]
    return [
        *({"a_article": article} for article in articles[::step][:5]),
        *({"a_speaker": person} for person in people),
        {"a_role": "host"},
        {"a_from": late},
        {"a_to": early},
        {"a_speaker": people[0], "a_from": late},
    ]


def measure(repeats: int, spec: str) -> dict:
    env, described = served_env(spec)
    a_sides = a_sides_of(env)
    with tempfile.TemporaryDirectory() as tmp:
        bare_script = Path(tmp) / "bare.py"
        bare_script.write_text(BARE, encoding="utf-8")
        bare_server = Server(script=str(bare_script))
        dashboard = Server(env=env)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                page = context.new_page()
                page.goto(f"{dashboard.url}/terms")  # the server's store and caches warm
                wait_for_app(page)
                applied = []
                for a_side in a_sides[:repeats]:
                    page.goto(f"{dashboard.url}/terms?{urlencode(a_side)}")
                    wait_for_app(page)
                    applied.append(click_rest(page))
                bare = []
                for _ in range(len(applied)):
                    page.goto(bare_server.url)
                    page.wait_for_selector(RUN_FINISHED, state="attached")
                    bare.append(click_rest(page))
                browser.close()
        finally:
            dashboard.stop()
            bare_server.stop()
    compare_s, bare_s = statistics.median(applied), statistics.median(bare)
    return {
        "corpus": described,
        "repeats": len(applied),
        "comparison_applied_s": round(compare_s, 3),
        "bare_click_s": round(bare_s, 3),
        "ratio": round(compare_s / bare_s, 2),
        "comparison_max_s": round(max(applied), 3),
        "target_s": 1.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=9, help=f"at most {len(A_SIDES)}")
    parser.add_argument(
        "--corpus", default="seeds,real:1000", help="comma-separated: " + SPEC_HELP + ", store:DIR"
    )
    args = parser.parse_args()
    for spec in args.corpus.split(","):
        result = measure(min(args.repeats, len(A_SIDES)), spec.strip())
        print(json.dumps(result, ensure_ascii=False, indent=1), flush=True)


if __name__ == "__main__":
    main()
