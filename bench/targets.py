"""Issue 21's targets in one table, from the benches' JSON outputs.

Each bench prints (and with BENCH_OUT=FILE appends) JSON objects; this reads any number of
such files (lines of JSON, indented JSON or a bench's whole console output: every JSON
object in the text is read), recognises each object by its fields and prints every target
with the measured figure, the corpus it was measured on and whether it is met:

- bench_pages.py: every page warm against the yardstick (a bare page with one plotly
  chart), the filter click, server RSS, the first page after server start;
- bench_memory.py (scenario A): server RSS after every page and many reruns;
- bench_analysis.py / bench_store.py: build against bare jieba, its peak memory, the repeat
  build over unchanged files, export against the build;
- bench_cluster.py: the Dask build per 1,000 articles against bare jieba.

A page's row gives its split too: the browser's CPU time of a load and the kilobytes the
server sent (the rest of the load is the server's run and the wire; bench_page_runs.py
gives the server's run alone). The corpus of a figure is the bench's own `corpus` field: `seeds`, `real:N`, `N`, or a
store's folder whose name ends in its size (store-real-10k). Nothing passes or fails.

    .venv/bin/python bench/targets.py /work/corpora/pages-*.json /work/corpora/bench_*.txt
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PAGES_TARGET = {"seeds": 1.5}  # every other corpus: 2x the yardstick
PAGES_LARGE = 2.0
CLICK_S = 0.5
RSS_MB = 1536  # 1.5 GB
FIRST_PAGE_S = 5.0
BUILD_TO_JIEBA = 0.35
BUILD_PEAK_MB = 2048
REPEAT_BUILD_S = 2.0
EXPORT_TO_BUILD = 1.0


@dataclass
class Row:
    measure: str
    target: str
    corpus: str
    value: str
    met: bool | None  # None: not measured

    def cells(self) -> list[str]:
        met = {True: "met", False: "NOT met", None: "—"}[self.met]
        return [self.measure, self.target, self.corpus, self.value, met]


def json_objects(text: str) -> Iterator[dict]:
    """Every top-level JSON object in a text (a bench's output with other lines around)."""
    decoder = json.JSONDecoder()
    at = 0
    while (start := text.find("{", at)) != -1:
        try:
            found, end = decoder.raw_decode(text, start)
        except ValueError:
            at = start + 1
            continue
        if isinstance(found, dict):
            yield found
        at = end


def corpus_name(found: dict) -> str:
    """seeds, 1k, 10k, 100k … from a bench's `corpus` (or `articles`) field."""
    corpus = str(found.get("corpus", ""))
    articles = found.get("articles")
    if corpus in ("", "None") and isinstance(articles, int):
        # 999 readable articles of 1,000 files: the corpus of 1k
        return f"{round(articles / 1000)}k" if articles >= 900 else str(articles)
    if "seeds" in corpus:
        return "seeds"
    # The last number of the folder's name: store-real-10k, store-real-1k-ex, real:1000.
    sizes = re.findall(r"(\d+)\s*(k?)", corpus.rstrip("/").rsplit("/", 1)[-1])
    if sizes:
        digits, k = sizes[-1]
        n = int(digits) * (1000 if k else 1)
        return f"{n // 1000}k" if n >= 1000 and n % 1000 == 0 else str(n)
    return corpus or "?"


def _size(corpus: str) -> float:
    if corpus == "seeds":
        return 0
    try:
        return float(corpus[:-1]) * 1000 if corpus.endswith("k") else float(corpus or 0)
    except ValueError:
        return float("inf")


def target_rows(objects: list[dict]) -> list[Row]:
    rows: list[Row] = []
    pages = [o for o in objects if "bare_warm_s" in o]
    # The last run of each corpus counts (files given in time order).
    by_corpus: dict[str, dict] = {}
    for found in pages:
        by_corpus[corpus_name(found)] = found
    for corpus in sorted(by_corpus, key=_size):
        found = by_corpus[corpus]
        limit = PAGES_TARGET.get(corpus, PAGES_LARGE)
        # Runs before the plotly yardstick was measured give ratios to the hello page.
        if "yardstick_warm_s" in found:
            yardstick = f"yardstick {found['yardstick_warm_s']} s"
        else:
            yardstick = f"hello page {found['bare_warm_s']} s"
        ratios = {
            k.removesuffix("_warm_ratio"): v for k, v in found.items() if k.endswith("_warm_ratio")
        }
        for page, ratio in ratios.items():
            seconds = found.get(f"{page}_warm_s")
            rows.append(
                Row(
                    f"page {page}, warm",
                    f"<= {limit}x yardstick",
                    corpus,
                    f"{ratio}x ({seconds} s; {yardstick}); split: browser CPU "
                    f"{found.get(f'{page}_browser_cpu_s')} s"
                    + (f" ({cpu}x)" if (cpu := found.get(f"{page}_cpu_ratio")) else "")
                    + f", {found.get(f'{page}_kb')} kB sent",
                    ratio <= limit,
                )
            )
        if "click_to_charts_updated_s" in found and corpus != "seeds":
            click = found["click_to_charts_updated_s"]
            rows.append(
                Row(
                    "filter click -> redrawn",
                    f"<= {CLICK_S} s",
                    corpus,
                    f"{click} s",
                    click <= CLICK_S,
                )
            )
        if "server_rss_mb" in found and _size(corpus) >= 10_000:
            rss = found["server_rss_mb"]
            rows.append(
                Row(
                    "server RSS after every page",
                    f"<= {RSS_MB} MB",
                    corpus,
                    f"{rss} MB",
                    rss <= RSS_MB,
                )
            )
        if "first_page_cold_server_s" in found and _size(corpus) >= 10_000:
            first = found["first_page_cold_server_s"]
            baseline = found.get("yardstick_first_page_s")
            rows.append(
                Row(
                    "first page, a visitor as the server starts",
                    f"<= {FIRST_PAGE_S} s",
                    corpus,
                    f"{first} s" + (f" (yardstick's {baseline} s)" if baseline else ""),
                    first <= FIRST_PAGE_S,
                )
            )
        if "first_page_warmed_s" in found and _size(corpus) >= 10_000:
            warmed = found["first_page_warmed_s"]
            rows.append(
                Row(
                    "first page, once the server's warm-up is done",
                    f"<= {FIRST_PAGE_S} s",
                    corpus,
                    f"{warmed} s",
                    warmed <= FIRST_PAGE_S,
                )
            )
    for found in objects:
        corpus = corpus_name(found)
        if "rss_warmed_mb" in found and "rss_peak_mb" in found:
            peak = found["rss_peak_mb"]
            rows.append(
                Row(
                    "server RSS, many reruns (bench_memory A)",
                    f"<= {RSS_MB} MB",
                    corpus,
                    f"peak {peak} MB",
                    peak <= RSS_MB,
                )
            )
        build = found.get("build") if isinstance(found.get("build"), dict) else found
        if "build_to_bare_jieba" in build and "build_s_per_1000_articles" not in build:
            ratio = build["build_to_bare_jieba"]
            peak = build.get("build_peak_rss_mb")
            met = ratio <= BUILD_TO_JIEBA and (peak is None or peak < BUILD_PEAK_MB)
            if _size(corpus_name(build)) < 1000:
                met = None  # the target is at 1k and 10k; jieba's start-up dominates the seeds
            rows.append(
                Row(
                    "build vs bare jieba, peak",
                    f"<= {BUILD_TO_JIEBA}x, < {BUILD_PEAK_MB} MB",
                    corpus_name(build),
                    f"{ratio}x ({build.get('build_s')} s), peak {peak} MB",
                    met,
                )
            )
            repeat = build.get("repeat_build_unchanged_files_s", build.get("second_build_s"))
            if repeat is not None:
                rows.append(
                    Row(
                        "repeat build, unchanged files",
                        f"<= {REPEAT_BUILD_S} s",
                        corpus_name(build),
                        f"{repeat} s",
                        repeat <= REPEAT_BUILD_S,
                    )
                )
            if "export_to_build" in build:
                ratio = build["export_to_build"]
                rows.append(
                    Row(
                        "export vs build",
                        f"<= {EXPORT_TO_BUILD}x",
                        corpus_name(build),
                        f"{ratio}x ({build.get('export_s')} s)",
                        ratio <= EXPORT_TO_BUILD,
                    )
                )
        if "build_s_per_1000_articles" in found:
            ratio = found["build_to_bare_jieba"]
            rows.append(
                Row(
                    "Dask build per 1,000 articles vs bare jieba",
                    "(reported)",
                    corpus,
                    f"{found['build_s_per_1000_articles']} s vs {found['bare_jieba_s_per_1000_articles']} s ({ratio}x), peak {found.get('peak_rss_tree_mb')} MB",
                    None,
                )
            )
    return rows


def table(rows: list[Row]) -> str:
    header = ["measure", "target", "corpus", "measured (median)", "met"]
    lines = [header] + [r.cells() for r in rows]
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(cells) + " |" for cells in lines[1:]]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("outputs", nargs="+", help="benches' JSON outputs (files)")
    args = parser.parse_args()
    objects = []
    for path in args.outputs:
        objects += list(json_objects(Path(path).read_text(encoding="utf-8", errors="replace")))
    rows = target_rows(objects)
    print(table(rows) if rows else "no bench figures found in these files")
    unmet = [r for r in rows if r.met is False]
    print(
        f"\n{len(rows) - len(unmet)} of {len([r for r in rows if r.met is not None])} measured targets met"
    )


if __name__ == "__main__":
    main()
