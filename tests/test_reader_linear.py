"""The readers issue 19 adds run in linear time on hostile input (as tests/test_linear_patterns.py
checks the older ones): every pattern of the new modules on every adversarial line, and whole
files of the new kinds, a caption file of 100,000 cues among them, growing about 4x from n to 4n.
"""

from __future__ import annotations

import re

import pytest

from analysis.ingest import captions, dates, frontmatter, qa, sections
from analysis.ingest.reader import read_corpus
from tests.hostile import ADVERSARIAL_LINES
from tests.test_linear_patterns import LINEAR_LIMIT, growth, seconds, uses, worst_growth

MODULES = (captions, dates, frontmatter, qa, sections)
PATTERNS = {
    f"{module.__name__.rsplit('.', 1)[-1]}.{name}": value
    for module in MODULES
    for name, value in vars(module).items()
    if isinstance(value, re.Pattern)
}


def test_the_new_modules_patterns_are_all_checked():
    assert {"captions.VOICE", "captions.PREFIX", "dates.EN_DATE", "qa.QUESTION_LEAD"} <= set(
        PATTERNS
    )


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_pattern_is_linear_on_every_adversarial_line(name):
    call = uses(PATTERNS[name])
    slow = {}
    for family, make in ADVERSARIAL_LINES.items():
        ratio = worst_growth(call, make)
        if ratio >= LINEAR_LIMIT:
            slow[family] = round(ratio, 1)
    assert not slow, f"{name} grows faster than linearly on: {slow}"


def _cues(n: int, voice: bool = True) -> str:
    lines = ["WEBVTT", ""]
    for i in range(n):
        start, end = i * 2, i * 2 + 1
        who = "张三" if i % 3 else "李四"
        text = f"<v {who}>第{i}句，<b>有</b>标签&amp;实体。</v>" if voice else f"{who}：第{i}句。"
        lines += [str(i + 1), f"{_clock(start)} --> {_clock(end)}", text, ""]
    return "\n".join(lines)


def _clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}.000"


def read(name: str, text: str):
    return read_corpus([(name, text.encode("utf-8"))])


def test_a_caption_file_of_100000_cues_reads_in_linear_time():
    small, large = _cues(25_000), _cues(100_000)
    ratio = growth(lambda text: read("big.vtt", text), small, large)
    assert ratio < LINEAR_LIMIT, f"reading grows {ratio:.1f}x from 25,000 to 100,000 cues"
    corpus = read("big.vtt", large)
    # Speakers change at every third cue: 李四 on cues 0, 3, 6 …, 张三 on the two between.
    assert len(corpus.turns) == 2 * 33_334 - 1
    assert corpus.turns["start_seconds"].iloc[-1] == 2 * 99_999


FILES = {
    "srt with prefixes": lambda n: _cues(n // 40, voice=False).replace("WEBVTT\n\n", ""),
    "broken timings": lambda n: (
        "WEBVTT\n\n" + "\n\n".join(f"{i}\n00:00:0x --> ??\n<v 张三>字" for i in range(n // 30))
    ),
    "unlabelled bold questions": lambda n: "\n\n".join(
        "**为什么？**\n\n因为。" for _ in range(n // 20)
    ),
    "pull quotes": lambda n: (
        "**主持人：** 你好？\n\n**张三：** 你好你好你好你好你好。\n\n"
        + "\n\n".join("> 你好你好你好你好你好。" for _ in range(n // 20))
    ),
    "summary sections": lambda n: "\n".join(
        f"## 待办\n- 张三：第{i}件事\n## 章节速览\n00:0{i % 10} 开场" for i in range(n // 40)
    ),
    "front matter lines": lambda n: (
        "---\n"
        + "\n".join(f"k{i}: v{i}" for i in range(min(n // 10, 300)))
        + "\n---\n\n"
        + "**主持人：** 问？\n\n**张三：** 答。\n" * (n // 40)
    ),
}


@pytest.mark.parametrize("family", list(FILES))
def test_a_file_of_the_new_kinds_reads_in_linear_time(family):
    make = FILES[family]
    name = "x.srt" if "srt" in family else "x.vtt" if "timings" in family else "x.md"
    call = lambda text: read(name, text)  # noqa: E731
    sizes = (20_000, 80_000, 320_000)
    worst = 0.0
    for small_n, large_n in zip(sizes, sizes[1:], strict=False):
        small = make(small_n)
        if seconds(call, small) < 0.001:
            continue
        worst = max(worst, growth(call, small, make(large_n)))
    assert worst < LINEAR_LIMIT, f"reading grows {worst:.1f}x from one size to the next"
