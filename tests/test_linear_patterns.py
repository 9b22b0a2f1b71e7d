"""The reader's own patterns run in time linear in the line (#10, item 2).

Python's `re` backtracks, so a pattern with adjacent quantifiers over the same characters can
take quadratic or cubic time on one hostile line (`#x`, 2,000 spaces, `y` took 32 s in the
old heading pattern). Every compiled pattern in the analysis modules that read text is fed
every adversarial line of tests/hostile.py at n and 4n characters, and every family is read
as a whole file the same way. The assertion is on growth, not on seconds: linear work grows
about 4x from n to 4n, quadratic 16x, cubic 64x; medians of interleaved runs keep a busy
machine from tipping the ratio, and the clock is this thread's CPU time.
"""

from __future__ import annotations

import re
import statistics
import time

import pytest

from analysis import config
from analysis.ingest import decode, docx_text, labels, markup, reader
from analysis.ingest.reader import read_corpus
from analysis.measures import talk as speakers
from analysis.text import tokens
from tests.hostile import ADVERSARIAL_FILES, ADVERSARIAL_LINES

N = 20_000  # characters of the smaller line; the larger has 4 * N
LINEAR_LIMIT = 8.0  # between linear (4) and quadratic (16)
# A call that takes less than this on the small line is not measured further: even
# quadratic work would not fit 20,000 characters into it. Screening only, never an assert.
SCREEN_SECONDS = 0.001
RUNS = 3
# Sizes climbed from small to large: a regression to quadratic or cubic work fails on a
# short rung instead of running for hours on the long one.
SIZES = (N // 64, N // 16, N // 4, N, 4 * N)

MODULES = (reader, labels, markup, decode, speakers, tokens, config, docx_text)


def module_patterns() -> dict[str, re.Pattern]:
    found = {
        f"{module.__name__.rsplit('.', 1)[-1]}.{name}": value
        for module in MODULES
        for name, value in vars(module).items()
        if isinstance(value, re.Pattern)
    }
    # Close-tag patterns are kept in a dict; the segmenter builds one from the dictionary.
    for tag, pattern in markup.SCRIPT_CLOSE.items():
        found[f"markup.SCRIPT_CLOSE[{tag}]"] = pattern
    segmenter = tokens.segmenter_for(config.load_userdict())
    if segmenter.protected is not None:
        found["tokens.Segmenter.protected"] = segmenter.protected.regex  # RE2
    return found


PATTERNS = module_patterns()


def seconds(call, argument, repeat: int = 1) -> float:
    """CPU seconds of this thread per call: time spent waiting for a busy machine's cores
    does not count, so other processes don't tip the ratio."""
    start = time.thread_time()
    for _ in range(repeat):
        call(argument)
    return (time.thread_time() - start) / repeat


def growth(call, small, large) -> float:
    """Median time on `large` over median time on `small`, runs interleaved, each run long
    enough (>= 1 ms) for the clock; measured again once before a growth is believed."""
    repeat = max(1, int(0.001 / max(seconds(call, small), 1e-7)))
    ratios = []
    for _ in range(2):
        small_times, large_times = [], []
        for _ in range(RUNS):
            small_times.append(seconds(call, small, repeat))
            large_times.append(seconds(call, large, max(1, repeat // 4)))
        ratios.append(statistics.median(large_times) / max(statistics.median(small_times), 1e-9))
        if ratios[-1] < LINEAR_LIMIT:
            break
    return min(ratios)


def uses(pattern: re.Pattern):
    """Every way the analysis code calls a pattern, in one call."""

    def call(line: str) -> None:
        pattern.search(line)
        pattern.match(line)
        pattern.sub("", line)

    return call


def worst_growth(call, make) -> float:
    """The largest growth from one size to the next, over the sizes a call is measurable at."""
    worst = 0.0
    for small_n, large_n in zip(SIZES, SIZES[1:], strict=False):
        small = make(small_n)
        if seconds(call, small) < SCREEN_SECONDS:
            continue
        worst = max(worst, growth(call, small, make(large_n)))
        if worst >= LINEAR_LIMIT:
            break
    return worst


def test_every_pattern_and_family_is_covered():
    assert len(PATTERNS) >= 50
    assert len(ADVERSARIAL_LINES) >= 30
    for name in ("reader.HEADER", "labels.BOLD_COLON", "markup.NOTE_HEAD", "tokens.NUMBER"):
        assert name in PATTERNS


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_pattern_is_linear_on_every_adversarial_line(name):
    call = uses(PATTERNS[name])
    slow = {}
    for family, make in ADVERSARIAL_LINES.items():
        ratio = worst_growth(call, make)
        if ratio >= LINEAR_LIMIT:
            slow[family] = round(ratio, 1)
    assert not slow, f"{name} grows faster than linearly on: {slow}"


def file_with(line: str) -> bytes:
    """The line where each step of the reader meets it: header, introduction, speech."""
    return (
        f"# 标题\n\n文章作者: 测试号\n发布时间: {line[:40]}\n\n{line}\n\n"
        f"**主持人：** {line}\n\n{line}\n\n**Sam Altman：** 答。\n\n{line}\n"
    ).encode()


def read(data: bytes):
    return read_corpus([("adversarial.txt", data)])


@pytest.mark.parametrize("family", list(ADVERSARIAL_LINES))
def test_a_file_with_the_line_reads_in_linear_time(family):
    make = ADVERSARIAL_LINES[family]
    ratio = worst_growth(read, lambda n: file_with(make(n)))
    assert ratio < LINEAR_LIMIT, f"reading grows {ratio:.1f}x from one size to the next"


@pytest.mark.parametrize("family", list(ADVERSARIAL_FILES))
def test_a_file_of_many_hostile_lines_reads_in_linear_time(family):
    make = ADVERSARIAL_FILES[family]
    ratio = worst_growth(read, lambda n: make(n).encode("utf-8"))
    assert ratio < LINEAR_LIMIT, f"reading grows {ratio:.1f}x from one size to the next"


def test_the_old_heading_and_note_bombs_read_like_any_file():
    # The two slow cases the issue measured, as a whole file each, at 4x the sizes.
    for line in ("#x" + " " * 8_000 + "y", "（注：" * 60_000):
        corpus = read_corpus([("bomb.txt", f"{line}\n\n**主持人：** 问？\n".encode())])
        assert len(corpus.articles) == 1
