"""Caption files as meeting tools export them: WebVTT (.vtt, Teams, Zoom, YouTube) and SubRip (.srt).

A cue is an optional id, a timing line (`00:01:02.500 --> 00:01:05.000`, settings after it)
and its text. Who speaks is a voice tag (`<v Li Wei>`, Teams), or a prefix on the text
(`Li Wei: …`, `李伟：…`, `[Li Wei] …`, Zoom and hand-made files); a prefix counts only when
it names someone across the file (it recurs, is a known or full personal name, or a speaker
tag), so `Note: …` or `[Music]` never becomes a person. A cue without a speaker continues
the speaker before it.

Written by hand, not with webvtt-py or srt: both stop at (or silently skip) a broken block,
while a caption file with a missing arrow, times that go backwards or a stray line must still
give every readable cue, and say what it could not read. One pass over the lines, patterns
bounded to a line: a file of 100,000 cues reads in linear time.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field

from analysis.ingest.labels import SPEAKER_TAG, could_be_name, looks_like_person
from analysis.ingest.markup import INVISIBLE, STAGE_DIRECTION, join_wrapped

CAPTION_SUFFIXES = (".vtt", ".srt")
# 01:02:03.456, 02:03.456, 01:02:03,456 (SubRip), 1:02:03 (a fraction is optional here).
TIME = re.compile(r"^(?:(\d{1,3}):)?([0-5]?\d):([0-5]\d)(?:[.,](\d{1,3}))?$")
ARROW = "-->"
VOICE = re.compile(r"<v(?:\.[^\s>]{0,50})*+\s++([^<>]{1,60})>", re.IGNORECASE)
TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,200}>|<\d{1,2}:\d{2}[^<>\n]{0,20}>")
# A speaker prefix on a cue's text: `Li Wei: …`, `李伟：…`, `>> Li Wei: …`, `- Li Wei: …`.
PREFIX = re.compile(r"^(?:>>\s*+|-\s++)?(?P<name>[^:：\[\]<>\n]{1,40}?)\s*+[:：]\s*+(?P<rest>.*)$")
BRACKET_PREFIX = re.compile(r"^(?:>>\s*+)?\[(?P<name>[^\[\]\n]{1,40})\]\s*+[:：]?\s*+(?P<rest>.*)$")
# Sounds, not speakers: [Music], [Applause], (laughter), ♪ … ♪, [音乐], [掌声].
SOUND_WORDS = frozenset(
    "music applause laughter laughs laughing cheering cheers silence inaudible crosstalk noise "
    "background blank_audio blankaudio musicplaying upbeatmusic 音乐 掌声 笑声 笑 背景音乐 背景音 "
    "静音 听不清 鼓掌 欢呼".split()
)
LATIN_NAME_WORD = re.compile(r"^[A-Z][A-Za-z'’.-]*+$")
PREFIX_RECURRING = 2
ROLLING_BRIDGE = 0.05  # seconds: a cue this short repeating the line above only bridges
MAX_NOTES_PER_KIND = 3


@dataclass
class Cue:
    start: float | None
    end: float | None
    text: str  # the spoken text, tags and the speaker prefix removed
    speaker: str = ""  # from a voice tag or an accepted prefix; "" when none
    line: int = 0  # the line of the cue's text, from 1
    style: str = ""  # how the speaker was written: voice, prefix, bracket


@dataclass
class Captions:
    title: str = ""
    header: list[str] = field(default_factory=list)  # header lines after WEBVTT (Kind: …)
    notes_text: list[str] = field(default_factory=list)  # NOTE blocks' text
    cues: list[Cue] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    sounds: list[str] = field(default_factory=list)  # [Music], (applause)


def is_caption_file(file_name: str, text: str) -> bool:
    """A .vtt or .srt file by name, or any file that opens with the WebVTT signature."""
    return file_name.lower().endswith(CAPTION_SUFFIXES) or text.lstrip("\ufeff").startswith(
        "WEBVTT"
    )


def parse_time(text: str) -> float | None:
    match = TIME.match(text.strip())
    if not match:
        return None
    hours, minutes, seconds, fraction = match.groups()
    value = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    return value + (int(fraction.ljust(3, "0")) / 1000 if fraction else 0.0)


def _timing(line: str) -> tuple[float | None, float | None] | None:
    """(start, end) of a timing line; None when it is no timing line at all. A side that
    can't be read is None."""
    if ARROW not in line:
        return None
    left, _, right = line.partition(ARROW)
    start = parse_time(left.strip().split(" ")[-1] if left.strip() else "")
    end_token = right.strip().split()
    end = parse_time(end_token[0]) if end_token else None
    return start, end


def _clean(text: str) -> str:
    text = INVISIBLE.sub("", text)
    if "<" in text:
        text = TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.split())


class _Notes:
    """Problems of one kind said a few times, then counted."""

    def __init__(self) -> None:
        self.said: Counter = Counter()
        self.lines: list[str] = []

    def add(self, kind: str, message: str) -> None:
        self.said[kind] += 1
        if self.said[kind] <= MAX_NOTES_PER_KIND:
            self.lines.append(message)

    def finish(self, descriptions: dict[str, str]) -> list[str]:
        more = [
            f"… and {n - MAX_NOTES_PER_KIND} more {descriptions[kind]}"
            for kind, n in self.said.items()
            if n > MAX_NOTES_PER_KIND
        ]
        return self.lines + more


def _blocks(lines: list[str]):
    """(first line number, lines) of each block between blank lines."""
    block: list[str] = []
    first = 0
    for number, line in enumerate(lines, start=1):
        if line.strip():
            if not block:
                first = number
            block.append(line.rstrip())
        elif line and block and ARROW in block[-1]:
            continue  # YouTube writes a line of spaces between a cue's timing and its text
        elif block:
            yield first, block
            block = []
    if block:
        yield first, block


def read_captions(text: str, file_name: str = "") -> Captions:
    """Every readable cue of a .vtt or .srt file, and a note for each part that isn't."""
    found = Captions()
    notes = _Notes()
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    vtt = file_name.lower().endswith(".vtt") or lines[0].strip().startswith("WEBVTT")
    blocks = _blocks(lines)
    if vtt:
        first = next(blocks, None)
        if first is None:
            return found
        number, block = first
        if block[0].startswith("WEBVTT"):
            found.title = block[0][len("WEBVTT") :].strip(" \t-–—:").strip()
            found.header = [line.strip() for line in block[1:] if ARROW not in line]
            if any(ARROW in line for line in block[1:]):  # a cue right under the signature
                blocks = _chain([(number + 1, block[1:])], blocks)
        else:
            notes.add("header", "it has no WEBVTT line at the top; its cues are read anyway")
            blocks = _chain([first], blocks)
    previous_start = None
    previous_line = ""
    for number, block in blocks:
        head = block[0].strip()
        if vtt and (head == "NOTE" or head.startswith(("NOTE ", "NOTE\t"))):
            note = " ".join([head[4:].strip(), *(line.strip() for line in block[1:])]).strip()
            if note:
                found.notes_text.append(note)
            continue
        if vtt and head in ("STYLE", "REGION"):
            continue
        at = next((k for k, line in enumerate(block[:3]) if ARROW in line), None)
        if at is None:
            at = next((k for k, line in enumerate(block[:3]) if _arrowless(line)), None)
            if at is not None:
                notes.add(
                    "arrow",
                    f"the timing at line {number + at} has no arrow ('-->'); it was read as "
                    "start and end",
                )
                start_text, end_text = block[at].split()[:2]
                block = [*block[:at], f"{start_text} {ARROW} {end_text}", *block[at + 1 :]]
        if at is None:
            payload = [_clean(line) for line in block]
            payload = [line for line in payload if line]
            if len(payload) == 1 and payload[0].isdigit():
                continue  # a cue number left without its cue
            words = join_wrapped(payload)
            if not words:
                continue
            if found.cues:
                found.cues[-1].text = join_wrapped([found.cues[-1].text, words])
                notes.add(
                    "timing",
                    f"the text at line {number} has no timing line ('-->'); it was added to the "
                    "cue before it",
                )
            else:
                found.cues.append(Cue(None, None, words, line=number))
                notes.add(
                    "timing",
                    f"the text at line {number} has no timing line ('-->'); it is kept without a "
                    "time",
                )
            continue
        start, end = _timing(block[at])
        if start is None or end is None:
            notes.add(
                "bad_time",
                f"the timing at line {number + at} ({block[at].strip()[:40]!r}) can't be read; "
                "its text is kept without a time",
            )
        elif end < start:
            notes.add(
                "backwards",
                f"the cue at line {number + at} ends before it starts; it has no duration",
            )
            end = None
        if start is not None and previous_start is not None and start < previous_start:
            notes.add(
                "order",
                f"the cue at line {number + at} starts before the cue above it; the times go "
                "backwards there",
            )
        if start is not None:
            previous_start = start
        raw = [line for line in block[at + 1 :] if line.strip()]
        voice = next((m for line in raw if (m := VOICE.search(line))), None)
        cleaned = [_clean(line) for line in raw]
        # Rolling captions (YouTube's) repeat the cue above's last line as their first, and
        # bridge two cues with a few milliseconds of that line alone: said once, read once.
        if cleaned and cleaned[0] == previous_line and previous_line:
            brief = start is not None and end is not None and end - start < ROLLING_BRIDGE
            if len(cleaned) > 1:
                cleaned = cleaned[1:]
            elif brief:
                cleaned = []
        previous_line = cleaned[-1] if cleaned else previous_line
        words = join_wrapped(cleaned)
        if not words and not voice:
            continue
        cue = Cue(start, end, words, line=number + at + 1)
        if voice:
            cue.speaker, cue.style = " ".join(voice.group(1).split()), "voice"
        found.cues.append(cue)
    _prefixes(found)
    _sounds(found)
    found.problems = notes.finish(
        {
            "header": "",
            "arrow": "timings without an arrow",
            "timing": "blocks without a timing line",
            "bad_time": "timings that can't be read",
            "backwards": "cues that end before they start",
            "order": "cues that start before the cue above them",
        }
    )
    return found


def _arrowless(line: str) -> bool:
    """Two times and nothing else: a timing line that lost its arrow."""
    tokens = line.split()
    return len(tokens) == 2 and all(parse_time(token) is not None for token in tokens)


def _chain(first, rest):
    yield from first
    yield from rest


def _prefix_of(text: str) -> tuple[str, str, str] | None:
    """(name, rest, style) of a speaker prefix the cue's text opens with."""
    match = BRACKET_PREFIX.match(text)
    style = "bracket"
    if not match:
        match, style = PREFIX.match(text), "prefix"
    if not match:
        return None
    name = " ".join(match.group("name").split())
    if not name or "  " in name or name.casefold().replace(" ", "") in SOUND_WORDS:
        return None
    return name, match.group("rest").strip(), style


def _name_like(name: str) -> bool:
    """Could be a person: a speaker tag, a full personal name, a short Han name, or up to four
    capitalised Latin words (not `So here's the thing`)."""
    if SPEAKER_TAG.match(name) or looks_like_person(name):
        return True
    if not could_be_name(name) or any(ch in name for ch in '，,。.!！?？;；"“”'):
        return False
    words = name.split()
    if all(ch.isascii() for ch in name):
        return 1 <= len(words) <= 4 and all(LATIN_NAME_WORD.match(w) for w in words)
    return len(name) <= 8 and len(words) <= 2


def _prefixes(found: Captions) -> None:
    """Speaker prefixes that name someone across the file become the cues' speakers."""
    voiced = {cue.speaker.casefold() for cue in found.cues if cue.speaker}
    prefixes = {}
    counts: Counter = Counter()
    for n, cue in enumerate(found.cues):
        prefix = _prefix_of(cue.text)
        if prefix and _name_like(prefix[0]):
            prefixes[n] = prefix
            counts[prefix[0].casefold()] += 1
    for n, (name, rest, style) in prefixes.items():
        cue = found.cues[n]
        key = name.casefold()
        if cue.speaker:
            if cue.speaker.casefold() == key:  # Teams writes both: <v Li Wei>Li Wei: …
                cue.text = rest
            continue
        if (
            counts[key] >= PREFIX_RECURRING
            or key in voiced
            or SPEAKER_TAG.match(name)
            or looks_like_person(name)
        ):
            cue.speaker, cue.text, cue.style = name, rest, style


def _sounds(found: Captions) -> None:
    """Sounds in brackets are not speech: whole cues of them, and inline ones."""
    for cue in found.cues:
        if "(" in cue.text or "[" in cue.text or "（" in cue.text or "【" in cue.text:
            found.sounds.extend(match.group().strip() for match in SOUND.finditer(cue.text))
            text = SOUND.sub("", cue.text)
            found.sounds.extend(direction.strip() for direction in STAGE_DIRECTION.findall(text))
            cue.text = " ".join(STAGE_DIRECTION.sub("", text).split())
        if cue.text.startswith("♪") or cue.text.endswith("♪"):
            found.sounds.append(cue.text)
            cue.text = ""


SOUND = re.compile(
    r"[\[(（【]\s*+(?:"
    + "|".join(sorted((re.escape(w) for w in SOUND_WORDS), key=len, reverse=True))
    + r")(?:\s++[a-z]{1,12}){0,2}\s*+[\])）】]",
    re.IGNORECASE,
)
