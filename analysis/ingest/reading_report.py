"""A reading report per file: how the reader understood it, so a misread file is obvious.

For each file: the label styles recognised, the speakers with their turns and roles (and how
each role was found), the lines that were not speech grouped by reason, and anything the
reader was unsure of. `python -m analysis inspect FILE` prints it; the dashboard can show
the same tables for each uploaded file.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from analysis import schema as s
from analysis.config import SpeakerConfig, name_key
from analysis.ingest.labels import PLAIN_TEXT, STAMP_STYLES, STYLES, could_be_name, find_label
from analysis.ingest.markup import clean_inline
from analysis.ingest.reader import (
    BY_CONVERSATION,
    CAPTIONS,
    LAYOUTS,
    SKIPPED,
    UNSUPPORTED_WORDS,
    ParsedArticle,
    decode_and_parse,
    is_end_marker,
    safe_file_name,
    speakers_or_defaults,
)

# Column names of the report's tables (they are not corpus tables, so they live here).
STYLE, DESCRIPTION, LABELS, EXAMPLE = "style", "description", "labels", "example"
ROLE_FROM, REASON = "role_from", "reason"
REASONS = {
    "caption": "picture caption or credit",
    "editor_note": "editor's or translator's note",
    "credits": "production credits or show notes",
    "stage_direction": "stage direction (笑, 掌声, [Music] …)",
    "footer": "the account's or tool's footer (follow prompts, link lists, END, Transcribed by …)",
    s.SUMMARY: "summary by the meeting tool or the editor (智能纪要, 会议总结, SUMMARY)",
    s.ACTION_ITEMS: "to-dos (待办, Action items)",
    s.CHAPTERS: "chapter list (章节速览, Chapters)",
    s.KEYWORDS: "keywords (关键词, KEYWORDS)",
    s.PULL_QUOTE: "pull quote repeating words spoken elsewhere",
    s.FOOTNOTE: "footnote",
}
MAX_UNSURE_LINES = 10


@dataclass
class ReadingReport:
    """How one file was read. Tables are empty (with their columns) when not applicable."""

    file_name: str
    error: str = ""  # why the file could not be read at all; empty when it was read
    status: str = s.READ  # read, no_speech, unsupported or unreadable (schema.FILE_STATUSES)
    title: str = ""
    layout: str = ""  # how the transcript was laid out: a key of reader.LAYOUTS
    label_styles: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=[STYLE, DESCRIPTION, LABELS, EXAMPLE])
    )
    speakers: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(
            columns=[s.SPEAKER, s.ROLE, s.TURNS_COUNT, s.CHARS, ROLE_FROM]
        )
    )
    non_speech: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=[REASON, DESCRIPTION, s.TEXT])
    )
    unsure: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        """The report in one line: what was read, by whom, and what was set aside."""
        if self.error:
            return f"{self.status}: {self.error}"
        if self.speakers.empty:
            return f"{self.status}: no speech found ({LAYOUTS.get(self.layout, self.layout)})"
        people = ", ".join(
            f"{row[s.SPEAKER]} ({row[s.ROLE]}) {row[s.TURNS_COUNT]}"
            for row in self.speakers.to_dict("records")
        )
        turns = int(self.speakers[s.TURNS_COUNT].sum())
        counts = self.non_speech[REASON].value_counts()
        aside = ", ".join(f"{reason} {counts[reason]}" for reason in REASONS if reason in counts)
        return (
            f"read as {LAYOUTS.get(self.layout, self.layout)}: {turns} turns by "
            f"{len(self.speakers)} speakers ({people}); not speech: {aside or 'nothing'}; "
            f"{len(self.unsure)} unsure"
        )


def reading_report(name: str, data: bytes, speakers: SpeakerConfig | None = None) -> ReadingReport:
    """Read one file as the dashboard would and say how it was understood."""
    config = speakers or speakers_or_defaults()[0]
    return report_of(safe_file_name(name), decode_and_parse((name, data), config))


def reading_reports(
    sources: list[tuple[str, bytes]], speakers: SpeakerConfig | None = None
) -> list[ReadingReport]:
    """A report for each (file name, bytes), as an upload gives them."""
    config = speakers or speakers_or_defaults()[0]
    return [reading_report(name, data, config) for name, data in sources]


def report_of(file_name: str, outcome) -> ReadingReport:
    """The report of one file from what the reader made of it: (decoded, parsed), or the
    reason it could not be read (as `reader.decode_and_parse` gives it)."""
    report = ReadingReport(file_name)
    if isinstance(outcome, str):
        report.error = outcome.removeprefix(SKIPPED)
        report.status = (
            s.UNSUPPORTED if report.error.startswith(UNSUPPORTED_WORDS) else s.UNREADABLE
        )
        return report
    decoded, parsed = outcome
    report.title = parsed.meta.get(s.TITLE, "")
    report.layout = parsed.layout
    report.status = s.READ if parsed.turns else s.NO_SPEECH
    report.unsure.extend(decoded.notes)
    report.unsure.extend(parsed.notes)
    body = parsed.body
    report.label_styles = _label_styles(parsed, body)
    report.speakers = _speakers(parsed)
    report.non_speech = _non_speech(parsed)
    report.unsure.extend(_renamed_labels(parsed, body))
    report.unsure.extend(
        f"the role of {speaker} ({role}) was inferred from the conversation"
        for speaker, role, source in report.speakers[[s.SPEAKER, s.ROLE, ROLE_FROM]].itertuples(
            index=False
        )
        if source == BY_CONVERSATION
    )
    report.unsure.extend(_lines_like_labels(parsed, body))
    return report


def _line(body: list[str], i: int) -> str:
    return body[i] if 0 <= i < len(body) else ""


def _label_styles(parsed: ParsedArticle, body: list[str]) -> pd.DataFrame:
    counts: Counter = Counter()
    examples: dict[str, str] = {}
    for i, label in parsed.labels.items():
        key = label.style + (f"+stamp_{label.stamp_at}" if label.stamp_at else "")
        counts[key] += 1
        written = find_label(_line(body, i))
        same = written is not None and written.style == label.style
        examples.setdefault(key, _as_written(written if same else label))
    rows = []
    for key, n in counts.most_common():
        style, _, stamp = key.partition("+stamp_")
        description = STYLES.get(style, style)
        if stamp and style != "stamped":
            description += ", " + STAMP_STYLES[stamp]
        elif style == "stamped" and stamp == "before":
            description = "time stamp and name on a line of their own (00:21:54 名字)"
        rows.append({STYLE: key, DESCRIPTION: description, LABELS: n, EXAMPLE: examples[key]})
    return pd.DataFrame(rows, columns=[STYLE, DESCRIPTION, LABELS, EXAMPLE])


def _as_written(label) -> str:
    """A label as the file writes it, without its speech: 主持人（王芳）, 陈屹 00:21:54."""
    text = label.name + (f"（{label.note}）" if label.note else "")
    if label.stamp_at == "before":
        return f"{label.stamp_text} {text}"
    if label.stamp_at == "after":
        return f"{text} {label.stamp_text}"
    return text


def _speakers(parsed: ParsedArticle) -> pd.DataFrame:
    rows: dict[str, dict] = {}
    for turn in parsed.turns:
        row = rows.setdefault(
            turn[s.SPEAKER],
            {
                s.SPEAKER: turn[s.SPEAKER],
                s.ROLE: turn[s.ROLE],
                s.TURNS_COUNT: 0,
                s.CHARS: 0,
                ROLE_FROM: parsed.role_sources.get(turn[s.SPEAKER], BY_CONVERSATION),
            },
        )
        row[s.TURNS_COUNT] += 1
        row[s.CHARS] += turn[s.CHARS]
    return pd.DataFrame(
        list(rows.values()), columns=[s.SPEAKER, s.ROLE, s.TURNS_COUNT, s.CHARS, ROLE_FROM]
    )


def _non_speech(parsed: ParsedArticle) -> pd.DataFrame:
    rows = [
        {REASON: reason, DESCRIPTION: REASONS.get(reason, reason), s.TEXT: text}
        for reason, text in parsed.non_speech
    ]
    frame = pd.DataFrame(rows, columns=[REASON, DESCRIPTION, s.TEXT])
    order = {reason: n for n, reason in enumerate(REASONS)}
    return frame.sort_values(
        REASON, key=lambda column: column.map(order), kind="stable", ignore_index=True
    )


def _renamed_labels(parsed: ParsedArticle, body: list[str]) -> list[str]:
    """Labels read as someone else: 答 → 杨春梅, 江 → 江屿, 主持人（王芳） → 王芳."""
    written_as: dict[str, list[str]] = {}
    for i, label in parsed.labels.items():
        written = find_label(_line(body, i))
        speaker = parsed.label_speakers.get(label.name)
        if not written or not speaker:
            continue
        # Numbered questions and answers (Q1, A2) are only numbered.
        bare = written.name.rstrip("0123456789 ")
        if name_key(speaker) in (name_key(written.name), name_key(bare)):
            continue
        names = written_as.setdefault(speaker, [])
        if bare not in names:
            names.append(bare)
    return [
        f"the label{'s' if len(names) > 1 else ''} {', '.join(repr(n) for n in names)} "
        f"{'are' if len(names) > 1 else 'is'} read as {speaker}"
        for speaker, names in written_as.items()
    ]


def _lines_like_labels(parsed: ParsedArticle, body: list[str]) -> list[str]:
    """Lines shaped like a label that were not taken as one (shown a few at a time)."""
    if not parsed.labels or parsed.layout == CAPTIONS:
        return []
    first = min(parsed.labels)
    not_speech = {text for _, text in parsed.non_speech}
    found = []
    for i in range(first, len(body)):
        if is_end_marker(body[i]):
            break  # nothing after the end is read
        if i in parsed.labels or clean_inline(body[i]) in not_speech:
            continue
        label = find_label(body[i])
        if not label:
            continue
        if label.form == PLAIN_TEXT and not (could_be_name(label.name) and len(label.name) <= 6):
            continue
        found.append(
            f"line {i + 1} of the text looks like a label ({label.name!r}) but was not read as one"
        )
    if len(found) > MAX_UNSURE_LINES:
        more = len(found) - MAX_UNSURE_LINES
        found = [*found[:MAX_UNSURE_LINES], f"… and {more} more such lines"]
    return found


def format_report(report: ReadingReport) -> str:
    """The report as plain text for the command line."""
    out = [f"== {report.file_name}"]
    if report.error:
        verdict = (
            "not read (unsupported)" if report.status == s.UNSUPPORTED else "could not be read"
        )
        return "\n".join([*out, f"{verdict}: {report.error}", ""])
    out.append(f"title: {report.title}")
    out.append(f"read as: {LAYOUTS.get(report.layout, report.layout)}")
    out.append(f"summary: {report.summary}")
    out.append("label styles:")
    if report.label_styles.empty:
        out.append("  (none recognised)")
    for row in report.label_styles.itertuples(index=False):
        out.append(
            f"  {getattr(row, LABELS):>4}  {getattr(row, DESCRIPTION)}, e.g. {getattr(row, EXAMPLE)}"
        )
    out.append("speakers:")
    for row in report.speakers.itertuples(index=False):
        out.append(
            f"  {getattr(row, s.SPEAKER)}: {getattr(row, s.TURNS_COUNT)} turns, "
            f"{getattr(row, s.CHARS)} characters, {getattr(row, s.ROLE)} "
            f"(role from {getattr(row, ROLE_FROM)})"
        )
    out.append("not speech:")
    if report.non_speech.empty:
        out.append("  (nothing)")
    for reason, group in report.non_speech.groupby(REASON, sort=False):
        out.append(f"  {REASONS.get(reason, reason)} ({len(group)}):")
        out.extend(f"    {text[:80]}" for text in group[s.TEXT])
    out.append("unsure:")
    out.extend(f"  {note}" for note in report.unsure or ["(nothing)"])
    out.append("")
    return "\n".join(out)
