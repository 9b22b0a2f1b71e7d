"""Dates and lengths as transcripts write them: `2025年6月12日 下午 2:03`, `Thu, Jun 12, 2025`,
`2025-06-12T14:03`, `47分钟 13秒`, `• 47:13`, and file names such as `2025-06-12_周会.txt`.

Every pattern here is bounded and has no quantifiers next to each other over the same
characters, so it runs in time linear in the line.
"""

from __future__ import annotations

import re

import pandas as pd

# 2025-06-12, 2025/6/12, 2025.06.12, 2025年6月12日, 2025-06-12T14:03.
DATE = re.compile(
    r"(?<!\d)(?P<y>\d{4})\s*+[-/.年]\s*+(?P<m>\d{1,2})\s*+[-/.月]\s*+(?P<d>\d{1,2})(?!\d)\s*+[日号]?"
)
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
# Thu, Jun 12, 2025 · June 12th, 2025 · 12 June 2025 (a weekday before is allowed, not needed).
EN_DATE = re.compile(
    r"\b(?:(?P<mon>[A-Za-z]{3,9})\.?\s++(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s++(?P<y>\d{4})"
    r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s++(?P<mon2>[A-Za-z]{3,9})\.?,?\s++(?P<y2>\d{4}))(?!\d)"
)
# A clock time after a date: 14:03, 下午 2:03, 2:03 PM, T14:03:00, 14时03分.
CLOCK = re.compile(
    r"^[\sT,，]*+(?P<half>上午|早上|凌晨|中午|下午|晚上)?\s*+(?P<H>\d{1,2})\s*+[:：时]\s*+(?P<M>\d{2})"
    r"(?:[:：](?:\d{2}))?\s*+分?\s*+(?P<ampm>[AaPp]\.?[Mm]\.?)?"
)
AFTERNOON = ("下午", "晚上", "中午")
# Lengths: 1:02:03, 47:13, 1小时2分钟3秒, 47分钟, 47m 13s, 1h 2m, 47 min.
CLOCK_LENGTH = re.compile(r"(?<![\d:])(?:(\d{1,3}):)?(\d{1,2}):(\d{2})(?![\d:])")
UNIT_LENGTH = re.compile(
    r"(\d{1,4})\s*+(小时|小時|个小时|hours?|hrs?|h|分钟|分鐘|分|minutes?|mins?|m|秒钟|秒|seconds?|secs?|s)(?![A-Za-z])",
    re.IGNORECASE,
)
UNIT_SECONDS = {"h": 3600, "m": 60, "s": 1}
# What a line that only dates a recording holds besides the date: times, lengths, weekdays,
# separators (`Thu, Jun 12, 2025 10:02AM • 47:13`, `2025年6月12日 下午 2:03|47分钟 13秒`).
DATE_LINE_FILLER = re.compile(
    r"\d{1,2}:\d{2}(?::\d{2})?|\d{1,4}\s*+(?:小时|小時|分钟|分鐘|分|秒|hours?|hrs?|minutes?|mins?|"
    r"seconds?|secs?|h|m|s)(?![A-Za-z])|[AaPp]\.?[Mm]\.?(?![A-Za-z])|上午|早上|凌晨|中午|下午|晚上|"
    r"星期[一二三四五六日天]|周[一二三四五六日天]|时长|時長|录音时长|duration|length|monday|"
    r"tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|"
    r"[|｜丨•·,，、\-–—/()（）:：\s]",
    re.IGNORECASE,
)
DATE_LINE_MAX_CHARS = 80
# A date in a file name: 2025-06-12_周会, 2025_06_12, or 20250612 at the start.
FILE_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})[-_.](?P<m>\d{2})[-_.](?P<d>\d{2})(?!\d)"
    r"|^(?P<y2>(?:19|20)\d{2})(?P<m2>\d{2})(?P<d2>\d{2})(?![\d])"
)


def _timestamp(y: int, m: int, d: int, rest: str) -> pd.Timestamp:
    hour = minute = 0
    clock = CLOCK.match(rest[:40])
    if clock:
        hour, minute = int(clock["H"]), int(clock["M"])
        pm = (clock["ampm"] or "").lower().startswith("p") or clock["half"] in AFTERNOON
        am = (clock["ampm"] or "").lower().startswith("a")
        if pm and hour < 12:
            hour += 12
        elif am and hour == 12:
            hour = 0
    try:
        return pd.Timestamp(year=y, month=m, day=d, hour=hour, minute=minute)
    except ValueError:
        try:  # an impossible time is dropped before the date is
            return pd.Timestamp(year=y, month=m, day=d)
        except ValueError:
            return pd.NaT


def find_date(text: str) -> tuple[pd.Timestamp, int, int] | None:
    """The first date in the text with its time, and where the date stands; None if none."""
    match = DATE.search(text)
    if match:
        stamp = _timestamp(int(match["y"]), int(match["m"]), int(match["d"]), text[match.end() :])
        return stamp, match.start(), match.end()
    for match in EN_DATE.finditer(text):
        month = MONTHS.get((match["mon"] or match["mon2"] or "").lower())
        if month is None:
            continue
        day, year = int(match["d"] or match["d2"]), int(match["y"] or match["y2"])
        return _timestamp(year, month, day, text[match.end() :]), match.start(), match.end()
    return None


def parse_date(text: str) -> pd.Timestamp:
    """The first date (and time) written in the text, or NaT."""
    found = find_date(text)
    return found[0] if found else pd.NaT


def parse_length(text: str) -> float | None:
    """Seconds of a length such as `47:13`, `1:02:03`, `1小时2分钟3秒` or `47m 13s`; None if none."""
    total, found = 0.0, False
    for amount, unit in UNIT_LENGTH.findall(text):
        key = unit.lower()
        key = "h" if key[0] in "h小个" else "m" if key[0] in "m分" else "s"
        total += int(amount) * UNIT_SECONDS[key]
        found = True
    if found:
        return total
    clock = CLOCK_LENGTH.search(text)
    if not clock:
        return None
    hours, minutes, seconds = int(clock.group(1) or 0), int(clock.group(2)), int(clock.group(3))
    if seconds >= 60 or (clock.group(1) and minutes >= 60):
        return None
    return float(hours * 3600 + minutes * 60 + seconds)


def date_line(text: str) -> tuple[pd.Timestamp, float | None] | None:
    """(date, recording length) when the line only dates a recording (`Thu, Jun 12, 2025
    10:02AM • 47:13`, `2025年6月12日 下午 2:03|47分钟 13秒`); None for any other line."""
    if len(text) > DATE_LINE_MAX_CHARS:
        return None
    found = find_date(text)
    if not found or pd.isna(found[0]):
        return None
    stamp, start, end = found
    rest = text[:start] + " " + text[end:]
    if DATE_LINE_FILLER.sub("", rest).strip():
        return None
    # The length stands after a separator; the clock time right after the date is no length.
    after = text[end:]
    cut = max(after.rfind(mark) for mark in "|｜•丨·")
    length = parse_length(after[cut + 1 :]) if cut >= 0 else None
    return stamp, length


def file_name_date(stem: str) -> pd.Timestamp:
    """The date a file name starts with or holds between separators (`2025-06-12_周会`)."""
    match = FILE_DATE.search(stem)
    if not match:
        return pd.NaT
    y, m, d = (match["y"], match["m"], match["d"]) if match["y"] else match.group("y2", "m2", "d2")
    try:
        return pd.Timestamp(year=int(y), month=int(m), day=int(d))
    except ValueError:
        return pd.NaT


def title_date(title: str) -> pd.Timestamp:
    """A full date (year, month and day) written in a title, or NaT: `产品周会 2025-06-12`."""
    found = find_date(title)
    return found[0] if found else pd.NaT
