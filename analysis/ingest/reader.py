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
from analysis.ingest.decode import UnreadableFile, decode_file
from analysis.ingest.labels import (
    COLON,
    NO_COLON,
    PLAIN_TEXT,
    QUESTION,
    SPEAKER_TAG,
    STAMPED,
    WHOLE_BOLD,
    Label,
    Resolved,
    could_be_name,
    find_label,
    infer_roles,
    looks_like_person,
    person_name,
    resolve_label,
)
from analysis.ingest.markup import (
    NOTE_OPENERS,
    STAGE_DIRECTION,
    clean_inline,
    count_chars,
    fold,
    is_caption,
    is_editor_note,
    is_image_line,
    is_rule,
    is_stage_direction,
    join_wrapped,
    split_editor_notes,
)
from analysis.parallel import parallel_map, worker_count

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".docx")
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
    r"^\s*+(?P<key>文章作者|作者|公众号|公眾號|来源|來源|发布时间|發布時間|發佈時間|发布日期|發布日期|"
    r"日期|时间|時間|发布地点|发布地|發布地|地点|地點|原文链接|原文連結|原文地址|封面图链接|封面)"
    r"\s*+[:：]\s*+(?P<value>.*)$"
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


def heading_text(line: str) -> str | None:
    r"""The text of a `#`–`######` heading line (closing `#`s dropped), or None.

    Plain string code: the pattern `^\s*(#{1,6})\s*(.*?)\s*#*\s*$` was cubic on `#x`,
    thousands of spaces and `y`.
    """
    text = line.strip()
    if not text.startswith("#"):
        return None
    hashes = len(text) - len(text.lstrip("#"))
    return text[min(hashes, 6) :].strip().rstrip("#").rstrip()


def _unheaded(line: str) -> str:
    text = heading_text(line)
    return line if text is None else text


DATE = re.compile(
    r"(?P<y>\d{4})\s*+[-/.年]\s*+(?P<m>\d{1,2})\s*+[-/.月]\s*+(?P<d>\d{1,2})\s*+日?"
    r"(?:\s*+(?P<H>\d{1,2})[:：时](?P<M>\d{2})?)?"
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
    key = _marker_key(_unheaded(line))
    return 0 < len(key) <= MARKER_MAX_CHARS and bool(START_MARKER.match(key))


def is_end_marker(line: str) -> bool:
    key = _marker_key(_unheaded(line))
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
    editorial_kinds: list[str] = field(default_factory=list)  # beside `editorial`, one each
    non_speech: list[tuple[str, str]] = field(default_factory=list)  # (reason, text)
    labels: dict = field(default_factory=dict)  # line index -> Label, for the reading report
    cast: object = None  # the Cast the article declares
    role_sources: dict = field(default_factory=dict)  # speaker -> how the role was found
    label_speakers: dict = field(default_factory=dict)  # label as written -> speaker

    def set_editorial(self, blocks: list[tuple[str, str]]) -> None:
        self.editorial_kinds = [kind for kind, _ in blocks]
        self.editorial = [text for _, text in blocks]


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
        meta[s.TITLE] = clean_inline(_unheaded(lines[i]))
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


# ---------------------------------------------------------------- who is who


# A line that names the people rather than speaking: 主持人：王芳, 嘉宾：江屿、李华, 对话｜江屿.
ROSTER = re.compile(
    r"^(?:本期|本场|本場|本次|对话|對話|访谈|訪談)?(?P<role>主持人|主持|主播|嘉宾|嘉賓|受访者|受訪者|"
    r"受访人|受訪人|采访对象|採訪對象|对话|對話|专访|專訪|采访者|採訪者|采访|採訪|记者|記者|提问|提問|"
    r"host|hosts|guests?|moderator|interviewer|interviewee|panelists?)"
    r"\s*+[:：｜|丨]\s*+(?P<names>.+)$",
    re.IGNORECASE,
)
ROSTER_ROLES = {
    "主持人": s.HOST,
    "主持": s.HOST,
    "主播": s.HOST,
    "采访者": s.HOST,
    "採訪者": s.HOST,
    "采访": s.HOST,
    "採訪": s.HOST,
    "记者": s.HOST,
    "記者": s.HOST,
    "提问": s.HOST,
    "提問": s.HOST,
    "host": s.HOST,
    "hosts": s.HOST,
    "moderator": s.HOST,
    "interviewer": s.HOST,
}
ROSTER_MAX_CHARS = 80
# A match starts only at the first of several spaces (look-behind), so a run is scanned once.
NAME_LIST_SEPARATOR = re.compile(r"(?<!\s)\s*+(?:[、，,；;/／&＆]|和|与|及|\band\b)\s*+")
# Where an introduction or title names the guest: 本期嘉宾是江屿, 我们采访了李明, 对话江屿：…
GUEST_PHRASE = re.compile(
    r"(?:本期嘉[宾賓]|[对對][话話]嘉[宾賓]|[访訪][谈談]嘉[宾賓]|嘉[宾賓]|受[访訪]者|[采採][访訪]了|"
    r"[专專][访訪]了|[对對][话話]了|[访訪][谈談]了|[请請]到了|邀[请請]到了|邀[请請]了|[请請]来了|[請]來了)\s*+(?:是|为)?\s*+[:：｜|丨]?\s*+(?P<phrase>[^，,。；;！!？?：:（(、｜|\n]{1,30})"
)
# A title that opens with the guest: 对话江屿：…, 专访｜镜湖科技创始人江屿.
TITLE_GUEST = re.compile(
    r"^(?:独家|獨家)?(?:[对對][话話]|[专專][访訪]|[访訪][谈談])\s*+[:：｜|丨]?\s*+(?P<phrase>[^，,。；;！!？?：:（(、｜|丨—-]{1,30})"
)
# A short form announced in running text: 江屿（以下简称“江”）, 江屿（下称"江"）, 江屿（简称：江）.
SHORT_FORM_IN_TEXT = re.compile(
    r"[（(]\s*+(?:以下)?(?:[简簡]称|[简簡]稱|下[称稱])\s*+[:：为]?\s*+[“\"'「『‘]?(?P<short>[^”\"'」』’）)，,。；;：:\s]{1,10})"
    r"[”\"'」』’]?\s*+[）)]|以下[简簡][称稱]\s*+[“\"'「『‘]?(?P<bare>[^”\"'」』’）)，,。；;：:\s]{1,4})"
)
# Latin words at the end of a text: a match starts only at a word's start (look-behind).
LATIN_TAIL = re.compile(r"(?<![A-Za-z'’.-])[A-Z][A-Za-z'’.-]*+(?: [A-Z][A-Za-z'’.-]*+){0,3}$")


@dataclass
class Cast:
    """Who the article says takes part, from its title, introduction and roster lines."""

    hosts: dict[str, str] = field(default_factory=dict)  # name_key -> name
    guests: dict[str, str] = field(default_factory=dict)
    short_forms: dict[str, str] = field(default_factory=dict)  # name_key(short) -> full name
    roster_lines: set[int] = field(default_factory=set)

    def role_of(self, name: str) -> str | None:
        key = name_key(name)
        if key in self.hosts:
            return s.HOST
        if key in self.guests:
            return s.GUEST
        return None

    def only(self, role: str) -> str | None:
        """The one person of that role the article names, if it names exactly one."""
        named = self.hosts if role == s.HOST else self.guests if role == s.GUEST else {}
        return next(iter(named.values())) if len(named) == 1 else None


def _name_list(text: str) -> list[str] | None:
    """The people a roster line lists, or None when any part is not a name."""
    names = []
    for part in NAME_LIST_SEPARATOR.split(text.strip()):
        if not part:
            continue
        name = person_name(part)
        if not name:
            return None
        names.append(name)
    return names or None


def roster_entry(line: str, config: SpeakerConfig) -> tuple[str, list[str]] | None:
    """(role, names) when the line only names people: 主持人：王芳, 嘉宾：江屿、李华."""
    text = clean_inline(line)
    if len(text) > ROSTER_MAX_CHARS or not any(mark in text for mark in ":：｜|丨"):
        return None
    match = ROSTER.match(text)
    if not match:
        return None
    names = _name_list(match.group("names"))
    if not names:
        return None
    word = match.group("role").casefold()
    role = ROSTER_ROLES.get(word)
    if role is None:
        prefixed = resolve_label(word, config)
        role = prefixed.role if prefixed and prefixed.bare_prefix else s.GUEST
    return role, names


def _name_before(text: str, end: int, short: str) -> str | None:
    """The full name just before a short-form note: 镜湖科技创始人江屿（以下简称“江”）."""
    before = clean_inline(text[max(0, end - 40) : end]).rstrip(" ，,、：:")
    latin = LATIN_TAIL.search(before)
    if latin:
        return person_name(latin.group())
    tail = re.sub(r"^.*[^\u4e00-\u9fff·]", "", before)  # the last run of Han characters
    at = tail.rfind(short[:1]) if short else -1
    if at >= 0 and 2 <= len(tail) - at <= 4:
        return tail[at:]
    return person_name(tail[-4:]) or person_name(tail[-3:]) or person_name(tail[-2:])


def find_cast(lines: list[str], config: SpeakerConfig) -> Cast:
    """Roster lines and announced short forms, anywhere in the article."""
    cast = Cast()
    for i, line in enumerate(lines):
        entry = roster_entry(line, config)
        if entry:
            role, names = entry
            cast.roster_lines.add(i)
            target = cast.hosts if role == s.HOST else cast.guests
            for name in names:
                target.setdefault(name_key(name), name)
        if any(word in line for word in ("简称", "簡稱", "下称", "下稱")):
            for match in SHORT_FORM_IN_TEXT.finditer(line):
                short = (match.group("short") or match.group("bare") or "").strip()
                full = _name_before(line, match.start(), short)
                if short and full and name_key(short) != name_key(full):
                    cast.short_forms.setdefault(name_key(short), full)
    return cast


def add_named_guests(cast: Cast, title: str, intro: list[str]) -> None:
    """Guests the title or introduction names (对话江屿：…, 我们采访了李明)."""
    phrases = [m.group("phrase") for m in [TITLE_GUEST.match(clean_inline(title))] if m]
    for text in (title, *intro):
        if any(word in text for word in ("嘉宾", "嘉賓", "受访", "受訪", "了")):
            phrases += [m.group("phrase") for m in GUEST_PHRASE.finditer(clean_inline(text))]
    for phrase in phrases:
        name = person_name(phrase)
        if name and name_key(name) not in cast.hosts:
            cast.guests.setdefault(name_key(name), name)


# ---------------------------------------------------------------- transcript


STAMPED_RECURRING = 2  # a name beside a time stamp is a label when it recurs


def accepted_labels(
    lines: list[str], config: SpeakerConfig, cast: Cast | None = None
) -> dict[int, Label]:
    """Which lines open a turn: known names, recurring names, or full personal names."""
    cast = cast or Cast()
    candidates = {i: label for i, line in enumerate(lines) if (label := find_label(line))}
    # 黄仁勋（以下简称黄） announces that a later 黄 is the same person.
    full_names = dict(cast.short_forms)
    full_names.update({name_key(lb.short): lb.name for lb in candidates.values() if lb.short})
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
    by_name: dict[str, Resolved | None] = {}
    for label in candidates.values():
        if label.name not in by_name:
            by_name[label.name] = resolve_label(label.name, config)
    # 主持人（王芳）names the host: the label is 主持人王芳.
    for i, label in candidates.items():
        resolved = by_name[label.name]
        if label.note and resolved and resolved.bare_prefix and person_name(label.note):
            name = label.name + " " + person_name(label.note)
            by_name.setdefault(name, resolve_label(name, config))
            candidates[i] = replace(label, name=name)
    bold_counts = Counter(
        name_key(lb.name) for lb in candidates.values() if lb.form in (COLON, WHOLE_BOLD)
    )
    plain_counts = Counter(name_key(lb.name) for lb in candidates.values() if lb.form == PLAIN_TEXT)
    stamped_counts = Counter(name_key(lb.name) for lb in candidates.values() if lb.stamp_text)
    resolved = {i: by_name[lb.name] for i, lb in candidates.items()}
    # 嘉宾张三 makes a later bare 张三 a known name in this article; so does a roster line.
    named = {name_key(r.speaker) for r in resolved.values() if r and r.prefix_role}
    named |= set(cast.hosts) | set(cast.guests)
    named |= {name_key(full) for full in cast.short_forms.values()}

    def known(i: int, label: Label) -> bool:
        return resolved[i] is not None or name_key(label.name) in named

    def plain_established(i: int, label: Label) -> bool:
        count = plain_counts[name_key(label.name)]
        return known(i, label) or (could_be_name(label.name) and count >= 3)

    def stamped_ok(i: int, label: Label) -> bool:
        # Chapter lists (`00:00 开场`) put a stamp before a phrase once; speakers recur.
        return (
            known(i, label)
            or bool(SPEAKER_TAG.match(label.name))
            or (
                could_be_name(label.name)
                and stamped_counts[name_key(label.name)] >= STAMPED_RECURRING
            )
        )

    # An article whose plain `名字：` labels are established (a known name, or one recurring
    # often) writes all its labels that way, so a short name that recurs joins them.
    plain_style = any(
        label.form == PLAIN_TEXT and plain_established(i, label) for i, label in candidates.items()
    )
    accepted: dict[int, Label] = {}
    whole_bold: dict[int, Label] = {}
    for i, label in candidates.items():
        key = name_key(label.name)
        if label.form == WHOLE_BOLD:
            whole_bold[i] = label
            continue
        if label.stamp_text and stamped_ok(i, label):
            ok = True
        elif label.form == STAMPED:
            ok = False
        elif label.form == COLON:
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
    _drop_roster_lines(accepted, cast, lines)
    accepted.update(_once_stamped(lines, candidates, accepted))
    accepted.update(_once_named(candidates, accepted))
    if accepted and whole_bold:
        accepted.update(_questioner_lines(lines, accepted, whole_bold, resolved))
    return dict(sorted(accepted.items()))


ONCE_STAMPED_NAME_MAX = 12


def _once_stamped(
    lines: list[str], candidates: dict[int, Label], accepted: dict[int, Label]
) -> dict[int, Label]:
    """A name stamped only once (a guest who speaks once), inside a transcript whose stamped
    labels are established in the same layout, when speech follows it. A chapter list
    (`00:00 开场`, one per line) stands before the transcript and has no speech below."""
    layouts = Counter(lb.stamp_at for lb in accepted.values() if lb.stamp_text)
    if not layouts:
        return {}
    first = min(i for i, lb in accepted.items() if lb.stamp_text)
    found = {}
    for i, label in candidates.items():
        if i in accepted or i < first or layouts[label.stamp_at] < STAMPED_RECURRING:
            continue
        if not label.stamp_text or len(label.name) > ONCE_STAMPED_NAME_MAX:
            continue
        if not could_be_name(label.name):
            continue
        below = next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None)
        if label.rest.strip() or (below is not None and below not in candidates):
            found[i] = label
    return found


def _once_named(candidates: dict[int, Label], accepted: dict[int, Label]) -> dict[int, Label]:
    """A person's name used once as a label (a panelist or questioner who speaks once), in a
    transcript whose labels are established: 李四：…, **王五：**, **王五**：…."""
    if len(accepted) < 2:
        return {}
    first = min(accepted)
    return {
        i: label
        for i, label in candidates.items()
        if i > first
        and i not in accepted
        and label.form in (COLON, PLAIN_TEXT)
        and person_name(label.name) == label.name
    }


def _drop_roster_lines(accepted: dict[int, Label], cast: Cast, lines: list[str]) -> None:
    """Roster lines (主持人：王芳) in the introduction or after a divider name people; they
    are not turns."""
    if not cast.roster_lines:
        return
    speech = sorted(i for i in accepted if i not in cast.roster_lines)
    first = speech[0] if speech else len(lines)
    rule_above = -1
    for i in range(len(lines)):
        if is_rule(lines[i]):
            rule_above = i
        if i not in accepted:
            continue
        if i in cast.roster_lines:
            neighbours = {i - 1, i + 1, i - 2, i + 2} & cast.roster_lines
            if i < first or rule_above >= 0 or neighbours:
                del accepted[i]
        else:
            rule_above = -1


def _questioner_lines(
    lines: list[str],
    accepted: dict[int, Label],
    whole_bold: dict[int, Label],
    resolved: dict[int, Resolved | None],
) -> dict[int, Label]:
    """Whole bold lines by the questioner inside the transcript: questions however they end."""
    questioners = {
        name_key(label.name)
        for i, label in accepted.items()
        if label.style == "bold_question" or (resolved[i] and resolved[i].role == s.HOST)
    }
    questioners |= {
        name_key(label.name)
        for i, label in whole_bold.items()
        if resolved[i] and resolved[i].role == s.HOST
    }
    first = min(accepted)
    # The line just above the first label (blank lines between) opens the transcript too.
    above = first - 1
    while above >= 0 and not lines[above].strip():
        above -= 1
    return {
        i: label
        for i, label in whole_bold.items()
        if name_key(label.name) in questioners and i >= above
    }


def transcript_start(lines: list[str], labels: dict[int, Label]) -> int | None:
    """Index of the first label, after the marker that announces the transcript if there is one."""
    if not labels:
        return None
    last_label = max(labels)
    floor = next((i for i, line in enumerate(lines[:last_label]) if is_start_marker(line)), -1)
    first = min(i for i in labels if i > floor)
    # A `##` heading right above the first label (blank or image lines between) names the
    # transcript's first section, so the transcript starts there.
    above = first - 1
    while above > floor and (
        not lines[above].strip() or is_image_line(lines[above]) or is_decoration(lines[above])
    ):
        above -= 1
    if above > floor and heading_text(lines[above]) is not None:
        if not is_start_marker(lines[above]):
            return above
    return first


# Why a line inside the transcript is not speech; the first three go to the editorial table.
CAPTION, EDITOR_NOTE, CREDITS = "caption", "editor_note", "credits"
STAGE, FOOTER_LINE, IMAGE = "stage_direction", "footer", "image"
INTRO = "intro"
EDITORIAL_KINDS = (INTRO, CAPTION, EDITOR_NOTE, CREDITS)
# Production credits and show notes: 监制：…, 剪辑｜…, 本期嘉宾：…, 时间轴.
CREDIT_LINE = re.compile(
    r"^(?:本期|本集|节目|節目)?(?:[监監][制製]|[制製]片人?|出品人?|[制製]作人?|剪[辑輯]|后期|後製|混音|"
    r"[录錄]音|音[频頻]|[视視][频頻]|[摄攝][像影]|策[划劃]|[统統]筹|[统統]籌|[编編][辑輯]|[责責][编編]|"
    r"[责責]任[编編][辑輯]|文字[编編][辑輯]|文字整理|整理|撰文|文字|排版|[设設][计計]|美[编編]|校[对對]|"
    r"[运運][营營]|封面|配[乐樂]|音[乐樂]|[声聲]音[设設][计計]|特别[鸣鳴][谢謝]|特別[鸣鳴][谢謝]|[鸣鳴][谢謝]|"
    r"嘉[宾賓]|主播|主持人?|shownotes|show notes|[时時][间間]轴|[时時][间間]軸|本期[节節]目)"
    r"\s*+(?:[:：｜|丨/]|$)",
    re.IGNORECASE,
)
CAPTION_UNDER_IMAGE_MAX = 30
SENTENCE_END = "。！？!?…；;，,：:"


def is_credit_line(line: str) -> bool:
    text = clean_inline(line)
    return len(text) <= ROSTER_MAX_CHARS and bool(CREDIT_LINE.match(text))


def _picture_name(line: str) -> bool:
    """A short line with no sentence ending right under an image names the picture."""
    text = clean_inline(line)
    return 0 < len(text) <= CAPTION_UNDER_IMAGE_MAX and text[-1] not in SENTENCE_END


class _TurnBuilder:
    """Collects paragraphs into turns while walking the transcript's lines."""

    def __init__(self) -> None:
        self.turns: list[dict] = []
        self.paragraph: list[str] = []
        self.non_speech: list[tuple[str, str]] = []  # (reason, text) in order

    def start(self, label: Label, section: str) -> None:
        self.flush()
        self.turns.append(
            {
                "label": label.name,
                "style": label.style,
                "stamp": label.stamp,
                "stamp_text": label.stamp_text,
                s.SECTION: section,
                "paragraphs": [],
            }
        )

    def add_line(self, line: str) -> None:
        if not self.turns:
            return
        text = clean_inline(line)
        if "笑" in text or "掌" in text or any(ch in text for ch in NOTE_OPENERS):
            for direction in STAGE_DIRECTION.findall(text):
                self.skip(STAGE, direction)
            text, notes = split_editor_notes(STAGE_DIRECTION.sub("", text))
            for note in notes:
                self.skip(EDITOR_NOTE, note)
        self.paragraph.append(text.strip())

    def skip(self, reason: str, text: str) -> None:
        text = clean_inline(text).strip()
        if text:
            self.non_speech.append((reason, text))

    def flush(self) -> None:
        if self.turns and self.paragraph:
            text = join_wrapped(self.paragraph)
            if text:
                self.turns[-1]["paragraphs"].append(text)
        self.paragraph = []


def walk_transcript(
    lines: list[str], labels: dict[int, Label], start: int
) -> tuple[list[dict], list[tuple[str, str]]]:
    """The transcript's lines as raw turns (label, section, paragraphs), and the lines that
    were not speech with the reason."""
    builder = _TurnBuilder()
    section = ""
    in_footer = False
    show_notes = False  # a divider followed by credits: the block is the editor's
    block_lines: list[int] = []  # this footer block's plain lines, by place in non_speech
    under_image = False
    last_label = max(labels, default=-1)
    for i in range(start, len(lines)):
        line = lines[i]
        if i in labels:
            in_footer = show_notes = under_image = False
            builder.start(labels[i], section)
            if clean_inline(labels[i].rest):
                builder.add_line(labels[i].rest)
            continue
        if not line.strip():
            builder.flush()
            continue
        if is_image_line(line):
            builder.flush()
            under_image = True
            continue
        was_under_image, under_image = under_image, False
        if is_rule(line):  # before decoration: `* * *` has no letters either
            builder.flush()
            in_footer, show_notes, block_lines = True, False, []
            continue
        if is_decoration(line):
            builder.flush()
            continue
        if is_end_marker(line):
            builder.skip(FOOTER_LINE, line)
            break
        if is_caption(line) or (was_under_image and _picture_name(line)):
            builder.flush()
            builder.skip(CAPTION, line)
            continue
        if is_editor_note(line):
            builder.flush()
            builder.skip(EDITOR_NOTE, line)
            continue
        if is_stage_direction(line):
            builder.flush()
            builder.skip(STAGE, line)
            continue
        if is_credit_line(line):
            builder.flush()
            if in_footer and not show_notes:
                # Credits make the block show notes, the lines above them in it included.
                for n in block_lines:
                    builder.non_speech[n] = (CREDITS, builder.non_speech[n][1])
            builder.skip(CREDITS, line)
            show_notes = show_notes or in_footer
            in_footer = True
            continue
        if is_footer_line(line):
            builder.flush()
            builder.skip(FOOTER_LINE, line)
            in_footer = True
            continue
        heading = heading_text(line)
        # After a divider, a heading with labels below it opens the next section.
        if heading is not None and (not in_footer or (i < last_label and not show_notes)):
            builder.flush()
            section = clean_inline(heading)
            in_footer = False
            continue
        if in_footer:
            block_lines.append(len(builder.non_speech))
            builder.skip(CREDITS if show_notes else FOOTER_LINE, _unheaded(line))
            continue
        builder.add_line(line)
    builder.flush()
    return builder.turns, builder.non_speech


def editorial_blocks(lines: list[str]) -> list[tuple[str, str]]:
    """The editor's paragraphs before the transcript as (kind, text), without images and
    follow prompts; captions and notes among them keep their own kind."""
    blocks: list[tuple[str, str]] = []
    paragraph: list[str] = []

    def flush() -> None:
        text = join_wrapped(paragraph)
        if text:
            blocks.append((INTRO, text))
        paragraph.clear()

    for line in lines:
        if not line.strip() or is_image_line(line) or is_rule(line) or is_decoration(line):
            flush()
        elif is_caption(line):
            flush()
            blocks.append((CAPTION, clean_inline(line)))
        elif is_footer_line(line):
            flush()
        elif (heading := heading_text(line)) is not None:
            flush()
            paragraph.append(clean_inline(heading))
            flush()
        else:
            paragraph.append(clean_inline(line))
    flush()
    return blocks


# ---------------------------------------------------------------- speakers


ASKING_STYLES = ("bold_question", "bold_whole")
# A section of the audience's questions: ## 观众提问, ## 现场问答, ## Q&A.
AUDIENCE_SECTION = re.compile(
    r"[观觀]众|[听聽]众|[现現]场提[问問]|提[问問][环環][节節]|[问問]答[环環][节節]|互[动動][环環][节節]|"
    r"\bQ\s*&\s*A\b|audience",
    re.IGNORECASE,
)


# How a speaker's role was found, for the reading report.
BY_CONFIG, BY_PREFIX, BY_ARTICLE, BY_CONVERSATION = (
    "the speakers file",
    "a role word in the label",
    "the article's own words (roster line, introduction or title)",
    "the conversation (who asks and who answers)",
)


def resolve_speakers(
    raw_turns: list[dict],
    config: SpeakerConfig,
    cast: Cast | None = None,
    names_out: dict[str, str] | None = None,
) -> tuple[list[dict], list[str], dict[str, str]]:
    """Canonical speaker and role for each raw turn, merging a speaker's consecutive turns;
    notes on time stamps that could not be used; and how each speaker's role was found.
    `names_out`, when given, receives each label as written -> its speaker."""
    cast = cast or Cast()
    resolved: dict[str, object] = {}
    for turn in raw_turns:
        name = turn["label"]
        if name not in resolved:
            resolved[name] = resolve_label(name, config)
    # A host named once with the prefix (主持人Melissa Koide) is the bare 主持人 of that
    # article; so is the one host a roster line or the introduction names (问 → 王芳).
    named_by_prefix: dict[str, dict[str, str]] = {}
    for r in resolved.values():
        if r and r.prefix_role:
            named_by_prefix.setdefault(r.prefix_role, {})[name_key(r.speaker)] = r.speaker
    for role in (s.HOST, s.GUEST):
        named = named_by_prefix.get(role, {})
        declared = cast.only(role)
        if declared and (not named or set(named) == {name_key(declared)}):
            named_by_prefix[role] = {name_key(declared): declared}
    # Unknown names that differ only in width, case or spacing are one person.
    first_form: dict[str, str] = {}
    speakers, roles, known, sources = [], {}, set(), {}
    for name, r in resolved.items():
        if r is None:
            speaker = first_form.setdefault(name_key(name), name)
            declared_role = cast.role_of(speaker)
            roles.setdefault(speaker, declared_role or s.OTHER)
            if declared_role:
                known.add(speaker)
                sources.setdefault(speaker, BY_ARTICLE)
        else:
            speaker, role = r.speaker, r.role
            named = named_by_prefix.get(r.role, {})
            if r.bare_prefix and len(named) == 1:
                speaker = next(iter(named.values()))
            roles.setdefault(speaker, role)
            known.add(speaker)
            sources.setdefault(speaker, BY_CONFIG if config.lookup(name) else BY_PREFIX)
        resolved[name] = speaker
        if speaker not in speakers:
            speakers.append(speaker)

    if names_out is not None:
        names_out.update(resolved)
    turns: list[dict] = []
    asking = Counter()
    for turn in raw_turns:
        text = "\n".join(turn["paragraphs"]).strip()
        if not text:
            continue
        speaker = resolved[turn["label"]]
        previous = turns[-1] if turns else None
        if previous and previous[s.SPEAKER] == speaker and previous[s.SECTION] == turn[s.SECTION]:
            previous[s.TEXT] += "\n" + text
            continue
        asks = turn["style"] in ASKING_STYLES or bool(QUESTION.search(text))
        asking[speaker] += asks
        turns.append(
            {
                s.SPEAKER: speaker,
                s.SECTION: turn[s.SECTION],
                s.TEXT: text,
                "stamp": turn["stamp"],
                "stamp_text": turn["stamp_text"],
            }
        )

    count = Counter(turn[s.SPEAKER] for turn in turns)
    first_turn: dict[str, int] = {}
    for number, turn in enumerate(turns, start=1):
        first_turn.setdefault(turn[s.SPEAKER], number)
    share = {name: asking[name] / count[name] for name in count}
    audience_section = next(
        (n for n, turn in enumerate(turns, 1) if AUDIENCE_SECTION.search(turn[s.SECTION])), None
    )
    roles = infer_roles(
        [t for t in speakers if t in count], roles, known, share, first_turn, audience_section
    )
    notes = _time_turns(turns)
    for number, turn in enumerate(turns, start=1):
        turn[s.TURN] = number
        turn[s.ROLE] = roles.get(turn[s.SPEAKER], s.OTHER)
        turn[s.CHARS] = count_chars(turn[s.TEXT])
    sources = {name: sources.get(name, BY_CONVERSATION) for name in count}
    return turns, notes, sources


def _time_turns(turns: list[dict]) -> list[str]:
    """Start and duration (to the next stamp) of each turn; notes for stamps that can't be."""
    notes = []
    for turn in turns:
        stamp_text, stamp = turn.pop("stamp_text"), turn.pop("stamp")
        if stamp_text and stamp is None:
            notes.append(
                f"the time stamp {stamp_text!r} of {turn[s.SPEAKER]} is not a possible time; "
                "that turn has no start time"
            )
        turn[s.START_SECONDS] = stamp
        turn[s.DURATION_SECONDS] = None
    timed = [turn for turn in turns if turn[s.START_SECONDS] is not None]
    for turn, following in zip(timed, timed[1:], strict=False):
        gap = following[s.START_SECONDS] - turn[s.START_SECONDS]
        if gap < 0:
            notes.append(
                f"the time stamps go backwards at {following[s.SPEAKER]} "
                f"({_clock(following[s.START_SECONDS])} after {_clock(turn[s.START_SECONDS])}); "
                "the turn before has no duration"
            )
            continue
        turn[s.DURATION_SECONDS] = gap
    return notes


def _clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


# ---------------------------------------------------------------- one article


def parse_article(text: str, file_name: str, config: SpeakerConfig) -> ParsedArticle:
    """Everything one article holds: metadata, speech turns, and the editor's text."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    stem = PurePosixPath(file_name).stem or file_name
    meta, body_start, notes = split_header(lines, stem)
    body = lines[body_start:]
    cast = find_cast(body, config)
    labels = accepted_labels(body, config, cast)
    start = transcript_start(body, labels)
    parsed = ParsedArticle(meta=meta, notes=notes)
    if start is None:
        parsed.notes.append(
            "no speaker labels were found (like **主持人：** or **Sam Altman：**), so its text "
            "is kept as the editor's text and counts for no speaker"
        )
        parsed.set_editorial(editorial_blocks(_until_end(body)))
        return parsed
    add_named_guests(cast, meta[s.TITLE], [clean_inline(line) for line in body[:start]])
    raw_turns, non_speech = walk_transcript(body, labels, start)
    parsed.turns, time_notes, parsed.role_sources = resolve_speakers(
        raw_turns, config, cast, parsed.label_speakers
    )
    parsed.notes.extend(time_notes)
    blocks = editorial_blocks(body[:start])
    blocks += [(reason, text) for reason, text in non_speech if reason in EDITORIAL_KINDS]
    parsed.set_editorial(blocks)
    parsed.non_speech = non_speech
    parsed.labels = {i: labels[i] for i in labels if i >= start}
    parsed.cast = cast
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
        problems.append(
            _problem(str(folder), s.ERROR, "this folder has no .txt, .md or .docx files")
        )
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
        decoded = decode_file(safe_file_name(raw_name), data)
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
        kinds = parsed.editorial_kinds or [INTRO] * len(parsed.editorial)
        for number, (block, kind) in enumerate(zip(parsed.editorial, kinds, strict=True), 1):
            editorial.append(
                {
                    s.ARTICLE_ID: article_id,
                    s.BLOCK: number,
                    s.TEXT: block,
                    s.CHARS: count_chars(block),
                    s.KIND: kind,
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
    for column in (s.START_SECONDS, s.DURATION_SECONDS):
        if column in frame:
            frame[column] = frame[column].astype("float64")
    return frame
