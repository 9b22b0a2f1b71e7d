"""Load: N concurrent browser sessions clicking through the dashboard for a bounded time.

Each session is its own browser context (its own cookies, so its own Streamlit session)
in one headless Chromium; all are driven concurrently from one event loop, which keeps
the driver's own cost low on a small machine. Each loops: click a chart, wait for the
filter in the URL and every chart redrawn, clear the filters, switch pages. Sessions
start staggered over the first seconds, as visitors arrive, and each completes at least
one cycle however slow. Reports errors, page loads, median and
95th-percentile time from click to charts updated, and the server's resident memory
before, during and after. Traffic goes to 127.0.0.1 only; the loop stops by itself.

With --hostile one more visitor loops the attacks of issue #10 meanwhile (catastrophic
search links, a theme file asking for the same, an upload slow for the reader); its
actions and errors are reported apart. With --heavy one more visitor does the heaviest
valid work there is (issue 18's done-when): uploads as much as a session may (two files of
9.9 MB of realistic transcripts) and applies vocabularies of 500 words, each as costly as
the vocabulary bound allows on that corpus (`config.MAX_RESEGMENTED_CHARS`), one after
another up to the session's allowance. --compare runs without and then with the extra
visitor, each on a fresh server, and reports both and the ratio of the others' click
medians. Errors include tracebacks in the server's log.

The dashboard serves 1,000 articles of realistic text (bench/realistic.py) by default, built
into a store before the server starts; `--corpus` names another (seeds, recombined:N, …).

    .venv/bin/python bench/bench_load.py --sessions 20 --seconds 60
    .venv/bin/python bench/bench_load.py --hostile --compare --corpus seeds
    .venv/bin/python bench/bench_load.py --heavy --compare --sessions 10 --seconds 120
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.async_api import async_playwright, expect  # noqa: E402

from bench.synth import SPEC_HELP, served_env  # noqa: E402
from dashboard.texts import translator  # noqa: E402
from tests.e2e.conftest import (  # noqa: E402
    CHARTS_DRAWN,
    CHROMIUM,
    CHROMIUM_ARGS,
    RUN_FINISHED,
    TITLE_SHOWN,
    Server,
)
from tests.hostile import (  # noqa: E402
    CATASTROPHIC_PATTERNS,
    EDITOR_NOTE_BOMB_ARTICLE,
    HEADING_BOMB_ARTICLE,
    HOSTILE_THEME_FILE,
)

# Under load a step may take long; it only counts as an error past this.
STEP_TIMEOUT_MS = 120_000
# Each page: the chart whose first mark is clicked, and the URL parameter the click sets.
# The overview draws one chart (its first tab, who talks: a bar filters to its article).
CLICK = {"": (0, "article"), "speakers": (0, "speaker")}
# Each page: its heading, and its link in the sidebar's navigation.
TITLES = {"": "访谈文本仪表盘", "speakers": "发言人"}
NAV_LINKS = {"": "总览", "speakers": "发言人"}


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


def cpu_seconds(pid: int | None = None) -> float:
    """CPU time used so far by one process and its threads, or by the whole machine."""
    ticks = os.sysconf("SC_CLK_TCK")
    if pid is None:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
        return (sum(map(int, fields)) - int(fields[3]) - int(fields[4])) / ticks  # not idle
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / ticks  # utime + stime


def summary(name: str, values: list[float]) -> dict:
    """Count, median and 95th percentile of one kind of step."""
    ordered = sorted(values)
    # Nearest rank, so a p95 is never below the median of a few values.
    p95 = ordered[math.ceil(0.95 * len(ordered)) - 1] if ordered else None
    return {
        f"{name}s": len(ordered),
        f"{name}_median_s": round(statistics.median(ordered), 3) if ordered else None,
        f"{name}_p95_s": round(p95, 3) if ordered else None,
    }


async def settled(page, title: str) -> None:
    """The page with this title finished its run and drew every chart."""
    await expect(page.locator(TITLE_SHOWN).first).to_have_text(title, timeout=STEP_TIMEOUT_MS)
    await expect(page.locator(RUN_FINISHED)).to_be_attached(timeout=STEP_TIMEOUT_MS)
    await page.wait_for_function(CHARTS_DRAWN, timeout=STEP_TIMEOUT_MS)
    await expect(page.locator('[data-testid="stException"]')).to_have_count(0)


async def has_param(page, name: str, present: bool) -> None:
    test = f"new URL(location.href).searchParams.has({name!r})"
    await page.wait_for_function(test if present else f"!({test})", timeout=STEP_TIMEOUT_MS)


async def session(browser, url: str, delay: float, deadline: float, times, errors) -> None:
    await asyncio.sleep(delay)
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    try:
        start = time.perf_counter()
        await page.goto(url, timeout=STEP_TIMEOUT_MS)
        current = ""
        await settled(page, TITLES[current])
        times["load"].append(time.perf_counter() - start)
        # Every session clicks at least once, however slow its first load was; then it
        # goes on until the deadline.
        while True:
            index, param = CLICK[current]
            chart = page.locator('[data-testid="stPlotlyChart"]').nth(index)
            box = await chart.locator("g.point path").first.bounding_box()
            await page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            start = time.perf_counter()
            await page.mouse.down()
            await page.mouse.up()
            await has_param(page, param, True)
            await settled(page, TITLES[current])
            times["click"].append(time.perf_counter() - start)
            await page.get_by_role("button", name="清除筛选").click()
            await has_param(page, param, False)
            await settled(page, TITLES[current])
            current = "speakers" if current == "" else ""
            start = time.perf_counter()
            # The sidebar's page links, however they are drawn (Streamlit's nav or links).
            nav = page.locator('[data-testid="stSidebar"] a')
            await nav.filter(has_text=NAV_LINKS[current]).first.click()
            await settled(page, TITLES[current])
            times["switch"].append(time.perf_counter() - start)
            if time.monotonic() >= deadline:
                break
    except Exception as error:  # every failure is counted and reported, never hidden
        errors.append(f"{type(error).__name__}: {str(error).splitlines()[0][:200]}")
    finally:
        await context.close()


async def attacks(page, url: str, step: int) -> str:
    """One of the hostile visitor's attacks, by turn; returns its name."""
    if step % 4 < 2:
        pattern = CATASTROPHIC_PATTERNS[step % 4]
        query = urlencode({"q": pattern, "regex": "1"})
        await page.goto(f"{url}/concordance?{query}", timeout=STEP_TIMEOUT_MS)
        await attacked(page)
        return f"search {pattern}"
    if step % 4 == 2:
        await page.goto(f"{url}/themes?themes_tab=edit", timeout=STEP_TIMEOUT_MS)
        await attacked(page)
        await page.locator(".st-key-w_import_themes input[type=file]").set_input_files(
            files=[{"name": "x.toml", "mimeType": "application/toml", "buffer": HOSTILE_THEME_FILE}]
        )
        await attacked(page, "x.toml")
        return "theme import"
    name, data = (
        ("heading.txt", HEADING_BOMB_ARTICLE)
        if step % 8 == 3
        else ("notes.txt", EDITOR_NOTE_BOMB_ARTICLE)
    )
    await page.goto(url, timeout=STEP_TIMEOUT_MS)
    await attacked(page)
    # The uploader is in the sidebar's popover: drawn once it is opened.
    await page.locator('.st-key-upload_box [data-testid="stPopoverButton"]').click()
    await page.locator(
        '.st-key-w_upload [data-testid="stFileUploaderDropzoneInput"]'
    ).set_input_files(files=[{"name": name, "mimeType": "text/plain", "buffer": data}])
    await attacked(page, name)
    return f"upload {name}"


async def attacked(page, chip: str | None = None) -> None:
    """The attacker's page finished its run (and shows the file chip), with no traceback."""
    if chip:
        chips = page.locator('[data-testid="stFileChipName"]').filter(has_text=chip)
        await expect(chips.first).to_be_visible(timeout=STEP_TIMEOUT_MS)
    await expect(page.locator(TITLE_SHOWN).first).to_be_visible(timeout=STEP_TIMEOUT_MS)
    await expect(page.locator(RUN_FINISHED)).to_be_attached(timeout=STEP_TIMEOUT_MS)
    await expect(page.locator('[data-testid="stException"]')).to_have_count(0)


async def attacker(browser, url: str, delay: float, deadline: float, done, errors) -> None:
    """The hostile visitor: each attack in a fresh session, until the deadline."""
    await asyncio.sleep(delay)
    step = 0
    while time.monotonic() < deadline:
        context = await browser.new_context(viewport={"width": 1400, "height": 1000})
        page = await context.new_page()
        try:
            done.append(await attacks(page, url, step))
        except Exception as error:  # every failure is counted and reported, never hidden
            errors.append(
                f"step {step}: {type(error).__name__}: {str(error).splitlines()[0][:160]}"
            )
        finally:
            await context.close()
        step += 1


# ---------------------------------------------------------------- the heaviest valid visitor

HEAVY_FILE_BYTES = 9_900_000  # two of these: the session's 20 MB allowance, nearly
HEAVY_WORDS = 500  # config.MAX_VOCABULARY_WORDS
HEAVY_VOCABULARIES = 30  # limits.MAX_VOCAB_CHANGES


def heavy_uploads(seed: int = 7, first: int = 900_000) -> list[tuple[str, bytes]]:
    """Two files of realistic transcripts, 9.9 MB each: one article's header, then the
    conversations of many (the reader stops at an article's footer, so only the last keeps
    its own)."""
    from bench.realistic import START_MARKERS, write_article

    def conversation(text: str) -> str:
        lines = text.split("\n")
        begin = next(i for i, line in enumerate(lines) if line in START_MARKERS) + 1
        end = lines.index("往期回顾") if "往期回顾" in lines else len(lines)
        return "\n".join(lines[begin:end]) + "\n\n"

    files, number = [], first
    for index in range(2):
        parts = [write_article(seed, number).split("往期回顾")[0]]
        size = len(parts[0].encode())
        while True:
            number += 1
            text = conversation(write_article(seed, number))
            if size + len(text.encode()) > HEAVY_FILE_BYTES:
                break
            parts.append(text)
            size += len(text.encode())
        number += 1
        files.append((f"heavy_{index}.txt", "".join(parts).encode()))
    return files


def heavy_vocabularies(env: dict, uploads: list[tuple[str, bytes]]) -> tuple[list[str], dict]:
    """Vocabularies of 500 words each, as costly as the bound lets through on the served
    corpus with these uploads: the words ranked by use, the window of the most used words
    whose cost still fits (binary search), shifted a little for each next vocabulary."""
    import re

    from analysis.config import (
        MAX_RESEGMENTED_CHARS,
        MAX_VOCABULARY_WORD_LENGTH,
        ConfigError,
        parse_vocabulary,
    )
    from analysis.store.build import read_tables
    from analysis.store.store import Store

    store = Store.open(env["TRANSCRIPTS_STORE"]) if env.get("TRANSCRIPTS_STORE") else None
    if store is None:
        from analysis.config import load_themes
        from analysis.store.build import build_store, default_store_dir

        build_store(ROOT / "seeds", default_store_dir(ROOT / "seeds"), load_themes())
        store = Store.open(default_store_dir(ROOT / "seeds"))
    combined = store.with_uploads(read_tables(uploads, store.themes))
    han = re.compile(r"[\u4e00-\u9fff]{2,}")
    ranked = [
        term
        for term in combined.term_counts()["term"].astype(str)
        if han.fullmatch(term) and len(term) <= MAX_VOCABULARY_WORD_LENGTH
    ]

    def vocabulary(start: int):
        text = "[add words]\n" + "\n".join(ranked[start : start + HEAVY_WORDS]) + "\n"
        try:
            return text, parse_vocabulary(text, "vocabulary.txt")
        except ConfigError:
            return text, None

    def cost(start: int) -> int:
        parsed = vocabulary(start)[1]
        return combined.vocabulary_cost(parsed).chars if parsed else MAX_RESEGMENTED_CHARS + 1

    low, high = 0, max(len(ranked) - HEAVY_WORDS, 0)
    while low < high:  # the first window (most used words) whose cost fits
        middle = (low + high) // 2
        if cost(middle) <= MAX_RESEGMENTED_CHARS:
            high = middle
        else:
            low = middle + 1
    texts, costs = [], []
    start = low
    while len(texts) < HEAVY_VOCABULARIES and start < len(ranked):
        text, parsed = vocabulary(start)
        chars = combined.vocabulary_cost(parsed).chars if parsed else None
        if chars is not None and chars <= MAX_RESEGMENTED_CHARS:
            texts.append(text)
            costs.append(chars)
        start += 3
    combined.close()
    store.close()
    described = {
        "heavy_vocabularies": len(texts),
        "heavy_vocabulary_chars_median": int(statistics.median(costs)) if costs else 0,
        "heavy_vocabulary_bound_chars": MAX_RESEGMENTED_CHARS,
        "heavy_upload_mb": round(sum(len(d) for _, d in uploads) / 1e6, 1),
    }
    return texts, described


async def heavy(browser, url, delay, deadline, plan, done, errors) -> None:
    """The heaviest valid visitor: its uploads, then its vocabularies one after another."""
    uploads, vocabularies = plan
    await asyncio.sleep(delay)
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    try:
        await page.goto(url, timeout=STEP_TIMEOUT_MS)
        await attacked(page)
        start = time.perf_counter()
        await page.locator(
            '.st-key-w_upload [data-testid="stFileUploaderDropzoneInput"]'
        ).set_input_files(
            files=[{"name": n, "mimeType": "text/plain", "buffer": d} for n, d in uploads],
            timeout=STEP_TIMEOUT_MS,
        )
        for name, _ in uploads:
            await attacked(page, name)
        await page.wait_for_function(
            "!document.querySelector('[data-testid=\"stStatusWidget\"]')",
            timeout=STEP_TIMEOUT_MS * 5,
        )
        await attacked(page)
        done.append(("upload", time.perf_counter() - start))
        # Found by its own heading: a folded expander's content may not be in the page.
        summary = page.locator('[data-testid="stSidebar"] summary').filter(
            has_text=translator("zh")("vocabulary")
        )
        await summary.first.click(timeout=STEP_TIMEOUT_MS)
        for text in vocabularies:
            if time.monotonic() >= deadline:
                break
            start = time.perf_counter()
            area = page.locator(".st-key-w_vocab_text textarea")
            if not await area.is_visible():  # the expander folded in a rerun
                await summary.first.click(timeout=STEP_TIMEOUT_MS)
            await area.fill(text, timeout=STEP_TIMEOUT_MS)
            await area.press("Control+Enter", timeout=STEP_TIMEOUT_MS)
            await attacked(page)
            apply = page.locator(".st-key-apply_vocab button")
            if not await apply.is_visible():  # folded again by the text's own rerun
                await summary.first.click(timeout=STEP_TIMEOUT_MS)
            await apply.click(timeout=STEP_TIMEOUT_MS)
            await expect(page.locator(RUN_FINISHED)).to_be_attached(timeout=STEP_TIMEOUT_MS * 5)
            await attacked(page)
            refused = await page.locator(
                '[data-testid="stSidebar"] [data-testid="stAlert"]'
            ).count()
            done.append(("refused" if refused else "vocabulary", time.perf_counter() - start))
    except Exception as error:  # every failure is counted and reported, never hidden
        errors.append(f"heavy: {type(error).__name__}: {str(error).splitlines()[0][:160]}")
        shot = os.environ.get("BENCH_SHOTS")
        if shot:  # what the heavy visitor saw when it failed, and the whole error
            (Path(shot) / "heavy-failed.txt").write_text(str(error), encoding="utf-8")
            with contextlib.suppress(Exception):
                await page.screenshot(path=str(Path(shot) / "heavy-failed.png"), full_page=True)
    finally:
        await context.close()


async def drive(
    url: str,
    sessions: int,
    seconds: float,
    ramp: float,
    pid: int,
    hostile: bool = False,
    heavy_plan: tuple | None = None,
) -> dict:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        warm = await browser.new_page()  # warm-up visit: caches filled, as in service
        await warm.goto(url, timeout=STEP_TIMEOUT_MS)
        await settled(warm, TITLES[""])
        await warm.close()
        warmed = rss_mb(pid)
        times: dict[str, list[float]] = {"load": [], "click": [], "switch": []}
        errors: list[str] = []
        server_cpu, machine_cpu = cpu_seconds(pid), cpu_seconds()
        began = time.monotonic()
        deadline = began + seconds
        tasks = [
            asyncio.create_task(session(browser, url, ramp * i / sessions, deadline, times, errors))
            for i in range(sessions)
        ]
        attacks_done: list[str] = []
        attack_errors: list[str] = []
        if hostile:  # arrives with the others, and keeps attacking until the deadline
            tasks.append(
                asyncio.create_task(
                    attacker(browser, url, ramp / 2, deadline, attacks_done, attack_errors)
                )
            )
        heavy_done: list[tuple[str, float]] = []
        if heavy_plan:  # arrives with the others, and works until the deadline
            tasks.append(
                asyncio.create_task(
                    heavy(browser, url, ramp / 2, deadline, heavy_plan, heavy_done, attack_errors)
                )
            )
        peak = warmed
        while not all(task.done() for task in tasks):
            peak = max(peak, rss_mb(pid))
            await asyncio.sleep(1)  # sampling interval for the memory reading
        await browser.close()
    wall = time.monotonic() - began
    # Who used the machine: on a small one the browsers, not the server, may be the limit.
    server_cpu = cpu_seconds(pid) - server_cpu
    machine_cpu = cpu_seconds() - machine_cpu
    await asyncio.sleep(5)  # let the server drop the closed sessions
    after = rss_mb(pid)
    result = {"sessions": sessions, "seconds": seconds, "errors": len(errors)}
    for name, values in times.items():
        result.update(summary(name, values))
    return {
        **result,
        "rss_warmed_mb": warmed,
        "rss_peak_mb": peak,
        "rss_after_mb": after,
        "after_vs_warmed": round(after / warmed, 2),
        "wall_s": round(wall, 1),
        "server_cpu_s": round(server_cpu, 1),
        "other_cpu_s": round(machine_cpu - server_cpu, 1),
        "first_errors": errors[:5],
        "hostile": hostile,
        "heavy": bool(heavy_plan),
        "heavy_steps": [f"{name} {seconds:.1f} s" for name, seconds in heavy_done],
        "hostile_attacks": len(attacks_done),
        "hostile_errors": len(attack_errors),
        "hostile_first_errors": attack_errors[:5],
    }


def ratio(with_hostile: dict, without: dict, field: str) -> float | None:
    if with_hostile.get(field) and without.get(field):
        return round(with_hostile[field] / without[field], 2)
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--ramp", type=float, default=10, help="seconds over which sessions start")
    parser.add_argument(
        "--hostile", action="store_true", help="one more visitor attacks the server meanwhile"
    )
    parser.add_argument(
        "--heavy",
        action="store_true",
        help="one more visitor uploads and applies vocabularies as heavily as allowed",
    )
    parser.add_argument(
        "--compare", action="store_true", help="run without and with the extra visitor"
    )
    parser.add_argument("--corpus", default="real:1000", help=SPEC_HELP + ", or store:DIR")
    args = parser.parse_args()
    env, described = served_env(args.corpus)
    extra = args.hostile or args.heavy
    runs = [False, True] if args.compare else [extra]
    plan, planned = None, {}
    if args.heavy:
        uploads = heavy_uploads()
        vocabularies, planned = heavy_vocabularies(env, uploads)
        plan = (uploads, vocabularies)
    results = {}
    for with_extra in runs:
        server = Server(env=env)  # a fresh server each: nothing carries over from the other run
        try:
            results[with_extra] = asyncio.run(
                drive(
                    server.url,
                    args.sessions,
                    args.seconds,
                    args.ramp,
                    server.process.pid,
                    args.hostile and with_extra,
                    plan if with_extra else None,
                )
            )
            logged = server.output() if hasattr(server, "output") else ""
            full = Path(server.log.name).read_text(encoding="utf-8", errors="replace")
            results[with_extra]["server_tracebacks"] = full.count("Traceback")
            results[with_extra]["server_log_tail"] = logged[-600:] if "Traceback" in full else ""
        finally:
            server.stop()
    args.hostile = extra
    if not args.compare:
        print(
            json.dumps({"corpus": described, **results[args.hostile]}, ensure_ascii=False, indent=1)
        )
        return
    without, with_hostile = results[False], results[True]
    comparison = {
        "corpus": described,
        **planned,
        "without_hostile": without,
        "with_hostile": with_hostile,
        "errors_with_hostile": with_hostile["errors"]
        + with_hostile["hostile_errors"]
        + with_hostile["server_tracebacks"],
        "click_median_ratio": ratio(with_hostile, without, "click_median_s"),
        "click_p95_ratio": ratio(with_hostile, without, "click_p95_s"),
        "switch_median_ratio": ratio(with_hostile, without, "switch_median_s"),
    }
    print(json.dumps(comparison, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
