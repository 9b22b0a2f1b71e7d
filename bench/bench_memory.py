"""Memory: server RSS and live copies of the analysis under page loads and uploads.

Scenario A, page loads: after a warm-up (each page once), 10 sessions (browser contexts,
concurrent) load pages 10 times each across every page, in views that differ by a role
filter or a search; then every context closes.
Reports RSS warmed / peak / after the sessions are dropped, the after/warmed ratio (the
target is at most 1.2) and the live stores and token tables the server holds before and
after (the target is no growth), counted by the server itself (TRANSCRIPTS_MEMORY_PROBE).
Scenario B, uploads: one session uploads one article of about 1, 5 and 9.5 MB; reports the
time to process it, the RSS it adds against its size, and RSS after the session closes;
then 5 sessions upload 10 files of 50 KB each and close.

Closed sessions are kept for reconnecting for server.disconnectedSessionTTL seconds (set
small here), and Streamlit removes expired ones only when another session is stored; so
after closing, the bench waits out the TTL and makes a short "sweep" visit, as the next
visitor would. Prints medians and ratios; never passes or fails. Loopback only.

    .venv/bin/python bench/bench_memory.py                     # everything (takes long)
    .venv/bin/python bench/bench_memory.py --scenarios A --corpus seeds   # a quick run
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.async_api import async_playwright, expect  # noqa: E402

from bench.bench_load import rss_mb  # noqa: E402
from tests.e2e.conftest import (  # noqa: E402
    CHARTS_DRAWN,
    CHROMIUM,
    CHROMIUM_ARGS,
    RUN_FINISHED,
    TITLE_SHOWN,
    Server,
)

try:  # every page of the registry (checkouts before it had these five)
    from dashboard.pages import PAGES as REGISTRY

    PAGES = [p.url_path for p in REGISTRY]
except ImportError:
    PAGES = ["", "speakers", "terms", "themes", "concordance"]
# Visitors' loads also differ in their selection (a role filter, a search), so the caches
# kept per selection are exercised too, not only one answer per page.
VIEWS = ["", "?role=host", "?role=guest", "?q=智能体"]
STEP_TIMEOUT_MS = 300_000  # a 9.5 MB upload or a first load at 1,000 articles takes minutes
SETTLE_MAX_S = 90  # how long to wait for closed sessions to be dropped
UPLOAD_INPUT = '.st-key-w_upload [data-testid="stFileUploaderDropzoneInput"]'
# The sidebar's popover holding the uploader: its content is on the page once it is opened.
UPLOAD_BOX_BUTTON = '.st-key-upload_box [data-testid="stPopoverButton"]'
VIEWPORT = {"width": 1400, "height": 1000}


class Probe:
    """Asks the server how many token tables and stores are alive (see dashboard/data/probe.py)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.ask_file = Path(f"{path}.ask")

    async def counts(self, timeout: float = 60) -> dict | None:
        self.ask_file.touch()
        deadline = time.monotonic() + timeout
        while self.ask_file.exists():
            if time.monotonic() > deadline:  # no probe (an older app) or a busy server
                self.ask_file.unlink(missing_ok=True)
                return None
            await asyncio.sleep(0.2)  # the probe polls its file at the same rate
        return json.loads(self.path.read_text())


class Sampler:
    """The peak RSS while something runs, sampled twice a second."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self._task = pid, rss_mb(pid), None

    async def _run(self) -> None:
        while True:
            self.peak = max(self.peak, rss_mb(self.pid))
            await asyncio.sleep(0.5)

    def __enter__(self) -> Sampler:
        self._task = asyncio.create_task(self._run())
        return self

    def __exit__(self, *exc) -> None:
        self.peak = max(self.peak, rss_mb(self.pid))
        self._task.cancel()


async def settled(page) -> None:
    """The page finished its run and drew every chart, without a traceback."""
    await expect(page.locator(TITLE_SHOWN).first).to_be_visible(timeout=STEP_TIMEOUT_MS)
    await expect(page.locator(RUN_FINISHED)).to_be_attached(timeout=STEP_TIMEOUT_MS)
    await page.wait_for_function(CHARTS_DRAWN, timeout=STEP_TIMEOUT_MS)
    await expect(page.locator('[data-testid="stException"]')).to_have_count(0)


async def new_page(browser):
    context = await browser.new_context(viewport=VIEWPORT)
    page = await context.new_page()
    page.set_default_timeout(STEP_TIMEOUT_MS)
    return page


async def load(page, url: str) -> float:
    start = time.perf_counter()
    await page.goto(url, timeout=STEP_TIMEOUT_MS)
    await settled(page)
    return time.perf_counter() - start


async def articles_shown(page) -> int:
    text = await page.locator('[data-testid="stMetricValue"]').first.inner_text()
    return int(text.replace(",", ""))


class Bench:
    """One server and one browser; the helpers every scenario shares."""

    def __init__(self, server: Server, browser, probe: Probe, ttl: float) -> None:
        self.server, self.browser, self.probe, self.ttl = server, browser, probe, ttl
        self.pid = server.process.pid

    def rss(self) -> float:
        return rss_mb(self.pid)

    async def sweep(self) -> None:
        """A short visit whose departure makes Streamlit remove the expired sessions."""
        page = await new_page(self.browser)
        await load(page, self.server.url + "/")
        await page.context.close()

    async def drain(self, target: dict | None = None) -> dict:
        """Wait until closed sessions are dropped: the TTL passed (twice, with a sweep
        visit after each), then until the live stores and token tables are back to
        `target`'s (runs of closed sessions may still be finishing) or a bounded time
        passed. Returns the RSS and the probe's counts."""
        began = time.monotonic()
        for _ in range(2):
            await asyncio.sleep(self.ttl + 1)  # closed sessions outlive their socket this long
            await self.sweep()
        counts = await self.probe.counts()
        while (
            target
            and counts
            and any(
                counts.get(name, 0) > target.get(name, 0)
                for name in ("token_tables", "stores", "upload_stores")
            )
            and time.monotonic() - began < SETTLE_MAX_S
        ):
            await asyncio.sleep(2)  # polling the probe for sessions still being dropped
            counts = await self.probe.counts()
        return {"rss_mb": self.rss(), "probe": counts, "settle_s": round(time.monotonic() - began)}


# ---------------------------------------------------------------- scenario A: page loads


async def page_loads(bench: Bench, sessions: int, loads: int, rss_limit: float) -> dict:
    url = bench.server.url
    warm = await new_page(bench.browser)
    first_load = await load(warm, f"{url}/")  # at 1,000 articles: builds the table cache
    warm_loads = [await load(warm, f"{url}/{path}") for path in PAGES[1:]]
    await warm.context.close()
    warmed = await bench.drain()
    times: list[float] = []
    errors: list[str] = []
    aborted = []

    async def visitor(number: int) -> None:
        page = await new_page(bench.browser)
        try:
            for step in range(loads):
                if aborted:
                    break
                path = PAGES[(number + step) % len(PAGES)]
                query = VIEWS[(number + step // len(PAGES)) % len(VIEWS)]
                times.append(await load(page, f"{url}/{path}{query}"))
                if bench.rss() > rss_limit:
                    aborted.append(f"RSS over {rss_limit:.0f} MB")
        except Exception as error:  # counted and reported, never hidden
            errors.append(f"{type(error).__name__}: {str(error).splitlines()[0][:200]}")
        finally:
            await page.context.close()

    began = time.monotonic()
    with Sampler(bench.pid) as sampler:
        await asyncio.gather(*(visitor(n) for n in range(sessions)))
    wall = time.monotonic() - began
    closed_rss = bench.rss()
    after = await bench.drain(warmed["probe"])
    before_probe, after_probe = warmed["probe"] or {}, after["probe"] or {}
    return {
        "scenario": "A page loads",
        "sessions": sessions,
        "loads": len(times),
        "errors": len(errors),
        "aborted": aborted[0] if aborted else "",
        "first_load_s": round(first_load, 1),
        "warm_load_median_s": round(statistics.median(warm_loads), 2),
        "load_median_s": round(statistics.median(times), 2) if times else None,
        "wall_s": round(wall, 1),
        "rss_warmed_mb": warmed["rss_mb"],
        "rss_peak_mb": sampler.peak,
        "rss_at_close_mb": closed_rss,
        "rss_after_mb": after["rss_mb"],
        "after_vs_warmed": round(after["rss_mb"] / warmed["rss_mb"], 2),
        "settle_s": after["settle_s"],
        "stores_before": before_probe.get("stores"),
        "stores_after": after_probe.get("stores"),
        "token_tables_before": before_probe.get("token_tables"),
        "token_tables_after": after_probe.get("token_tables"),
        "upload_stores_after": after_probe.get("upload_stores"),
        "token_rows_before": before_probe.get("token_rows"),
        "token_rows_after": after_probe.get("token_rows"),
        "first_errors": errors[:5],
    }


# ---------------------------------------------------------------- scenario B: uploads


def upload_article(size_bytes: int, number: int = 0) -> bytes:
    """One article of about `size_bytes` (UTF-8): a host's questions and a guest's answers in
    realistic text (bench/realistic.py), as bold labels."""
    from bench.realistic import Writer

    writer = Writer(7, 1_000_000 + number)  # numbers no bench corpus uses
    header = (
        f"# 上传测试 {number}\n\n文章作者: 测试号\n发布时间: 2024-10-01 08:00\n\n"
        "**主持人：** 开始吧？\n\n"
    )
    parts, size = [header], len(header.encode())
    index = 1  # the header asked first
    while size < size_bytes:
        asks = index % 2 == 0
        text = writer.sentences(60 if asks else 400, question=asks)
        part = f"**{'主持人' if asks else 'Sam Altman'}：** {text}\n\n"
        encoded = len(part.encode())
        if size + encoded > size_bytes:
            break
        parts.append(part)
        size += encoded
        index += 1
    return "".join(parts).encode("utf-8")


async def open_uploader(page) -> None:
    """Open the uploader's popover by its button (unless open) and wait for its input."""
    button = page.locator(UPLOAD_BOX_BUTTON)
    if await button.get_attribute("aria-expanded", timeout=STEP_TIMEOUT_MS) != "true":
        await button.click(timeout=STEP_TIMEOUT_MS)
    await expect(page.locator(UPLOAD_INPUT)).to_be_attached(timeout=STEP_TIMEOUT_MS)


async def upload(page, name: str, data: bytes, expected_articles: int) -> float:
    await open_uploader(page)
    start = time.perf_counter()
    await page.locator(UPLOAD_INPUT).set_input_files(
        files=[{"name": name, "mimeType": "text/plain", "buffer": data}]
    )
    shown = re.compile(rf"^({expected_articles}|{expected_articles:,})$")
    await expect(page.locator('[data-testid="stMetricValue"]').first).to_have_text(
        shown, timeout=STEP_TIMEOUT_MS
    )
    await settled(page)
    return time.perf_counter() - start


async def uploads(
    bench: Bench, sizes_mb: list[float], small_sessions: int, small_files: int, small_kb: float
) -> dict:
    url = bench.server.url
    warm = await new_page(bench.browser)
    await load(warm, f"{url}/")
    articles = await articles_shown(warm)
    await warm.context.close()
    baseline = await bench.drain()
    rows = []
    for size_mb in sizes_mb:
        data = upload_article(int(size_mb * 1_000_000))
        page = await new_page(bench.browser)
        await load(page, f"{url}/")
        before = bench.rss()
        try:
            with Sampler(bench.pid) as sampler:
                seconds = await upload(page, f"big_{size_mb}.txt", data, articles + 1)
            loaded, error = bench.rss(), ""
        except Exception as failure:  # reported, never hidden
            seconds, loaded = None, bench.rss()
            error = f"{type(failure).__name__}: {str(failure).splitlines()[0][:200]}"
        await page.context.close()
        after = await bench.drain(baseline["probe"])
        file_mb = len(data) / 1_000_000
        rows.append(
            {
                "file_mb": round(file_mb, 2),
                "process_s": round(seconds, 1) if seconds else None,
                "rss_before_mb": before,
                "rss_peak_mb": sampler.peak,
                "rss_loaded_mb": loaded,
                "added_vs_file": round((loaded - before) / file_mb, 1),
                "peak_added_vs_file": round((sampler.peak - before) / file_mb, 1),
                "rss_after_close_mb": after["rss_mb"],
                "after_close_vs_baseline": round(after["rss_mb"] / baseline["rss_mb"], 2),
                "upload_stores_after_close": (after["probe"] or {}).get("upload_stores"),
                "error": error,
            }
        )
    # Many small uploads in several sessions at once.
    small = [upload_article(int(small_kb * 1000), n) for n in range(small_files)]
    times: list[float] = []
    errors: list[str] = []

    async def uploader(number: int) -> None:
        page = await new_page(bench.browser)
        try:
            await load(page, f"{url}/")
            for index, data in enumerate(small):
                name = f"small_{number}_{index}.txt"
                times.append(await upload(page, name, data, articles + index + 1))
        except Exception as failure:  # counted and reported
            errors.append(f"{type(failure).__name__}: {str(failure).splitlines()[0][:200]}")
        finally:
            await page.context.close()

    with Sampler(bench.pid) as sampler:
        await asyncio.gather(*(uploader(n) for n in range(small_sessions)))
    closed_rss = bench.rss()
    after = await bench.drain(baseline["probe"])
    return {
        "scenario": "B uploads",
        "rss_baseline_mb": baseline["rss_mb"],
        "stores_baseline": (baseline["probe"] or {}).get("stores"),
        "one_file": rows,
        "small": {
            "sessions": small_sessions,
            "files_each": small_files,
            "file_kb": small_kb,
            "uploads": len(times),
            "errors": len(errors),
            "upload_median_s": round(statistics.median(times), 2) if times else None,
            "rss_peak_mb": sampler.peak,
            "rss_at_close_mb": closed_rss,
            "rss_after_mb": after["rss_mb"],
            "after_vs_baseline": round(after["rss_mb"] / baseline["rss_mb"], 2),
            "upload_stores_after": (after["probe"] or {}).get("upload_stores"),
            "first_errors": errors[:5],
        },
    }


# ---------------------------------------------------------------- driver


def corpus_env(corpus: str) -> tuple[dict, str]:
    """The server's environment for `seeds`, a generated corpus (N or real:N articles of
    realistic text, recombined:N of the seeds' turns recombined; kept between runs, so the
    same articles again reuse the server's table cache), a folder, or `store:DIR` (a store
    built elsewhere, served read-only)."""
    if corpus == "seeds":
        return {}, "seeds (5 articles)"
    if corpus.startswith("store:"):
        folder = corpus.removeprefix("store:")
        return {"TRANSCRIPTS_STORE": folder}, f"the store in {folder}"
    from bench.synth import corpus_folder, parse_spec

    generated = parse_spec(corpus)
    folder = corpus_folder(corpus)
    described = f"{generated[1]} {generated[0]} articles" if generated else str(folder)
    return {"TRANSCRIPTS_CORPUS": str(folder)}, described


async def run(args: argparse.Namespace, scenario: str, corpus: str) -> dict:
    env, described = corpus_env(corpus)
    probe_path = Path(tempfile.mkdtemp(prefix="memory-probe-")) / "counts.json"
    env.update(
        {
            # Streamlit's config as an environment variable (server.disconnectedSessionTTL).
            "STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL": str(args.ttl),
            "TRANSCRIPTS_MEMORY_PROBE": str(probe_path),
        }
    )
    started = time.monotonic()
    server = Server(env=env)
    start_s = time.monotonic() - started
    try:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            bench = Bench(server, browser, Probe(probe_path), args.ttl)
            if scenario == "A":
                result = await page_loads(bench, args.sessions, args.loads, args.rss_limit_mb)
            else:
                result = await uploads(
                    bench, args.upload_mb, args.small_sessions, args.small_files, args.small_kb
                )
            await browser.close()
    except Exception as error:  # reported with the server's log, and the next run goes on
        result = {
            "scenario": scenario,
            "error": f"{type(error).__name__}: {str(error).splitlines()[0][:200]}",
            "server_log_tail": server.output()[-1500:],
        }
    finally:
        server.stop()
    return {"corpus": described, "server_start_s": round(start_s, 1), **result}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scenarios", default="A,B", help="A (page loads), B (uploads)")
    parser.add_argument(
        "--corpus",
        default="seeds,1000",
        help="'seeds', N (realistic articles), recombined:N, a folder and/or store:DIR; "
        "comma-separated",
    )
    parser.add_argument("--sessions", type=int, default=10, help="scenario A: browser contexts")
    parser.add_argument("--loads", type=int, default=10, help="scenario A: page loads each")
    parser.add_argument(
        "--upload-mb",
        type=lambda text: [float(x) for x in text.split(",")],
        default=[1, 5, 9.5],
        help="scenario B: sizes of the single uploads",
    )
    parser.add_argument("--small-sessions", type=int, default=5)
    parser.add_argument("--small-files", type=int, default=10)
    parser.add_argument("--small-kb", type=float, default=50)
    parser.add_argument("--ttl", type=float, default=2, help="seconds a closed session is kept")
    parser.add_argument(
        "--rss-limit-mb", type=float, default=8000, help="stop loading pages past this RSS"
    )
    args = parser.parse_args()
    for corpus in args.corpus.split(","):
        for scenario in args.scenarios.split(","):
            if scenario == "B" and corpus != "seeds" and "seeds" in args.corpus:
                continue  # uploads are measured on the seeds; pass only a number to force it
            result = asyncio.run(run(args, scenario.strip(), corpus.strip()))
            print(json.dumps(result, ensure_ascii=False, indent=1), flush=True)


if __name__ == "__main__":
    main()
