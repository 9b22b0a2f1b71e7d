"""Benchmark: the exchanges' queries (issue 23) on a built store, against store queries the
pages already make, in the same run.

Each query the Questions page will ask is timed `--repeats` times on a warm store and its
median printed with its ratio to two baselines timed alongside: `turn_totals` (a cheap
per-article aggregate over the turns) and `term_counts(top=50)` (the Terms page's scan of
every word). The queries that read every word (follow-ups, topic shifts) are timed over the
selection's newest 20 and 200 articles, as the dashboard bounds its measures of every word;
`--whole` also times the whole table, what `export` writes. Nothing passes or fails.

    .venv/bin/python bench/bench_exchanges.py --store /path/to/store --repeats 5
    .venv/bin/python bench/bench_exchanges.py --store .cache/store/XXXX --whole
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.measures.exchanges import exchange_comparison  # noqa: E402
from analysis.store import exchanges as x  # noqa: E402
from analysis.store.selection import Selection  # noqa: E402
from analysis.store.store import Store  # noqa: E402


def median_seconds(function, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--store", required=True, help="a store folder (python -m analysis build)")
    parser.add_argument("--repeats", type=int, default=3, help="runs per query (median)")
    parser.add_argument("--whole", action="store_true", help="also the whole table (export)")
    args = parser.parse_args(argv)
    store = Store.open(args.store)
    if not store.exchanges_built:
        print("this store was built before exchanges were found; build it again", file=sys.stderr)
        return 1
    newest = store.recent_articles(limit=200)
    bounded = Selection(articles=tuple(newest))
    few = Selection(articles=tuple(newest[:20]))
    theme = store.themes[0].name if store.themes else ""
    about = x.ExchangeFilter(themes=(theme,)) if theme else x.NO_FILTER
    queries = {
        "baseline: turn_totals": lambda: store.turn_totals(),
        "baseline: term_counts top 50": lambda: store.term_counts(top=50),
        "exchange_summary": lambda: x.exchange_summary(store),
        "exchanges, page of 100": lambda: x.exchanges(store, limit=100),
        "exchanges, page of 100, shortest first": lambda: x.exchanges(
            store, order=x.SHORTEST, limit=100
        ),
        f"exchanges, page of 100, asked about {theme}": lambda: x.exchanges(
            store, filt=about, limit=100
        ),
        "exchange_text": lambda: x.exchange_text(store, newest[0], 1),
        "question_types": lambda: x.question_types(store),
        "answer_length_by_theme": lambda: x.answer_length_by_theme(store),
        "answer_lengths, 20 newest": lambda: x.answer_lengths(store, max_articles=20),
        "follow_up_rates, 20 newest": lambda: x.follow_up_rates(store, few),
        "follow_up_rates, 200 newest": lambda: x.follow_up_rates(store, bounded),
        "topic_shift_rates, 200 newest": lambda: x.topic_shift_rates(store, bounded),
        "follow-ups, page of 100, 200 newest": lambda: x.exchanges(
            store, bounded, x.ExchangeFilter(follow_up=True), limit=100
        ),
        f"exchange_comparison, answers about {theme} vs the rest": lambda: exchange_comparison(
            store, x.ExchangeSide(filt=about), None
        ),
    }
    if args.whole:
        queries["the whole table (export)"] = lambda: x.exchanges(store)
    results = {}
    for name, function in queries.items():
        repeats = 1 if name == "the whole table (export)" else args.repeats
        results[name] = median_seconds(function, repeats)
    cheap = results["baseline: turn_totals"]
    words = results["baseline: term_counts top 50"]
    summary = x.exchange_summary(store)
    print(
        f"{summary.exchanges:,} exchanges in {summary.articles:,} articles; medians of "
        f"{args.repeats} runs"
    )
    for name, seconds in results.items():
        print(
            f"{name:<60} {seconds:8.3f} s  {seconds / cheap:7.1f}x turn_totals  "
            f"{seconds / words:6.2f}x term_counts"
        )
    print(json.dumps({name: round(seconds, 4) for name, seconds in results.items()}))
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
