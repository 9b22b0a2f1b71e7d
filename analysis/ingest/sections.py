"""The sections a meeting tool or a transcription service writes around the word-for-word
record: AI summaries, to-dos, chapter lists, keywords and the list of speakers.

飞书妙记, 腾讯会议, 钉钉闪记 and 通义听悟 put `智能纪要`, `待办`, `章节速览` and `关键词` before
the record (`文字记录`, `转写原文`); Otter writes `SUMMARY KEYWORDS` and `SPEAKERS` blocks. None
of it is speech: each block goes to the editorial table with its own kind, and the speakers
block names the participants.
"""

from __future__ import annotations

import re

from analysis import schema as s
from analysis.ingest.labels import SPEAKER_TAG, Label
from analysis.ingest.markup import clean_inline, fold

# Section headings by kind, as keys: folded, without spaces or punctuation.
SECTION_KINDS = {
    **dict.fromkeys(
        "智能纪要 ai纪要 ai智能纪要 会议总结 會議總結 会议摘要 全文摘要 全文概要 内容摘要 智能总结 ai总结 "
        "要点回顾 會議要點 会议要点 发言总结 發言總結 问答回顾 问答总结 summary aisummary "
        "meetingsummary executivesummary keypoints keytakeaways".split(),
        s.SUMMARY,
    ),
    **dict.fromkeys(
        "待办 待辦 待办事项 待辦事項 待办清单 后续待办 行动项 后续行动 下一步行动 下一步计划 actionitems "
        "actionitem nextsteps todo todos followups".split(),
        s.ACTION_ITEMS,
    ),
    **dict.fromkeys(
        "章节速览 章節速覽 章节 章节概要 章节摘要 chapters chaptersummaries outline".split(),
        s.CHAPTERS,
    ),
    **dict.fromkeys(
        "关键词 關鍵詞 关键字 summarykeywords keywords".split(),
        s.KEYWORDS,
    ),
    **dict.fromkeys(
        "参会人 参会人员 參會人員 与会人员 與會人員 发言人 發言人 speakers participants attendees".split(),
        s.PARTICIPANTS,
    ),
}
# Headings over the word-for-word record: the sections above end there.
TRANSCRIPT_HEADS = frozenset(
    "文字记录 文字記錄 转写文本 转写原文 轉寫原文 转写记录 原文 逐字稿 录音转写 录音转文字 语音转写 会议记录 "
    "transcript fulltranscript verbatim".split()
)
HEAD_MAX_CHARS = 40
HEAD_MARKS = "#*【[「 \t>_"
# The first character of every heading word, folded: a line that starts otherwise is none.
FIRST_CHARS = frozenset(key[0] for key in (*SECTION_KINDS, *TRANSCRIPT_HEADS))
LIST_ITEM = re.compile(r"^\s*+(?:[-*+•·]|\d{1,3}[.)、]|[（(]\d{1,3}[）)])\s*+")
BRACKETS = "【】[]「」"


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", "", fold(text))


def section_head(line: str) -> tuple[str, str] | None:
    """(kind, what follows the heading on its line) for a section heading: `## 智能纪要`,
    `**待办**`, `【章节速览】`, `关键词：A、B、C`, `SUMMARY KEYWORDS`; `transcript` for the heading
    over the record (`文字记录：`, `Transcript`). None for any other line."""
    raw = line.strip()
    if fold(raw.lstrip(HEAD_MARKS)[:1]) not in FIRST_CHARS:
        return None  # no heading's word starts so: most lines stop here
    if len(raw) > HEAD_MAX_CHARS + 20 and not any(
        mark in raw[: HEAD_MAX_CHARS + 20] for mark in ":："
    ):
        return None  # a long line without a colon near its start is no heading: most speech
    text = clean_inline(raw.lstrip("#"))
    if not text or len(text) > 400:
        return None
    head, colon, rest = (
        text.partition("：") if "：" in text[:HEAD_MAX_CHARS] else text.partition(":")
    )
    head = head.strip().strip(BRACKETS).strip()
    if len(head) > HEAD_MAX_CHARS:
        return None
    key = _key(head)
    if key in TRANSCRIPT_HEADS:
        return ("transcript", rest.strip()) if not rest.strip() else None
    kind = SECTION_KINDS.get(key)
    if kind is None:
        return None
    return kind, rest.strip() if colon else ""


def summary_sections(
    lines: list[str], labels: dict[int, Label], floor: int | None = None
) -> tuple[dict[int, str], int | None]:
    """Which lines belong to a tool's section (line index -> kind, headings included) and
    where the heading over the record stands (or None).

    A section runs to the next heading, to the record's heading, to a `#` heading, or, past
    the record's heading or without one, to the first label that opens speech (a stamped one
    when the record's labels have time stamps; else a speaker tag or any label that isn't a
    list item): summaries such as 发言总结 hold `发言人1：…` lines that are no speech.
    `floor` is where the transcript is announced otherwise (以下为文字实录).
    """
    heads = {}
    transcript_at = None
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        head = section_head(line)
        if head is None:
            continue
        if head[0] == "transcript":
            if transcript_at is None:
                transcript_at = i
            heads[i] = head[0]
        else:
            heads[i] = head[0]
    if not any(kind != "transcript" for kind in heads.values()):
        return {}, transcript_at
    marker = transcript_at if transcript_at is not None else floor
    # Where the record's labels carry time stamps, only a stamped label opens it: a summary
    # such as 要点回顾 or 发言总结 holds 问：… and 发言人1：… lines without one.
    stamped = any(label.stamp_text for label in labels.values())
    kinds: dict[int, str] = {}
    current = None
    for i, line in enumerate(lines):
        if i in heads:
            current = None if heads[i] == "transcript" else heads[i]
            if current:
                kinds[i] = current
            continue
        if current is None or not line.strip():
            continue
        if line.lstrip().startswith("#"):
            current = None
            continue
        label = labels.get(i)
        if label is not None and (marker is None or i > marker):
            if stamped:
                opens_speech = bool(label.stamp_text)
            else:
                opens_speech = SPEAKER_TAG.match(label.name) or not LIST_ITEM.match(line)
            if opens_speech:
                current = None
                continue
        kinds[i] = current
    return kinds, transcript_at


def section_text(line: str) -> str:
    """A section line's text: the heading's inline part, or the line without list marks."""
    head = section_head(line)
    if head is not None:
        return head[1]
    return LIST_ITEM.sub("", clean_inline(line)).strip()
