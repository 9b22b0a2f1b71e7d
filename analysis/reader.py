"""Reading a corpus of WeChat interview articles into the articles, turns and editorial tables.

The pipeline for one file is a row of small steps:
decode bytes -> split title and header -> find the transcript -> walk its lines into turns
-> resolve speakers -> tables. Problems become rows of `problems`, never exceptions,
so one bad file never costs the others.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath, PureWindowsPath

import pandas as pd

from analysis import schema as s
from analysis.config import ConfigError, SpeakerConfig, load_speakers, name_key, titled_name
from analysis.decode import UnreadableFile, decode_bytes
from analysis.labels import (
    COLON,
    NO_COLON,
    PLAIN_TEXT,
    QUESTION,
    Label,
    could_be_name,
    find_label,
    infer_roles,
    looks_like_person,
    resolve_label,
)
from analysis.markup import (
    clean_inline,
    count_chars,
    fold,
    is_caption,
    is_editor_note,
    is_image_line,
    is_rule,
    join_wrapped,
    strip_stage_directions,
)
from analysis.parallel import parallel_map, worker_count

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
# Used only when even config/speakers.toml cannot be read.
FALLBACK_SPEAKERS = SpeakerConfig(
    prefixes=(
        ("现场提问者", s.AUDIENCE),
        ("主持人", s.HOST),
        ("嘉宾", s.GUEST),
        ("观众", s.AUDIENCE),
    )
)

HEADER = re.compile(
    r"^\s*(?P<key>文章作者|作者|公众号|公眾號|来源|來源|发布时间|發布時間|發佈時間|发布日期|發布日期|"
    r"日期|时间|時間|发布地点|发布地|發布地|地点|地點|原文链接|原文連結|原文地址|封面图链接|封面)"
    r"\s*[:：]\s*(?P<value>.*)$"
)
HEADER_FIELDS = {
    "文章作者": s.ACCOUNT,
    "作者": s.ACCOUNT,
    "公众号": s.ACCOUNT,
    "公眾號": s.ACCOUNT,
    "来源": s.ACCOUNT,
    "來源": s.ACCOUNT,
    "发布时间": s.PUBLISHED,
    "發布時間": s.PUBLISHED,
    "發佈時間": s.PUBLISHED,
    "发布日期": s.PUBLISHED,
    "發布日期": s.PUBLISHED,
    "日期": s.PUBLISHED,
    "时间": s.PUBLISHED,
    "時間": s.PUBLISHED,
    "发布地点": s.PLACE,
    "发布地": s.PLACE,
    "發布地": s.PLACE,
    "地点": s.PLACE,
    "地點": s.PLACE,
    "原文链接": s.URL,
    "原文連結": s.URL,
    "原文地址": s.URL,
}
HEADING = re.compile(r"^\s*(#{1,6})\s*(.*?)\s*#*\s*$")
DATE = re.compile(
    r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:\s*(?P<H>\d{1,2})[:：时](?P<M>\d{2})?)?"
)

# A short line that announces the transcript (`# 文稿整理`, `**完整文字版：**`).
START_MARKER = re.compile(
    r"^(以下为|以下是|下面是|以下)?"
    r"(文稿整理|对话全文|完整文字版|文字版|全文实录|对话实录|访谈实录|访谈全文|演讲全文|采访全文|"
    r"演讲实录|全文如下|完整对话|对话原文|对话内容|访谈内容|实录|全文|正文|transcript|fulltranscript)"
    r"(如下|经编辑整理|经整理|有删减|节选)?$"
)
# A short line after which nothing is transcript any more.
END_MARKER = re.compile(
    r"^(往期回顾|往期精选|往期推荐|往期文章|推荐阅读|相关阅读|延伸阅读|精彩回顾|热门推荐|"
    r"历史文章|end|theend)$"
)
# Lines of the account's own furniture (follow prompts, credits, contact details).
FOOTER = re.compile(
    r"关注公众号|关注我们|点击关注|欢迎关注|长按关注|一键关注|设为星标|设🌟标|星标|点赞|在看|"
    r"扫码|二维码|原文链接|视频链接|原视频|"
    r"素材来源|资料来源|联系负责人|商务合作|未经许可|转载|阅读原文|点击蓝字|喜欢就"
)
FOOTER_MAX_CHARS = 80
PLAIN_NAME_MAX = 12  # a recurring plain `名字：` longer than this is more likely a phrase
MARKER_MAX_CHARS = 15


def _marker_key(text: str) -> str:
    return re.sub(r"[^\w]+", "", fold(clean_inline(text)))


def is_start_marker(line: str) -> bool:
    key = _marker_key(HEADING.sub(r"\2", line))
    return 0 < len(key) <= MARKER_MAX_CHARS and bool(START_MARKER.match(key))


def is_end_marker(line: str) -> bool:
    key = _marker_key(HEADING.sub(r"\2", line))
    return 0 < len(key) <= MARKER_MAX_CHARS and bool(END_MARKER.match(key))


def is_footer_line(line: str) -> bool:
    text = clean_inline(line)
    return len(text) <= FOOTER_MAX_CHARS and bool(FOOTER.search(text))


def is_decoration(line: str) -> bool:
    """Lines with no letter or digit at all (emoji rows, stray `****`)."""
    return not any(ch.isalnum() for ch in clean_inline(line))


@dataclass
class Corpus:
    """The tables read from a corpus; columns as documented in `analysis.schema`."""

    articles: pd.DataFrame
    turns: pd.DataFrame
    editorial: pd.DataFrame
    problems: pd.DataFrame


@dataclass
class ParsedArticle:
    meta: dict
    turns: list[dict] = field(default_factory=list)
    editorial: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


Source = tuple[str, bytes]


# ---------------------------------------------------------------- header


def split_header(lines: list[str], fallback_title: str) -> tuple[dict, int, list[str]]:
    """Title and header fields, the index where the body starts, and notes on what was missing."""
    notes: list[str] = []
    meta = {s.TITLE: "", s.ACCOUNT: "", s.PUBLISHED: pd.NaT, s.PLACE: "", s.URL: ""}
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i < len(lines) and re.match(r"^\s*#\s+\S", lines[i]) and not is_end_marker(lines[i]):
        meta[s.TITLE] = clean_inline(HEADING.sub(r"\2", lines[i]))
        i += 1
    if not meta[s.TITLE]:
        meta[s.TITLE] = fallback_title
        notes.append("it has no '# title' line, so the file name is used as the title")
    found = 0
    j = i
    non_blank_seen = 0
    while j < len(lines) and non_blank_seen < 12:
        line = lines[j]
        if not line.strip():
            j += 1
            continue
        match = HEADER.match(clean_inline(line))
        if not match:
            break
        non_blank_seen += 1
        column = HEADER_FIELDS.get(match.group("key"))
        value = match.group("value").strip()
        if column == s.URL:
            value = re.sub(r"\s+", "", line.split(match.group("key"), 1)[1].lstrip(" :："))
        if column and not (column == s.ACCOUNT and meta[s.ACCOUNT]):
            meta[column] = value
        found += 1
        j += 1
    if found:
        i = j
    else:
        notes.append(
            "it has no header lines (文章作者:, 发布时间: …), so account and date are unknown"
        )
    raw_date = meta[s.PUBLISHED]
    meta[s.PUBLISHED] = parse_date(raw_date) if isinstance(raw_date, str) else pd.NaT
    if isinstance(raw_date, str) and raw_date and pd.isna(meta[s.PUBLISHED]):
        notes.append(f"its publish time {raw_date[:40]!r} is not a date we understand")
    return meta, i, notes


def parse_date(text: str) -> pd.Timestamp:
    match = DATE.search(text)
    if not match:
        return pd.NaT
    try:
        return pd.Timestamp(
            year=int(match["y"]),
            month=int(match["m"]),
            day=int(match["d"]),
            hour=int(match["H"] or 0),
            minute=int(match["M"] or 0),
        )
    except ValueError:
        return pd.NaT


# ---------------------------------------------------------------- transcript


def accepted_labels(lines: list[str], config: SpeakerConfig) -> dict[int, Label]:
    """Which lines open a turn: known names, recurring names, or full personal names."""
    candidates = {i: label for i, line in enumerate(lines) if (label := find_label(line))}
    # 黄仁勋（以下简称黄） announces that a later 黄 is the same person.
    full_names = {name_key(lb.short): lb.name for lb in candidates.values() if lb.short}
    candidates = {
        i: replace(lb, name=full_names.get(name_key(lb.name), lb.name))
        for i, lb in candidates.items()
    }
    # 英伟达CEO黄仁勋 once, then 黄仁勋: a title before a name used elsewhere is that person.
    plain_names = {name_key(lb.name): lb.name for lb in candidates.values()}
    for i, label in candidates.items():
        other = titled_name(name_key(label.name), plain_names)
        if other:
            candidates[i] = replace(label, name=plain_names[other])
    bold_counts = Counter(name_key(lb.name) for lb in candidates.values() if lb.form == COLON)
    plain_counts = Counter(name_key(lb.name) for lb in candidates.values() if lb.form == PLAIN_TEXT)
    by_name: dict[str, object] = {}
    for label in candidates.values():
        if label.name not in by_name:
            by_name[label.name] = resolve_label(label.name, config)
    resolved = {i: by_name[lb.name] for i, lb in candidates.items()}
    # 嘉宾张三 makes a later bare 张三 a known name in this article.
    named = {name_key(r.speaker) for r in resolved.values() if r and r.prefix_role}

    def known(i: int, label: Label) -> bool:
        return resolved[i] is not None or name_key(label.name) in named

    def plain_established(i: int, label: Label) -> bool:
        count = plain_counts[name_key(label.name)]
        return known(i, label) or (could_be_name(label.name) and count >= 3)

    # An article whose plain `名字：` labels are established (a known name, or one recurring
    # often) writes all its labels that way, so a short name that recurs joins them.
    plain_style = any(
        label.form == PLAIN_TEXT and plain_established(i, label) for i, label in candidates.items()
    )
    accepted: dict[int, Label] = {}
    for i, label in candidates.items():
        key = name_key(label.name)
        if label.form == COLON:
            ok = known(i, label) or bold_counts[key] >= 2 or looks_like_person(label.name)
        elif label.form == NO_COLON:
            ok = known(i, label) or bold_counts[key] >= 1
        else:
            ok = plain_established(i, label) or (
                plain_style
                and plain_counts[key] >= 2
                and len(label.name) <= PLAIN_NAME_MAX
                and could_be_name(label.name)
            )
        if ok:
            accepted[i] = label
    return accepted


def transcript_start(lines: list[str], labels: dict[int, Label]) -> int | None:
    """Index of the first label, after the marker that announces the transcript if there is one."""
    if not labels:
        return None
    markers = [i for i, line in enumerate(lines) if is_start_marker(line)]
    floor = next((m for m in markers if any(i > m for i in labels)), -1)
    first = min(i for i in labels if i > floor)
    # A `##` heading right above the first label (blank or image lines between) names the
    # transcript's first section, so the transcript starts there.
    above = first - 1
    while above > floor and (
        not lines[above].strip() or is_image_line(lines[above]) or is_decoration(lines[above])
    ):
        above -= 1
    if above > floor and HEADING.match(lines[above]) and not is_start_marker(lines[above]):
        return above
    return first


class _TurnBuilder:
    """Collects paragraphs into turns while walking the transcript's lines."""

    def __init__(self) -> None:
        self.turns: list[dict] = []
        self.paragraph: list[str] = []

    def start(self, label: Label, section: str) -> None:
        self.flush()
        self.turns.append({"label": label.name, s.SECTION: section, "paragraphs": []})

    def add_line(self, line: str) -> None:
        if self.turns:
            self.paragraph.append(strip_stage_directions(clean_inline(line)))

    def flush(self) -> None:
        if self.turns and self.paragraph:
            text = join_wrapped(self.paragraph)
            if text:
                self.turns[-1]["paragraphs"].append(text)
        self.paragraph = []


def walk_transcript(lines: list[str], labels: dict[int, Label], start: int) -> list[dict]:
    """Turn the transcript's lines into raw turns (label, section, paragraphs)."""
    builder = _TurnBuilder()
    section = ""
    in_footer = False
    for i in range(start, len(lines)):
        line = lines[i]
        if i in labels:
            in_footer = False
            builder.start(labels[i], section)
            if clean_inline(labels[i].rest):
                builder.add_line(labels[i].rest)
            continue
        if (
            not line.strip()
            or is_image_line(line)
            or is_decoration(line)
            or is_caption(line)
            or is_editor_note(line)
        ):
            builder.flush()
            continue
        if is_end_marker(line):
            break
        if is_rule(line) or is_footer_line(line):
            builder.flush()
            in_footer = True
            continue
        heading = HEADING.match(line)
        if heading:
            builder.flush()
            section = clean_inline(heading.group(2))
            continue
        if not in_footer:
            builder.add_line(line)
    builder.flush()
    return builder.turns


def editorial_blocks(lines: list[str]) -> list[str]:
    """The editor's paragraphs before the transcript, without images and follow prompts."""
    blocks: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        text = join_wrapped(paragraph)
        if text:
            blocks.append(text)
        paragraph.clear()

    for line in lines:
        if (
            not line.strip()
            or is_image_line(line)
            or is_rule(line)
            or is_decoration(line)
            or is_caption(line)
        ):
            flush()
        elif is_footer_line(line):
            flush()
        elif HEADING.match(line):
            flush()
            paragraph.append(clean_inline(HEADING.match(line).group(2)))
            flush()
        else:
            paragraph.append(clean_inline(line))
    flush()
    return blocks


# ---------------------------------------------------------------- speakers


def resolve_speakers(raw_turns: list[dict], config: SpeakerConfig) -> list[dict]:
    """Canonical speaker and role for each raw turn; merges a speaker's consecutive turns."""
    resolved = {}
    for turn in raw_turns:
        name = turn["label"]
        if name not in resolved:
            resolved[name] = resolve_label(name, config)
    # A host named once with the prefix (主持人Melissa Koide) is the bare 主持人 of that article.
    named_by_prefix: dict[str, set[str]] = {}
    for r in resolved.values():
        if r and r.prefix_role:
            named_by_prefix.setdefault(r.prefix_role, set()).add(r.speaker)
    # Unknown names that differ only in width, case or spacing are one person.
    first_form: dict[str, str] = {}
    speakers, roles, known = [], {}, set()
    for name, r in resolved.items():
        if r is None:
            speaker = first_form.setdefault(name_key(name), name)
            roles.setdefault(speaker, s.OTHER)
        else:
            speaker, role = r.speaker, r.role
            named = named_by_prefix.get(r.role, set())
            if r.bare_prefix and len(named) == 1:
                speaker = next(iter(named))
            roles.setdefault(speaker, role)
            known.add(speaker)
        resolved[name] = speaker
        if speaker not in speakers:
            speakers.append(speaker)

    turns: list[dict] = []
    for turn in raw_turns:
        text = "\n".join(turn["paragraphs"]).strip()
        if not text:
            continue
        speaker = resolved[turn["label"]]
        previous = turns[-1] if turns else None
        if previous and previous[s.SPEAKER] == speaker and previous[s.SECTION] == turn[s.SECTION]:
            previous[s.TEXT] += "\n" + text
            continue
        turns.append({s.SPEAKER: speaker, s.SECTION: turn[s.SECTION], s.TEXT: text})

    chars = Counter()
    asked = Counter()
    count = Counter()
    for turn in turns:
        chars[turn[s.SPEAKER]] += count_chars(turn[s.TEXT])
        count[turn[s.SPEAKER]] += 1
        asked[turn[s.SPEAKER]] += bool(QUESTION.search(turn[s.TEXT]))
    share = {name: asked[name] / count[name] for name in count}
    roles = infer_roles([t for t in speakers if t in count], roles, known, chars, share)
    for number, turn in enumerate(turns, start=1):
        turn[s.TURN] = number
        turn[s.ROLE] = roles.get(turn[s.SPEAKER], s.OTHER)
        turn[s.CHARS] = count_chars(turn[s.TEXT])
    return turns


# ---------------------------------------------------------------- one article


def parse_article(text: str, file_name: str, config: SpeakerConfig) -> ParsedArticle:
    """Everything one article holds: metadata, speech turns, and the editor's text."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    stem = PurePosixPath(file_name).stem or file_name
    meta, body_start, notes = split_header(lines, stem)
    body = lines[body_start:]
    labels = accepted_labels(body, config)
    start = transcript_start(body, labels)
    parsed = ParsedArticle(meta=meta, notes=notes)
    if start is None:
        parsed.notes.append(
            "no speaker labels were found (like **主持人：** or **Sam Altman：**), so its text "
            "is kept as the editor's text and counts for no speaker"
        )
        parsed.editorial = editorial_blocks(_until_end(body))
        return parsed
    parsed.editorial = editorial_blocks(body[:start])
    parsed.turns = resolve_speakers(walk_transcript(body, labels, start), config)
    if not parsed.turns:
        parsed.notes.append("its speaker labels have no speech after them")
    return parsed


def _until_end(lines: list[str]) -> list[str]:
    for i, line in enumerate(lines):
        if is_end_marker(line):
            return lines[:i]
    return lines


# ---------------------------------------------------------------- corpus


def safe_file_name(name: str) -> str:
    """The bare file name, whatever folders (`../`, `C:\\`) an upload puts in front of it."""
    bare = PureWindowsPath(PurePosixPath(str(name)).name).name
    return bare.strip() or "unnamed.txt"


def article_id_for(file_name: str, taken: set[str]) -> str:
    stem = PurePosixPath(file_name).stem
    base = re.sub(r"[^\w-]+", "_", stem, flags=re.UNICODE).strip("_")[:80] or "article"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def read_folder(folder: str | Path) -> tuple[list[Source], list[dict]]:
    """The text files of a folder as (name, bytes), and problems for what could not be opened."""
    folder = Path(folder)
    if not folder.is_dir():
        return [], [_problem(str(folder), s.ERROR, "this folder does not exist")]
    sources, problems = [], []
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.suffix.lower() not in TEXT_SUFFIXES:
            continue
        try:
            sources.append((path.name, path.read_bytes()))
        except OSError as error:
            problems.append(_problem(path.name, s.ERROR, f"could not be opened ({error.strerror})"))
    if not sources and not problems:
        problems.append(_problem(str(folder), s.ERROR, "this folder has no .txt or .md files"))
    return sources, problems


def _problem(file_name: str, level: str, message: str) -> dict:
    return {s.FILE_NAME: file_name, s.LEVEL: level, s.MESSAGE: message}


PARALLEL_MIN_BYTES = 2_000_000  # below this, worker start-up costs more than it saves
MAX_FILE_BYTES = 20 * 1024 * 1024  # the dashboard's upload limit, for folders too


def _decode_and_parse(source: Source, config: SpeakerConfig):
    """One file to (decoded, parsed), or a message saying why it can't be read."""
    raw_name, data = source
    if len(data) > MAX_FILE_BYTES:
        size = len(data) / 1024 / 1024
        return f"it is too large ({size:.1f} MB; the limit is {MAX_FILE_BYTES // 1024 // 1024} MB)"
    try:
        decoded = decode_bytes(data)
    except UnreadableFile as error:
        return str(error)
    try:
        return decoded, parse_article(decoded.text, safe_file_name(raw_name), config)
    except RecursionError:  # defensive: never let one file stop the rest
        return "its layout is too deeply nested"


def parse_all(sources: list[Source], config: SpeakerConfig) -> list:
    """Decode and parse every file; large corpora use spawned worker processes."""
    if worker_count() < 2 or sum(len(data) for _, data in sources) < PARALLEL_MIN_BYTES:
        return [_decode_and_parse(source, config) for source in sources]
    return parallel_map(_decode_and_parse, sources, [config] * len(sources), chunksize=16)


def speakers_or_defaults(path: str | Path | None = None) -> tuple[SpeakerConfig, list[dict]]:
    """The speakers file; if it is broken, the defaults and a problem naming file and line."""
    try:
        return load_speakers(path), []
    except ConfigError as error:
        problem = _problem(str(path or "speakers.toml"), s.WARNING, f"{error}; using the defaults")
    try:
        return load_speakers(), [problem]
    except ConfigError:
        # The shipped file itself is broken: generic rules still find prefixed roles.
        return FALLBACK_SPEAKERS, [problem]


def read_corpus(
    source: str | Path | Iterable[Source],
    speakers: SpeakerConfig | str | Path | None = None,
) -> Corpus:
    """Read a folder, or (file name, bytes) pairs as an upload gives them, into tables."""
    if isinstance(speakers, SpeakerConfig):
        config, problems = speakers, []
    else:
        config, problems = speakers_or_defaults(speakers)
    if isinstance(source, str | Path):
        sources, folder_problems = read_folder(source)
        problems.extend(folder_problems)
    else:
        sources = list(source)

    articles, turns, editorial = [], [], []
    taken: set[str] = set()
    for (raw_name, _), outcome in zip(sources, parse_all(sources, config), strict=True):
        file_name = safe_file_name(raw_name)
        if isinstance(outcome, str):
            problems.append(_problem(file_name, s.ERROR, f"skipped: {outcome}"))
            continue
        decoded, parsed = outcome
        article_id = article_id_for(file_name, taken)
        if article_id != PurePosixPath(file_name).stem:
            problems.append(
                _problem(file_name, s.WARNING, f"its id is {article_id!r} (name made unique/safe)")
            )
        for note in (*decoded.notes, *parsed.notes):
            problems.append(_problem(file_name, s.WARNING, note))
        for turn in parsed.turns:
            turns.append({s.ARTICLE_ID: article_id, **turn})
        for number, block in enumerate(parsed.editorial, start=1):
            editorial.append(
                {
                    s.ARTICLE_ID: article_id,
                    s.BLOCK: number,
                    s.TEXT: block,
                    s.CHARS: count_chars(block),
                }
            )
        articles.append(
            {
                s.ARTICLE_ID: article_id,
                s.FILE_NAME: file_name,
                **parsed.meta,
                s.N_TURNS: len(parsed.turns),
                s.N_SPEAKERS: len({t[s.SPEAKER] for t in parsed.turns}),
                s.SPEECH_CHARS: sum(t[s.CHARS] for t in parsed.turns),
                s.EDITORIAL_CHARS: sum(count_chars(b) for b in parsed.editorial),
            }
        )
    return Corpus(
        articles=_frame(articles, s.ARTICLES),
        turns=_frame(turns, s.TURNS),
        editorial=_frame(editorial, s.EDITORIAL),
        problems=_frame(problems, s.PROBLEMS),
    )


def _frame(rows: list[dict], table: s.Table) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=table.names)
    if s.PUBLISHED in frame:
        frame[s.PUBLISHED] = pd.to_datetime(frame[s.PUBLISHED])
    for column in (
        s.TURN,
        s.CHARS,
        s.BLOCK,
        s.N_TURNS,
        s.N_SPEAKERS,
        s.SPEECH_CHARS,
        s.EDITORIAL_CHARS,
    ):
        if column in frame:
            frame[column] = frame[column].astype("int64")
    return frame
