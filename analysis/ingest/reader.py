"""Reading a corpus of WeChat interview articles into the articles, turns and editorial tables.

The pipeline for one file is a row of small steps:
decode bytes -> split title and header -> find the transcript -> walk its lines into turns
-> resolve speakers -> tables. Problems become rows of `problems`, never exceptions,
so one bad file never costs the others.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath, PureWindowsPath

import pandas as pd

from analysis import schema as s
from analysis.config import ConfigError, SpeakerConfig, load_speakers, titled_name
from analysis.config import name_key as _fold_name
from analysis.ingest.captions import CAPTION_SUFFIXES, is_caption_file, read_captions
from analysis.ingest.dates import (
    date_line,
    file_name_date,
    parse_date,
    parse_length,
    title_date,
)
from analysis.ingest.decode import UnreadableFile, decode_file
from analysis.ingest.frontmatter import read_front_matter
from analysis.ingest.labels import (
    COLON,
    LATIN_PERSON,
    NO_COLON,
    PLAIN_TEXT,
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
from analysis.ingest.qa import (
    GENERIC_ANSWERER,
    GENERIC_QUESTIONER,
    UNLABELLED_ANSWER,
    UNLABELLED_QUESTION,
    find_unlabelled_qa,
)
from analysis.ingest.sections import section_text, summary_sections
from analysis.parallel import parallel_map, worker_count

# Each label's name is folded ~8 times while labels are weighed (accepted_labels), which was
# a tenth of parsing; the folding is pure, so names are folded once.
name_key = functools.lru_cache(maxsize=1 << 16)(_fold_name)

# Every kind of file the reader takes, by extension: the one list the folder reader, the
# store's builder and the dashboard's uploader share.
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".docx", *CAPTION_SUFFIXES)
TEXT_SUFFIXES = ARTICLE_SUFFIXES  # the name callers used before captions were read
# Used only when even config/speakers.toml cannot be read.
FALLBACK_SPEAKERS = SpeakerConfig(
    prefixes=(
        ("现场提问者", s.AUDIENCE),
        ("主持人", s.HOST),
        ("嘉宾", s.GUEST),
        ("观众", s.AUDIENCE),
    )
)

# Header fields: a WeChat article's (文章作者:, 发布时间:), a meeting export's (会议主题：, 参会人：,
# 时长：) and an English or Notion export's (Date:, Participants:, Author:, Source:).
HEADER = re.compile(
    r"^\s*+(?P<key>文章作者|作者|公众号|公眾號|来源|來源|发布时间|發布時間|發佈時間|发布日期|發布日期|"
    r"会议主题|會議主題|会议名称|會議名稱|会议标题|會議標題|主题|主題|标题|標題|"
    r"会议时间|會議時間|会议日期|會議日期|开会时间|录制时间|錄製時間|开始时间|開始時間|创建时间|"
    r"日期|时间|時間|发布地点|发布地|發布地|地点|地點|原文链接|原文連結|原文地址|封面图链接|封面|"
    r"参会人员|參會人員|参会人|參會人|参会者|与会人员|與會人員|与会人|与会者|參與者|参与人|参与者|"
    r"出席人员|出席人|会议时长|會議時長|录音时长|錄音時長|录制时长|音频时长|时长|時長|"
    r"组织者|發起人|发起人|创建人|記錄人|记录人|"
    r"title|subject|meeting|date|created|published|recorded|time|participants|attendees|"
    r"speakers|duration|length|authors?|source|original url|url|link|tags|site)"
    r"\s*+[:：]\s*+(?P<value>.*)$",
    re.IGNORECASE,
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
    **dict.fromkeys(
        "会议主题 會議主題 会议名称 會議名稱 会议标题 會議標題 主题 主題 标题 標題 title subject "
        "meeting".split(),
        s.TITLE,
    ),
    **dict.fromkeys(
        "会议时间 會議時間 会议日期 會議日期 开会时间 录制时间 錄製時間 开始时间 開始時間 创建时间 "
        "date created published recorded time".split(),
        s.PUBLISHED,
    ),
    **dict.fromkeys(
        "参会人员 參會人員 参会人 參會人 参会者 与会人员 與會人員 与会人 与会者 參與者 参与人 参与者 "
        "出席人员 出席人 participants attendees speakers".split(),
        s.PARTICIPANTS,
    ),
    **dict.fromkeys(
        "会议时长 會議時長 录音时长 錄音時長 录制时长 音频时长 时长 時長 duration length".split(),
        s.RECORDING_SECONDS,
    ),
    **dict.fromkeys("author authors site".split(), s.ACCOUNT),
    **dict.fromkeys("original url url link".split(), s.URL),
    "source": s.URL,  # a web page's address; a name there is the account (see split_header)
}
PARTICIPANT_SEPARATORS = re.compile(r"(?<!\s)\s*+[、，,；;/／|｜]\s*+")


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


# A short line that announces the transcript (`# 文稿整理`, `**完整文字版：**`, `文字记录：`).
START_MARKER = re.compile(
    r"^(以下为|以下是|下面是|以下)?"
    r"(文稿整理|对话全文|完整文字版|文字版|全文实录|对话实录|访谈实录|访谈全文|演讲全文|采访全文|"
    r"演讲实录|全文如下|完整对话|对话原文|对话内容|访谈内容|实录|全文|正文|文字记录|文字記錄|转写文本|"
    r"转写原文|轉寫原文|转写记录|逐字稿|录音转写|录音转文字|语音转写|transcript|fulltranscript)"
    r"(如下|经编辑整理|经整理|有删减|节选)?$"
)
# A short line after which nothing is transcript any more: link lists, END, （全文完）.
END_MARKER = re.compile(
    r"^(往期回顾|往期精选|往期推荐|往期文章|推荐阅读|相关阅读|延伸阅读|精彩回顾|热门推荐|"
    r"历史文章|end|theend|全文完|本文完|全文结束|全文終|完结|完結)$"
)
# `完` alone ends the text only set off as a marker: （完）, 【完】, — 完 —.
END_OPENERS = "（(【[〔［—-－"
# An end marker in brackets closing the last line of speech: 谢谢大家。（全文完）
TRAILING_END = re.compile(
    r"[（(【\[〔［]\s*+(?:全文完|本文完|全文结束|完|end)\s*+[）)】\]〕］]\s*+$", re.IGNORECASE
)
# Lines of the account's own furniture (follow prompts, credits, contact details).
FOOTER = re.compile(
    r"关注公众号|关注我们|点击关注|欢迎关注|长按关注|一键关注|设为星标|设🌟标|星标|点赞|在看|"
    r"扫码|二维码|原文链接|视频链接|原视频|"
    r"素材来源|资料来源|联系负责人|商务合作|未经许可|转载|阅读原文|点击蓝字|喜欢就"
)
# A transcription tool's signature: Transcribed by https://otter.ai, Powered by Descript.
TOOL_FOOTER = re.compile(
    r"^(?:(?:transcribed|transcript|transcription|captions?|subtitles?)\s++(?:by|from|with|"
    r"powered\s++by|generated\s++by|created\s++(?:by|with))|(?:powered|generated|exported)\s++"
    r"(?:by|with|from|using)|this\s++transcript\s++was\s++(?:generated|created|produced|made)|"
    r"由.{0,12}(?:生成|转写|轉寫|提供技术支持))(?![a-z])",
    re.IGNORECASE,
)
FOOTER_MAX_CHARS = 80
PLAIN_NAME_MAX = 12  # a recurring plain `名字：` longer than this is more likely a phrase
MARKER_MAX_CHARS = 15


def _marker_key(text: str) -> str:
    return re.sub(r"[^\w]+", "", fold(clean_inline(text)))


MARKER_LINE_MAX_CHARS = 400  # a marker's words are short; longer lines are never one


def is_start_marker(line: str) -> bool:
    if len(line) > MARKER_LINE_MAX_CHARS:
        return False
    key = _marker_key(_unheaded(line))
    return 0 < len(key) <= MARKER_MAX_CHARS and bool(START_MARKER.match(key))


def is_end_marker(line: str) -> bool:
    if len(line) > MARKER_LINE_MAX_CHARS:
        return False
    key = _marker_key(_unheaded(line))
    if not 0 < len(key) <= MARKER_MAX_CHARS:
        return False
    if key == "完":
        return clean_inline(line)[:1] in END_OPENERS
    return bool(END_MARKER.match(key))


def is_footer_line(line: str) -> bool:
    text = clean_inline(line)
    if len(text) > FOOTER_MAX_CHARS:
        return False
    return bool(FOOTER.search(text) or TOOL_FOOTER.match(text))


def is_decoration(line: str) -> bool:
    """Lines with no letter or digit at all (emoji rows, stray `****`)."""
    return not any(ch.isalnum() for ch in clean_inline(line))


@dataclass
class Corpus:
    """The tables read from a corpus; columns as documented in `analysis.schema`. `reports`
    holds each file's reading report, in the order given, when `read_corpus` was asked for
    them (the same parse that made the tables)."""

    articles: pd.DataFrame
    turns: pd.DataFrame
    editorial: pd.DataFrame
    problems: pd.DataFrame
    reports: list = field(default_factory=list)

    @property
    def files(self) -> pd.DataFrame:
        """Every file, read or not, with why not (`analysis.schema.FILES`)."""
        return file_statuses(self.articles, self.problems)


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
    body: list[str] = field(default_factory=list)  # the lines `labels` index into
    layout: str = ""  # how the transcript was laid out (LAYOUTS)

    def set_editorial(self, blocks: list[tuple[str, str]]) -> None:
        self.editorial_kinds = [kind for kind, _ in blocks]
        self.editorial = [text for _, text in blocks]


Source = tuple[str, bytes]


# ---------------------------------------------------------------- header


TITLE_LINE_MAX_CHARS = 80
HEADER_MAX_LINES = 12
SENTENCE_ENDS = "。！？.!?，,；;"


def _header_field(line: str) -> tuple[str | None, str, str] | None:
    """(column, value, key) of a header field line (`发布时间: …`, `参会人：…`, `Date: …`)."""
    match = HEADER.match(clean_inline(line))
    if not match:
        return None
    key = match.group("key")
    column = HEADER_FIELDS.get(key.lower())
    value = match.group("value").strip()
    if column == s.URL:
        # clean_inline drops addresses, so the value is taken from the line as written.
        raw = line.split(key, 1)[1].lstrip(" :：*") if key in line else value
        value = re.sub(r"\s+", "", raw).strip("*")
        if key.lower() == "source" and "://" not in value and "www." not in value.lower():
            column, value = s.ACCOUNT, match.group("value").strip()
    return column, value, key


def _titles_the_file(lines: list[str], i: int) -> bool:
    """A first line without `#` is the title when it is short, no sentence, and stands over a
    date line or header fields (an Otter or meeting export: `Weekly sync` / `Thu, Jun 12, 2025`)
    or holds a full date itself (`产品周会 2025-06-12`)."""
    text = clean_inline(lines[i])
    if not (2 <= len(text) <= TITLE_LINE_MAX_CHARS) or text[-1] in SENTENCE_ENDS:
        return False
    if _header_field(lines[i]) or date_line(text) or is_start_marker(lines[i]):
        return False
    label = find_label(lines[i])
    if label and (label.stamp_text or label.form != PLAIN_TEXT):
        return False
    if not pd.isna(title_date(text)):  # 产品周会 2025-06-12: a title that dates itself
        return True
    following = (j for j in range(i + 1, min(len(lines), i + 8)) if lines[j].strip())
    below = next(following, None)
    return below is not None and bool(
        _header_field(lines[below]) or date_line(clean_inline(lines[below]))
    )


def split_header(lines: list[str], fallback_title: str) -> tuple[dict, int, list[str]]:
    """Title and header fields, the index where the body starts, and notes on what was missing.

    The title is a `# title` line, or a first line standing over a date line or header
    fields; header fields and date lines (`Thu, Jun 12, 2025 10:02AM • 47:13`) follow it.
    """
    notes: list[str] = []
    meta = {
        s.TITLE: "",
        s.ACCOUNT: "",
        s.PUBLISHED: pd.NaT,
        s.PLACE: "",
        s.URL: "",
        s.PARTICIPANTS: "",
        s.RECORDING_SECONDS: None,
    }
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i < len(lines) and re.match(r"^\s*#\s+\S", lines[i]) and not is_end_marker(lines[i]):
        meta[s.TITLE] = clean_inline(_unheaded(lines[i]))
        i += 1
    elif i < len(lines) and _titles_the_file(lines, i):
        meta[s.TITLE] = clean_inline(lines[i])
        i += 1
    found = 0
    j = i
    non_blank_seen = 0
    raw_date = ""
    while j < len(lines) and non_blank_seen < HEADER_MAX_LINES:
        line = lines[j]
        if not line.strip():
            j += 1
            continue
        field = _header_field(line)
        dated = None if field else date_line(clean_inline(line))
        if not field and not dated:
            break
        non_blank_seen += 1
        found += 1
        j += 1
        if dated:
            if pd.isna(meta[s.PUBLISHED]) and not raw_date:
                meta[s.PUBLISHED] = dated[0]
            if dated[1] is not None and meta[s.RECORDING_SECONDS] is None:
                meta[s.RECORDING_SECONDS] = dated[1]
            continue
        column, value, _ = field
        if column == s.PUBLISHED:
            if not raw_date:
                raw_date = value
                meta[s.PUBLISHED] = parse_date(value)
                length = date_line(value)
                if length and length[1] is not None and meta[s.RECORDING_SECONDS] is None:
                    meta[s.RECORDING_SECONDS] = length[1]
        elif column == s.RECORDING_SECONDS:
            meta[column] = parse_length(value)
        elif column == s.PARTICIPANTS:
            names = [n for n in PARTICIPANT_SEPARATORS.split(value) if n.strip()]
            meta[column] = "、".join(dict.fromkeys(n.strip() for n in names))
        elif column == s.TITLE:
            meta[column] = meta[column] or value
        elif column and not (column == s.ACCOUNT and meta[s.ACCOUNT]):
            meta[column] = value
    if found:
        i = j
    if raw_date and pd.isna(meta[s.PUBLISHED]):
        notes.append(f"its publish time {raw_date[:40]!r} is not a date we understand")
    if not meta[s.TITLE]:
        meta[s.TITLE] = fallback_title
    return meta, i, notes


def missing_header_notes(meta: dict, fallback_title: str) -> list[str]:
    """What the user should know is missing once every source of metadata was read."""
    notes = []
    if meta[s.TITLE] == fallback_title:
        notes.append("it has no '# title' line, so the file name is used as the title")
    if not meta[s.ACCOUNT] and pd.isna(meta[s.PUBLISHED]):
        notes.append(
            "it has no header lines (文章作者:, 发布时间: …), so account and date are unknown"
        )
    return notes


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
    r"(?:本期嘉[宾賓]|[对對][话話]嘉[宾賓]|[访訪][谈談]嘉[宾賓]|嘉[宾賓]|受[访訪]者|受[访訪]人|"
    r"[采採][访訪]了|[专專][访訪]了|[对對][话話]了|[访訪][谈談]了|[访訪][问問]了|[请請]到了|邀[请請]到了?|"
    r"邀[请請]了|[请請]来了|[請]來了|(?:[专專][访訪]|[对對][话話]|[采採][访訪])(?=\s*+[:：｜|丨]))"
    r"\s*+(?:是|为)?\s*+"
    r"[:：｜|丨]?\s*+(?P<phrase>[^，,。；;！!？?：:（(、｜|\n]{1,30})"
)
# A guest named before the verb: 李明接受了本刊记者的专访, 李明做客《XX》.
GUEST_BEFORE = re.compile(
    r"(?P<phrase>[^，,。；;！!？?：:（(、｜|\s]{2,20}?)(?:近日|日前|此前)?(?:接受|做客)"
)
# English introductions: We spoke with Jane Doe, an interview with Jane Doe, Our guest is …
GUEST_PHRASE_EN = re.compile(
    r"(?i:interview(?:ed)?\s++with|interviewed|spoke\s++(?:with|to)|talked\s++(?:with|to)|"
    r"sat\s++down\s++with|conversation\s++with|chat\s++with|our\s++guest(?:\s++is|,)|"
    r"joined\s++by|welcome|guest:)\s++(?:[a-z]{1,12}\s++){0,4}?"
    r"(?P<phrase>[A-Z][A-Za-z'’.-]{1,20}(?:\s[A-Z][A-Za-z'’.-]{1,20}){1,3})"
)
GUEST_WORDS = (
    "嘉宾",
    "嘉賓",
    "受访",
    "受訪",
    "了",
    "专访",
    "專訪",
    "对话",
    "對話",
    "采访",
    "採訪",
    "邀请",
    "邀請",
    "接受",
    "做客",
)
GUEST_WORDS_EN = (
    "interview",
    "spoke",
    "talked",
    "sat down",
    "conversation",
    "chat",
    "guest",
    "joined by",
    "welcome",
)
# A title that opens with the guest: 对话江屿：…, 专访｜镜湖科技创始人江屿.
TITLE_GUEST = re.compile(
    r"^(?:独家|獨家)?(?:[对對][话話]|[专專][访訪]|[访訪][谈談])\s*+[:：｜|丨]?\s*+(?P<phrase>[^，,。；;！!？?：:（(、｜|丨—-]{1,30})"
)
# A title that is the guest's words: 沈知远：芯片的窗口期只有三年.
TITLE_SPEAKER = re.compile(r"^(?P<phrase>[^，,。；;！!？?：:｜|丨]{2,30})[：:｜|丨]")
# A byline that names the reporter: 文｜王芳, 记者 王芳, 本刊记者 王芳, 采访、撰文：王芳, By Jane Doe.
BYLINE = re.compile(
    r"^(?:(?P<outlet>[^\s｜|丨/／:：，,。；;！!？?]{0,12}?)(?P<reporter>记者|記者)\s*+[｜|丨/／:：]?"
    r"|(?:文|撰文|文字|采访|採訪|采写|採寫|采访、撰文|采访/撰文|采访／撰文|采访撰文|访谈|訪談)\s*+[｜|丨/／:：]"
    r"|(?:interview\s++by|interviewed\s++by|by)\s)\s*+(?P<names>.{0,40})$",
    re.IGNORECASE,
)
# Where a byline's names end: the next credit on the same line (编辑｜…, 摄影｜…).
BYLINE_END = re.compile(
    r"(?<!\s)\s*+(?:[编編][辑輯]|[责責][编編]|[摄攝]影|[图圖]片?|[设設][计計]|排版|出品|[视視][觉覺]|[运運][营營]|edited)"
)
BYLINE_MAX_CHARS = 40
# A generic reporter who asks the questions: these labels take the byline's name.
# A generic interviewee: these labels take the name of the one person the article names.
ANSWERER_WORDS = frozenset(name_key(w) for w in "答 A 受访者 受訪者 Interviewee".split())
QUESTIONER_WORDS = frozenset(
    name_key(w) for w in "问 問 Q 记者 記者 采访者 採訪者 Interviewer".split()
)
# A tool's unidentified speaker mapped to a person by the export: 说话人1：张三, 张三（说话人1）.
TAG_MAP = re.compile(
    r"^(?P<tag>(?:说话人|發言人|发言人|讲话人|Speaker)\s*+[A-Za-z\d]{1,3})\s*+(?:[:：=＝]|->|→)\s*+(?P<name>[^:：=]{1,30})$"
    r"|^(?P<name2>[^（(:：]{1,30}?)\s*+[（(]\s*+(?P<tag2>(?:说话人|發言人|发言人|讲话人|Speaker)\s*+[A-Za-z\d]{1,3})\s*+[）)]$",
    re.IGNORECASE,
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
    people: dict[str, str] = field(default_factory=dict)  # participants, role not said
    reporters: dict[str, str] = field(default_factory=dict)  # the byline's reporter(s)
    reporter_phrase: str = ""  # a byline without a name: 本刊记者, 《财经》记者

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
        if len(line) <= ROSTER_MAX_CHARS * 2 and any(word in line for word in TAG_WORDS):
            mapped = speaker_tag_of(line)
            if mapped:
                tag, name = mapped
                cast.short_forms.setdefault(name_key(tag), name)
                cast.people.setdefault(name_key(name), name)
                cast.roster_lines.add(i)
    return cast


TAG_WORDS = ("说话人", "发言人", "發言人", "讲话人", "Speaker", "speaker", "SPEAKER")


def speaker_tag_of(line: str) -> tuple[str, str] | None:
    """(tag, person) when the line maps a tool's speaker tag to a person: 说话人1：张三."""
    text = clean_inline(line)
    if len(text) > ROSTER_MAX_CHARS:
        return None
    match = TAG_MAP.match(text)
    if not match:
        return None
    tag = match.group("tag") or match.group("tag2")
    name = person_name(match.group("name") or match.group("name2") or "")
    return (tag, name) if name else None


def add_participants(cast: Cast, participants: list[str]) -> None:
    """The people a meeting header or a SPEAKERS block lists: known names, roles unsaid.
    `张三（说话人1）` also maps the tool's tag to the person."""
    for entry in participants:
        mapped = speaker_tag_of(entry)
        if mapped:
            cast.short_forms.setdefault(name_key(mapped[0]), mapped[1])
            cast.people.setdefault(name_key(mapped[1]), mapped[1])
            continue
        name = person_name(entry) or (entry.strip() if SPEAKER_TAG.match(entry.strip()) else None)
        if name:
            cast.people.setdefault(name_key(name), name)


def add_bylines(cast: Cast, intro: list[str]) -> None:
    """The reporter a byline names (文｜王芳, 记者 王芳, By Jane Doe): who asks in a Q&A."""
    for line in intro:
        text = clean_inline(line)
        if not text or len(text) > BYLINE_MAX_CHARS * 2:
            continue
        match = BYLINE.match(text)
        if not match:
            continue
        names_text = BYLINE_END.split(match.group("names"), maxsplit=1)[0].strip()
        parts = re.split(r"\s{2,}|[、，,；;/／&＆]| 和 | and ", names_text) if names_text else []
        if len(parts) == 1 and " " in parts[0] and not LATIN_PERSON.match(parts[0]):
            parts = parts[0].split()  # 王芳 李雷
        # Only names: 记者 专访了李明 is a sentence, not a byline.
        names = [name for part in parts if (name := person_name(part)) == part.strip()]
        for name in names:
            cast.reporters.setdefault(name_key(name), name)
        if not names and match.group("reporter") and not names_text:
            phrase = (match.group("outlet") or "") + match.group("reporter")
            cast.reporter_phrase = cast.reporter_phrase or phrase


def add_named_guests(cast: Cast, title: str, intro: list[str]) -> None:
    """Guests the title or introduction names (对话江屿：…, 我们采访了李明, 李明：…标题)."""
    clean_title = clean_inline(title)
    phrases = [m.group("phrase") for m in [TITLE_GUEST.match(clean_title)] if m]
    phrases += [m.group("phrase") for m in [TITLE_SPEAKER.match(clean_title)] if m]
    for text in (title, *intro):
        text = clean_inline(text)
        if any(word in text for word in GUEST_WORDS):
            phrases += [m.group("phrase") for m in GUEST_PHRASE.finditer(text)]
            if "接受" in text or "做客" in text:
                phrases += [m.group("phrase") for m in GUEST_BEFORE.finditer(text)]
        lowered = text.lower()
        if any(word in lowered for word in GUEST_WORDS_EN):
            phrases += [m.group("phrase") for m in GUEST_PHRASE_EN.finditer(text)]
    for phrase in phrases:
        name = person_name(phrase) or _name_at_end(phrase)
        if name and name_key(name) not in cast.hosts and name_key(name) not in cast.reporters:
            cast.guests.setdefault(name_key(name), name)


def _name_at_end(phrase: str) -> str | None:
    """A name closing a phrase (知名经济学家张三, the economist Jane Doe), if one does."""
    text = clean_inline(phrase).strip()
    latin = LATIN_TAIL.search(text)
    if latin:
        return person_name(latin.group())
    tail = re.sub(r"^.*[^\u4e00-\u9fff·]", "", text)  # the last run of Han characters
    return person_name(tail[-3:]) or person_name(tail[-2:]) if len(tail) > 3 else None


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
        if other and not _given_name_cut(label.name, plain_names[other]):
            candidates[i] = replace(label, name=plain_names[other])
    by_name: dict[str, Resolved | None] = {}
    for label in candidates.values():
        if label.name not in by_name:
            by_name[label.name] = resolve_label(label.name, config)
    # 主持人（王芳）names the host: the label is 主持人王芳; 说话人1（张三） is 张三.
    for i, label in candidates.items():
        resolved = by_name[label.name]
        if label.note and resolved and resolved.bare_prefix and person_name(label.note):
            name = label.name + " " + person_name(label.note)
            by_name.setdefault(name, resolve_label(name, config))
            candidates[i] = replace(label, name=name)
        elif label.note and SPEAKER_TAG.match(label.name) and person_name(label.note):
            name = person_name(label.note)
            by_name.setdefault(name, resolve_label(name, config))
            candidates[i] = replace(label, name=name)
    # 凯特·莫里森 once, then 莫里森 or 莫里森博士: the short form is the person written in full.
    full_forms = full_name_forms(
        [lb.name for lb in candidates.values()]
        + [*cast.hosts.values(), *cast.guests.values(), *cast.people.values()]
    )
    if full_forms:
        for i, label in candidates.items():
            full = full_forms.get(name_key(strip_honorific(label.name)))
            if full and full != label.name and by_name.get(label.name) is None:
                by_name.setdefault(full, resolve_label(full, config))
                candidates[i] = replace(label, name=full)
    bold_counts = Counter(
        name_key(lb.name) for lb in candidates.values() if lb.form in (COLON, WHOLE_BOLD)
    )
    plain_counts = Counter(name_key(lb.name) for lb in candidates.values() if lb.form == PLAIN_TEXT)
    stamped_counts = Counter(name_key(lb.name) for lb in candidates.values() if lb.stamp_text)
    resolved = {i: by_name[lb.name] for i, lb in candidates.items()}
    # 嘉宾张三 makes a later bare 张三 a known name in this article; so does a roster line.
    named = {name_key(r.speaker) for r in resolved.values() if r and r.prefix_role}
    named |= set(cast.hosts) | set(cast.guests) | set(cast.people)
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


# Titles around a surname: 莫里森博士, 莫里森先生, Dr. Morrison, Ms Keller.
LATIN_TITLE = re.compile(r"^(?:dr|mr|mrs|ms|miss|prof|professor|sir)\.?\s++", re.IGNORECASE)
HONORIFIC_TAIL = re.compile(r"(?:博士|教授|先生|女士|小姐|老[师師]|[总總]|院士|医生|醫生)$")


def strip_honorific(name: str) -> str:
    return HONORIFIC_TAIL.sub("", LATIN_TITLE.sub("", name.strip())).strip() or name


def full_name_forms(names: list[str]) -> dict[str, str]:
    """name_key(short form) -> full name, for names written in full with an interpunct or as
    Latin first and last name (凯特·莫里森, Kate Morrison): the surname alone (莫里森, Morrison)
    and the first name alone are that person, when no other full name shares the form."""
    forms: dict[str, set[str]] = {}
    for name in dict.fromkeys(names):
        if any(dot in name for dot in INTERPUNCTS):
            parts = [p for p in re.split(r"[·•・‧]", name) if p.strip()]
        elif LATIN_PERSON.match(name):
            parts = name.split()
        else:
            continue
        if len(parts) < 2:
            continue
        for part in (parts[0], parts[-1]):
            if len(part.strip()) >= 2:
                forms.setdefault(name_key(part), set()).add(name)
    return {key: next(iter(full)) for key, full in forms.items() if len(full) == 1}


INTERPUNCTS = "·•・‧"


def _given_name_cut(full: str, short: str) -> bool:
    """Whether `short` is `full` without its given name (凯特·莫里森 → 莫里森, Kate Morrison →
    Morrison): a short form of the person, never a title before a name."""
    if any(dot in full for dot in INTERPUNCTS):
        return re.split(r"[·•・‧]", full)[-1].strip() == short.strip()
    words = full.split()
    return len(words) == 2 and bool(LATIN_PERSON.match(full)) and words[1] == short.strip()


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


# Why a line inside the transcript is not speech; the editorial kinds go to the editorial table.
CAPTION, EDITOR_NOTE, CREDITS = s.CAPTION, s.EDITOR_NOTE, s.CREDITS
STAGE, FOOTER_LINE, IMAGE = "stage_direction", "footer", "image"
INTRO = s.INTRO
EDITORIAL_KINDS = s.EDITORIAL_KINDS
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
# A Markdown footnote's definition: `[^1]: …`; its markers in the text go in clean_inline.
FOOTNOTE_DEFINITION = re.compile(r"^\s*+\[\^[^\[\]\s]{1,20}\]:")
# A pull quote repeats at least this many letters of speech (shorter ones may repeat by chance).
PULL_QUOTE_MIN_CHARS = 8
PULL_QUOTE_MAX_CHECKS = 2_000  # each is one scan of the article's speech
PULL_QUOTE_SCAN_CHARS = 50_000_000  # characters all checks of one article may scan
QUOTE_CANDIDATE = "_quote"  # an intro blockquote, until it is known whether speech repeats it


def is_credit_line(line: str) -> bool:
    text = clean_inline(line)
    return len(text) <= ROSTER_MAX_CHARS and bool(CREDIT_LINE.match(text))


def _picture_name(line: str) -> bool:
    """A short line with no sentence ending right under an image names the picture."""
    text = clean_inline(line)
    return 0 < len(text) <= CAPTION_UNDER_IMAGE_MAX and text[-1] not in SENTENCE_END


def is_italic_line(line: str) -> bool:
    """A line in italics from end to end: `*Photo: …*`, `_图：…_` (not bold)."""
    text = line.strip().lstrip(">").strip()
    for mark in ("*", "_"):
        if (
            len(text) > 2
            and text.startswith(mark)
            and text.endswith(mark)
            and not text.startswith(mark * 2)
            and text[1] != " "
        ):
            return True
    return False


def is_footnote_definition(line: str) -> bool:
    return "[^" in line and bool(FOOTNOTE_DEFINITION.match(line))


def is_blockquote(line: str) -> bool:
    return line.lstrip().startswith(">")


def speech_key(text: str) -> str:
    """Letters and digits only, folded: how a pull quote is matched to the speech it repeats."""
    return re.sub(r"[\W_]+", "", fold(text))


class _TurnBuilder:
    """Collects paragraphs into turns while walking the transcript's lines."""

    def __init__(self) -> None:
        self.turns: list[dict] = []
        self.paragraph: list[str] = []
        self.quoted = True  # every line of the paragraph so far is a blockquote line
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
                "quotes": [],  # (paragraph number, place in non_speech) of blockquotes
            }
        )

    def add_line(self, line: str, quote: bool = False) -> None:
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
        self.quoted = self.quoted and quote

    def skip(self, reason: str, text: str) -> None:
        text = clean_inline(text).strip()
        if text:
            self.non_speech.append((reason, text))

    def flush(self) -> None:
        if self.turns and self.paragraph:
            text = join_wrapped(self.paragraph)
            if text:
                turn = self.turns[-1]
                if self.quoted:
                    turn["quotes"].append((len(turn["paragraphs"]), len(self.non_speech)))
                turn["paragraphs"].append(text)
        self.paragraph = []
        self.quoted = True


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
            rest = labels[i].rest
            if clean_inline(rest):
                ended = TRAILING_END.search(clean_inline(rest))
                if ended:
                    builder.add_line(clean_inline(rest)[: ended.start()])
                    builder.skip(FOOTER_LINE, ended.group())
                    break
                builder.add_line(rest, is_blockquote(lines[i]) and rest == lines[i])
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
        if is_footnote_definition(line):
            builder.flush()
            builder.skip(s.FOOTNOTE, line.split("]:", 1)[1])
            continue
        if (
            is_caption(line)
            or (was_under_image and _picture_name(line))
            or (was_under_image and is_italic_line(line))
        ):
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
        ended = TRAILING_END.search(clean_inline(line)) if i > last_label else None
        if ended:  # 谢谢大家。（全文完）: the last words, then the end
            builder.add_line(clean_inline(line)[: ended.start()])
            builder.flush()
            builder.skip(FOOTER_LINE, ended.group())
            break
        builder.add_line(line, is_blockquote(line))
    builder.flush()
    return builder.turns, builder.non_speech


def drop_pull_quotes(
    raw_turns: list[dict], non_speech: list[tuple[str, str]], intro_quotes: bool = False
) -> str:
    """Blockquotes that repeat words spoken elsewhere in the article are pull quotes: taken
    out of the turns and listed as not speech, where they stood. A blockquote that is the
    only copy of its words stays speech. Returns the article's speech as matched (for intro
    blockquotes). Each quote is one scan of the speech, and the scans are bounded
    (PULL_QUOTE_MAX_CHECKS, PULL_QUOTE_SCAN_CHARS): a file of quotes can't make reading
    quadratic."""
    quoted_at = [{n for n, _ in turn.get("quotes", ())} for turn in raw_turns]
    if not intro_quotes and not any(quoted_at):
        return ""  # nothing to match: the speech is not keyed at all
    spoken = "\n".join(
        speech_key(paragraph)
        for turn, quoted in zip(raw_turns, quoted_at, strict=True)
        for n, paragraph in enumerate(turn["paragraphs"])
        if n not in quoted
    )
    checks = 0
    # Each check scans the speech once: the budget bounds the work to ~50 scans of it.
    budget = max(20, min(PULL_QUOTE_MAX_CHECKS, PULL_QUOTE_SCAN_CHARS // max(1, len(spoken))))
    inserted: dict[int, list[tuple[str, str]]] = {}
    for turn in raw_turns:
        dropped = set()
        for n, at in turn.get("quotes", ()):
            key = speech_key(turn["paragraphs"][n])
            if len(key) < PULL_QUOTE_MIN_CHARS or checks >= budget:
                continue
            checks += 1
            if key in spoken:
                dropped.add(n)
                inserted.setdefault(at, []).append((s.PULL_QUOTE, turn["paragraphs"][n]))
        if dropped:
            turn["paragraphs"] = [p for n, p in enumerate(turn["paragraphs"]) if n not in dropped]
    if inserted:
        merged: list[tuple[str, str]] = []
        for at, item in enumerate([*non_speech, None]):
            merged.extend(inserted.get(at, ()))
            if item is not None:
                merged.append(item)
        non_speech[:] = merged
    return spoken


def editorial_blocks(
    lines: list[str], kinds: dict[int, str] | None = None
) -> list[tuple[str, str]]:
    """The editor's paragraphs before the transcript as (kind, text), without images and
    follow prompts; captions, notes, footnotes and a tool's sections (`kinds`: line index ->
    kind, one block a line) keep their own kind; blockquotes are QUOTE_CANDIDATE."""
    kinds = kinds or {}
    blocks: list[tuple[str, str]] = []
    paragraph: list[str] = []
    quoted = True

    def flush() -> None:
        nonlocal quoted
        text = join_wrapped(paragraph)
        if text:
            blocks.append((QUOTE_CANDIDATE if quoted else INTRO, text))
        paragraph.clear()
        quoted = True

    under_image = False
    for i, line in enumerate(lines):
        was_under_image = under_image
        under_image = is_image_line(line) or (under_image and not line.strip())
        if i in kinds:
            flush()
            if kinds[i] != s.PARTICIPANTS and (text := section_text(line)):
                blocks.append((kinds[i], text))
        elif not line.strip() or is_image_line(line) or is_rule(line) or is_decoration(line):
            flush()
        elif is_caption(line) or (
            was_under_image and (is_italic_line(line) or _picture_name(line))
        ):
            flush()
            blocks.append((CAPTION, clean_inline(line)))
        elif is_footnote_definition(line):
            flush()
            blocks.append((s.FOOTNOTE, clean_inline(line.split("]:", 1)[1])))
        elif is_footer_line(line):
            flush()
        elif (heading := heading_text(line)) is not None:
            flush()
            paragraph.append(clean_inline(heading))
            quoted = False
            flush()
        else:
            paragraph.append(clean_inline(line))
            quoted = quoted and is_blockquote(line)
    flush()
    return blocks


def settle_quotes(blocks: list[tuple[str, str]], spoken: str) -> list[tuple[str, str]]:
    """Intro blockquotes repeating the speech are pull quotes; the others are the intro."""
    settled = []
    budget = max(20, min(PULL_QUOTE_MAX_CHECKS, PULL_QUOTE_SCAN_CHARS // max(1, len(spoken))))
    for kind, text in blocks:
        if kind == QUOTE_CANDIDATE:
            key = speech_key(text)
            repeats = False
            if budget and len(key) >= PULL_QUOTE_MIN_CHARS and spoken:
                budget -= 1
                repeats = key in spoken
            kind = s.PULL_QUOTE if repeats else INTRO
        settled.append((kind, text))
    return settled


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
            elif (
                r.bare_prefix
                and not named
                and name_key(name) in QUESTIONER_WORDS
                and len(cast.reporters) == 1
            ):
                speaker = next(iter(cast.reporters.values()))  # 问 → the byline's 王芳
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
            if turn.get("end") is not None:
                previous["end"] = turn["end"]
            continue
        turns.append(
            {
                s.SPEAKER: speaker,
                s.SECTION: turn[s.SECTION],
                s.TEXT: text,
                "stamp": turn["stamp"],
                "stamp_text": turn["stamp_text"],
                "end": turn.get("end"),
                "asks": turn["style"] in ASKING_STYLES,
            }
        )
    # A turn asks when it ends on a question or asks in most of its sentences: a rhetorical
    # question inside an answer (为什么？因为……) doesn't make a panelist a host.
    replies: Counter = Counter()
    for n, turn in enumerate(turns):
        asks = turn.pop("asks") or asks_question(turn[s.TEXT])
        turn["_asks"] = asks
        asking[turn[s.SPEAKER]] += asks
        previous = turns[n - 1] if n else None
        if previous is not None and previous["_asks"] and previous[s.SPEAKER] != turn[s.SPEAKER]:
            replies[turn[s.SPEAKER]] += 1
    for turn in turns:
        del turn["_asks"]

    count = Counter(turn[s.SPEAKER] for turn in turns)
    first_turn: dict[str, int] = {}
    for number, turn in enumerate(turns, start=1):
        first_turn.setdefault(turn[s.SPEAKER], number)
    share = {name: asking[name] / count[name] for name in count}
    audience_section = next(
        (n for n, turn in enumerate(turns, 1) if AUDIENCE_SECTION.search(turn[s.SECTION])), None
    )
    answers_only = {name for name in count if replies[name] == count[name]}
    roles = infer_roles(
        [t for t in speakers if t in count],
        roles,
        known,
        share,
        first_turn,
        audience_section,
        answers_only,
    )
    notes = _time_turns(turns)
    for number, turn in enumerate(turns, start=1):
        turn[s.TURN] = number
        turn[s.ROLE] = roles.get(turn[s.SPEAKER], s.OTHER)
        turn[s.CHARS] = count_chars(turn[s.TEXT])
    sources = {name: sources.get(name, BY_CONVERSATION) for name in count}
    return turns, notes, sources


def asks_question(text: str) -> bool:
    """Whether a turn asks: it ends on a question, or most of its sentences ask."""
    stripped = text.rstrip(" \n”\"’'）)」』*")
    if stripped.endswith(("？", "?")):
        return True
    questions = text.count("？") + text.count("?")
    if not questions:
        return False
    statements = sum(text.count(mark) for mark in "。！!；;…") + len(ENGLISH_STOP.findall(text))
    return questions > statements


ENGLISH_STOP = re.compile(r"[a-z)][.](?=\s|$)")


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
    ends = {id(turn): turn.pop("end", None) for turn in turns}
    for turn in timed:  # a caption's cues say when the turn ends: the real speaking time
        end = ends[id(turn)]
        if end is not None and end >= turn[s.START_SECONDS]:
            turn[s.DURATION_SECONDS] = round(end - turn[s.START_SECONDS], 3)
    for turn, following in zip(timed, timed[1:], strict=False):
        if turn[s.DURATION_SECONDS] is not None:
            continue
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


NO_LABELS = (
    "no speaker labels were found (like **主持人：** or **Sam Altman：**), so its text "
    "is kept as the editor's text and counts for no speaker"
)
NO_SPEECH_AFTER_LABELS = "its speaker labels have no speech after them"
NO_SPEECH_NOTES = (NO_LABELS, NO_SPEECH_AFTER_LABELS)
UNLABELLED_NOTE = (
    "not every turn carries a speaker label: it was read as an interview whose questions are "
    "set off by type (bold, 问, Q or ——), asked by {questioner}, each answered by {answerer} "
    "in the paragraphs up to the next question"
)
# How the transcript was laid out, for the reading report.
LABELLED, UNLABELLED_QA, CAPTIONS, NO_TRANSCRIPT = "labels", "unlabelled_qa", "captions", "none"
LAYOUTS = {
    LABELLED: "speaker labels",
    UNLABELLED_QA: "an unlabelled Q&A (questions set off by type: bold, 问, Q or ——; each "
    "answer up to the next question)",
    CAPTIONS: "a caption file (cues with times)",
    NO_TRANSCRIPT: "no transcript: all of it is the editor's text",
}


def read_metadata(lines: list[str], stem: str) -> tuple[dict, int, list[str]]:
    """The article's metadata from front matter, header lines and the file name; the index
    where its body starts; and notes on what was missing or could not be read."""
    front = read_front_matter(lines)
    meta, body_start, notes = split_header(lines[front.body_start :], stem)
    for column, value in front.meta.items():
        meta[column] = value
    if pd.isna(meta[s.PUBLISHED]):
        meta[s.PUBLISHED] = file_name_date(stem)
    if pd.isna(meta[s.PUBLISHED]) and meta[s.TITLE] != stem:
        # A meeting export's title line may carry the date: 产品周会 2025-06-12.
        meta[s.PUBLISHED] = title_date(meta[s.TITLE])
    notes = [*front.notes, *notes, *missing_header_notes(meta, stem)]
    return meta, front.body_start + body_start, notes


def _participants(meta: dict) -> list[str]:
    return [name for name in meta.get(s.PARTICIPANTS, "").split("、") if name]


def _is_speech_line(lines: list[str]):
    """Whether line i could be speech: not blank, no picture, caption, note, heading, footer."""

    def check(i: int) -> bool:
        line = lines[i]
        return bool(
            line.strip()
            and not is_image_line(line)
            and not is_rule(line)
            and not is_decoration(line)
            and heading_text(line) is None
            and not is_caption(line)
            and not is_editor_note(line)
            and not is_stage_direction(line)
            and not is_credit_line(line)
            and not is_footer_line(line)
            and not is_end_marker(line)
            and not is_footnote_definition(line)
        )

    return check


def _unlabelled_qa(
    lines: list[str], labels: dict[int, Label], cast: Cast, config: SpeakerConfig, title: str
) -> dict[int, Label] | None:
    """Labels for an unlabelled Q&A (questions set off by type, answers unlabelled), with the
    questioner and the answerer named from the byline and the introduction; None when the
    article isn't laid out so. Only for an article without labels, or whose labels all only
    ask (问：…, Q：…) or all only answer (答：… after bold questions)."""
    asking = {
        i: label
        for i, label in labels.items()
        if name_key(label.name) in QUESTIONER_WORDS
        or name_key(strip_honorific(label.name)) in cast.reporters
    }
    answering = {i: label for i, label in labels.items() if name_key(label.name) in ANSWERER_WORDS}
    if asking and (len(asking) != len(labels) or len(asking) < 2):
        return None
    if not asking and labels and (len(answering) != len(labels) or len(answering) < 2):
        return None
    floor = next((i for i, line in enumerate(lines) if is_start_marker(line)), -1)
    found = find_unlabelled_qa(lines, _is_speech_line(lines), floor, asking or None)
    if found is None:
        return None
    if answering:
        # Only the answers are labelled (答：…): each keeps its label; a question's answer
        # must be one of them, or the layout is something else.
        for i, label in list(found.labels.items()):
            if label.style == UNLABELLED_ANSWER:
                if i not in answering:
                    return None
                found.labels[i] = replace(answering[i], style=UNLABELLED_ANSWER)
    first = min(found.labels)
    intro = [clean_inline(line) for line in lines[:first]]
    add_bylines(cast, intro)
    add_named_guests(cast, title, intro)
    questioner = (
        cast.only(s.HOST)
        or (next(iter(cast.reporters.values())) if len(cast.reporters) == 1 else None)
        or cast.reporter_phrase
        or GENERIC_QUESTIONER
    )
    answerer = cast.only(s.GUEST) or GENERIC_ANSWERER
    cast.hosts.setdefault(name_key(questioner), questioner)
    cast.guests.setdefault(name_key(answerer), answerer)
    renamed = {}
    for i, label in found.labels.items():
        if label.style == UNLABELLED_ANSWER and i not in answering:
            label = replace(label, name=answerer)
        elif label.style == UNLABELLED_QUESTION:
            label = replace(label, name=questioner)
        renamed[i] = label
    return renamed


def parse_article(text: str, file_name: str, config: SpeakerConfig) -> ParsedArticle:
    """Everything one article holds: metadata, speech turns, and the editor's text."""
    stem = PurePosixPath(file_name).stem or file_name
    if is_caption_file(file_name, text):
        return parse_captions(text, file_name, config)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    meta, body_start, notes = read_metadata(lines, stem)
    body = lines[body_start:]
    parsed = ParsedArticle(meta=meta, notes=notes, body=body)
    cast = find_cast(body, config)
    add_participants(cast, _participants(meta))
    labels = accepted_labels(body, config, cast)
    floor = next((i for i, line in enumerate(body) if is_start_marker(line)), None)
    kinds, _ = summary_sections(body, labels, floor)
    lines_read = body
    if kinds:
        # The tool's sections are nobody's speech; their lines never open a turn.
        listed = [
            name
            for i, kind in kinds.items()
            if kind == s.PARTICIPANTS
            for name in PARTICIPANT_SEPARATORS.split(section_text(body[i]))
            if name.strip()
        ]
        if listed and not meta[s.PARTICIPANTS]:
            meta[s.PARTICIPANTS] = "、".join(dict.fromkeys(n.strip() for n in listed))
        lines_read = ["" if i in kinds else line for i, line in enumerate(body)]
        cast = find_cast(lines_read, config)
        add_participants(cast, _participants(meta))
        labels = accepted_labels(lines_read, config, cast)
    first_label = min(labels, default=len(lines_read))
    add_bylines(cast, [clean_inline(line) for line in lines_read[:first_label]])
    parsed.layout = LABELLED
    qa = _unlabelled_qa(lines_read, labels, cast, config, meta[s.TITLE])
    if qa is not None:
        labels, parsed.layout = qa, UNLABELLED_QA
    start = transcript_start(lines_read, labels)
    if start is None:
        parsed.layout = NO_TRANSCRIPT
        parsed.notes.append(NO_LABELS)
        parsed.set_editorial(settle_quotes(editorial_blocks(_until_end(body), kinds), ""))
        return parsed
    add_named_guests(cast, meta[s.TITLE], [clean_inline(line) for line in lines_read[:start]])
    raw_turns, non_speech = walk_transcript(lines_read, labels, start)
    intro = editorial_blocks(body[:start], kinds)
    spoken = drop_pull_quotes(
        raw_turns, non_speech, any(kind == QUOTE_CANDIDATE for kind, _ in intro)
    )
    parsed.turns, time_notes, parsed.role_sources = resolve_speakers(
        raw_turns, config, cast, parsed.label_speakers
    )
    parsed.notes.extend(time_notes)
    blocks = settle_quotes(intro, spoken)
    blocks += [(reason, text) for reason, text in non_speech if reason in EDITORIAL_KINDS]
    after = [
        (kind, text)
        for i, kind in sorted(kinds.items())
        if i >= start and kind != s.PARTICIPANTS and (text := section_text(body[i]))
    ]
    blocks += after
    parsed.set_editorial(blocks)
    parsed.non_speech = _non_speech_in_order(blocks, non_speech)
    parsed.labels = {i: labels[i] for i in labels if i >= start}
    parsed.cast = cast
    if parsed.layout == UNLABELLED_QA:
        said = parsed.label_speakers
        questioner = next(lb.name for lb in labels.values() if lb.style != UNLABELLED_ANSWER)
        answerer = next(
            (lb.name for lb in labels.values() if lb.style == UNLABELLED_ANSWER), GENERIC_ANSWERER
        )
        parsed.notes.append(
            UNLABELLED_NOTE.format(
                questioner=said.get(questioner, questioner), answerer=said.get(answerer, answerer)
            )
        )
    if not parsed.turns:
        parsed.notes.append(NO_SPEECH_AFTER_LABELS)
    return parsed


OUTSIDE_KINDS = (s.SUMMARY, s.ACTION_ITEMS, s.CHAPTERS, s.KEYWORDS, s.PULL_QUOTE, s.FOOTNOTE)


def _non_speech_in_order(
    blocks: list[tuple[str, str]], transcript: list[tuple[str, str]]
) -> list[tuple[str, str]]:
    """Every line that is not speech with its reason: the transcript's, and the tool's
    sections and pull quotes outside it (the editor's introduction is not listed)."""
    outside = [(kind, text) for kind, text in blocks if kind in OUTSIDE_KINDS]
    inside = set(transcript)
    return [*(item for item in outside if item not in inside), *transcript]


UNNAMED_SPEAKER = "未知说话人"
NO_SPEAKER_NAMED = (
    "no speaker is named in it (no <v Name> voice tags or 'Name:' prefixes), so it is read as "
    "one unnamed speaker ({name})"
)
CAPTION_STYLES = {
    "voice": "caption_voice",
    "prefix": "caption_prefix",
    "bracket": "caption_bracket",
}


def parse_captions(text: str, file_name: str, config: SpeakerConfig) -> ParsedArticle:
    """A .vtt or .srt file as an article: consecutive cues by one speaker make one turn,
    and the cues' times give each turn's start and its real speaking time."""
    stem = PurePosixPath(file_name).stem or file_name
    captions = read_captions(text, file_name)
    meta, _, notes = split_header([], stem)
    notes = list(notes)
    for line in [*captions.header, *captions.notes_text]:
        field_ = _header_field(line)
        if field_ and field_[0] and not (field_[0] == s.TITLE and captions.title):
            column, value, _ = field_
            if column == s.PUBLISHED:
                meta[column] = parse_date(value)
            elif column == s.RECORDING_SECONDS:
                meta[column] = parse_length(value)
            else:
                meta[column] = value
    if captions.title:
        meta[s.TITLE] = captions.title
    if pd.isna(meta[s.PUBLISHED]):
        meta[s.PUBLISHED] = file_name_date(stem)
    ends = [cue.end for cue in captions.cues if cue.end is not None]
    if ends and meta[s.RECORDING_SECONDS] is None:
        meta[s.RECORDING_SECONDS] = max(ends)
    notes = [*captions.problems, *notes]
    if meta[s.TITLE] == stem:
        notes.append("it names no title, so the file name is used as the title")
    parsed = ParsedArticle(meta=meta, notes=notes, layout=CAPTIONS)
    blocks = [(EDITOR_NOTE, note) for note in captions.notes_text]
    parsed.non_speech = [*blocks, *((STAGE, sound) for sound in captions.sounds)]
    cues = [cue for cue in captions.cues if cue.text]
    if not cues:
        parsed.notes.append("none of its cues has any text")
        parsed.set_editorial(blocks)
        return parsed
    if not any(cue.speaker for cue in cues):
        parsed.notes.append(NO_SPEAKER_NAMED.format(name=UNNAMED_SPEAKER))
    cast = Cast()
    add_participants(cast, _participants(meta))
    raw_turns: list[dict] = []
    pieces: list[list[str]] = []
    for n, cue in enumerate(cues):
        speaker = cue.speaker or (raw_turns[-1]["label"] if raw_turns else UNNAMED_SPEAKER)
        if raw_turns and raw_turns[-1]["label"] == speaker:
            pieces[-1].append(cue.text)
            if cue.end is not None:
                raw_turns[-1]["end"] = cue.end
            if raw_turns[-1]["stamp"] is None and cue.start is not None:
                raw_turns[-1]["stamp"] = cue.start
                raw_turns[-1]["stamp_text"] = _clock(cue.start)
            continue
        if cue.speaker:
            parsed.labels[n] = Label(
                cue.speaker, "", COLON, style=CAPTION_STYLES.get(cue.style, "caption_prefix")
            )
        raw_turns.append(
            {
                "label": speaker,
                "style": "",
                "stamp": cue.start,
                "stamp_text": _clock(cue.start) if cue.start is not None else "",
                "end": cue.end,
                s.SECTION: "",
                "paragraphs": [],
            }
        )
        pieces.append([cue.text])
    for turn, texts in zip(raw_turns, pieces, strict=True):
        turn["paragraphs"] = [join_wrapped(texts)]
    parsed.turns, time_notes, parsed.role_sources = resolve_speakers(
        raw_turns, config, cast, parsed.label_speakers
    )
    # The caption file's own problems already say where times go backwards.
    parsed.notes.extend(note for note in time_notes if "backwards" not in note)
    parsed.set_editorial(blocks)
    parsed.cast = cast
    parsed.body = [cue.speaker for cue in cues]
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


UNSUPPORTED_WORDS = "unsupported kind of file"
FOLDER_MISSING = "this folder does not exist"
FOLDER_EMPTY = "this folder has no files the reader takes ({suffixes})"
SKIPPED = "skipped: "


def suffix_list() -> str:
    return ", ".join(ARTICLE_SUFFIXES[:-1]) + " and " + ARTICLE_SUFFIXES[-1]


def unsupported_reason(name: str, folder: bool = False) -> str | None:
    """Why a file is not read for its kind (a PDF, a picture, a folder), or None if it is read."""
    if folder:
        return (
            f"{UNSUPPORTED_WORDS}: it is a folder (folders inside the corpus folder are not read)"
        )
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in ARTICLE_SUFFIXES:
        return None
    kind = f"'{suffix}'" if suffix else "a name without an extension"
    return f"{UNSUPPORTED_WORDS} ({kind}); the reader takes {suffix_list()} files"


def read_folder(folder: str | Path) -> tuple[list[Source], list[dict]]:
    """The article files of a folder as (name, bytes), and a problem for every other entry:
    no file is skipped in silence (an unsupported kind, a sub-folder, one that can't be opened)."""
    folder = Path(folder)
    if not folder.is_dir():
        return [], [_problem(str(folder), s.ERROR, FOLDER_MISSING)]
    sources, problems = [], []
    for path in sorted(folder.iterdir()):
        reason = unsupported_reason(path.name, folder=path.is_dir())
        if reason:
            problems.append(_problem(path.name, s.ERROR, SKIPPED + reason))
            continue
        try:
            sources.append((path.name, path.read_bytes()))
        except OSError as error:
            problems.append(_problem(path.name, s.ERROR, f"could not be opened ({error.strerror})"))
    if not sources:
        problems.append(_problem(str(folder), s.ERROR, FOLDER_EMPTY.format(suffixes=suffix_list())))
    return sources, problems


def _problem(file_name: str, level: str, message: str) -> dict:
    return {s.FILE_NAME: file_name, s.LEVEL: level, s.MESSAGE: message}


PARALLEL_MIN_BYTES = 2_000_000  # below this, worker start-up costs more than it saves
MAX_FILE_BYTES = 20 * 1024 * 1024  # the dashboard's upload limit, for folders too


def _decode_and_parse(source: Source, config: SpeakerConfig, keep_lines: bool = False):
    """One file to (decoded, parsed), or a message saying why it can't be read. The parsed
    article keeps its lines (for a reading report) only when asked."""
    outcome = decode_and_parse(source, config)
    if not keep_lines and not isinstance(outcome, str):
        outcome[1].body = []
    return outcome


def decode_and_parse(source: Source, config: SpeakerConfig):
    """One file to (decoded, parsed), or a message saying why it can't be read."""
    raw_name, data = source
    unsupported = unsupported_reason(safe_file_name(raw_name))
    if unsupported:
        return unsupported
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


def parse_all(sources: list[Source], config: SpeakerConfig, keep_lines: bool = False) -> list:
    """Decode and parse every file; large corpora use spawned worker processes."""
    if worker_count() < 2 or sum(len(data) for _, data in sources) < PARALLEL_MIN_BYTES:
        return [_decode_and_parse(source, config, keep_lines) for source in sources]
    n = len(sources)
    return parallel_map(_decode_and_parse, sources, [config] * n, [keep_lines] * n, chunksize=16)


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
    reports: bool = False,
) -> Corpus:
    """Read a folder, or (file name, bytes) pairs as an upload gives them, into tables; with
    `reports`, also each file's reading report from the same parse (`Corpus.reports`)."""
    if isinstance(speakers, SpeakerConfig):
        config, problems = speakers, []
    else:
        config, problems = speakers_or_defaults(speakers)
    file_reports = []
    if isinstance(source, str | Path):
        sources, folder_problems = read_folder(source)
        problems.extend(folder_problems)
        if reports:  # the files the folder reader refused have a report too
            from analysis.ingest.reading_report import report_of

            file_reports = [
                report_of(row[s.FILE_NAME], row[s.MESSAGE])
                for row in folder_problems
                if row[s.MESSAGE]
                not in (FOLDER_MISSING, FOLDER_EMPTY.format(suffixes=suffix_list()))
            ]
    else:
        sources = list(source)

    articles, turns, editorial = [], [], []
    taken: set[str] = set()
    for (raw_name, _), outcome in zip(
        sources, parse_all(sources, config, keep_lines=reports), strict=True
    ):
        file_name = safe_file_name(raw_name)
        if reports:
            from analysis.ingest.reading_report import report_of

            file_reports.append(report_of(file_name, outcome))
        if isinstance(outcome, str):
            problems.append(_problem(file_name, s.ERROR, SKIPPED + outcome))
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
        reports=file_reports,
    )


# Each file status in the dashboard's two languages (Chinese, English).
FILE_STATUS_TEXT = {
    s.READ: ("已读取", "read"),
    s.NO_SPEECH: ("未找到发言", "no speech found"),
    s.UNSUPPORTED: ("不支持的文件类型", "unsupported kind of file"),
    s.UNREADABLE: ("无法读取", "unreadable"),
}
NO_SPEECH_FOUND = "no speech was found in it"


def file_statuses(articles: pd.DataFrame, problems: pd.DataFrame) -> pd.DataFrame:
    """What became of every file, from the articles and problems tables (so a store gives it
    as the reader does): read, no speech, unsupported or unreadable, with the reason in words.
    Rows by file name."""
    errors = problems[problems[s.LEVEL] == s.ERROR]
    warnings = problems[problems[s.LEVEL] == s.WARNING]
    no_speech = {}
    for name, message in zip(warnings[s.FILE_NAME], warnings[s.MESSAGE], strict=True):
        if message in NO_SPEECH_NOTES or message.startswith("none of its cues"):
            no_speech.setdefault(name, message)
    rows = []
    read_names = set()
    for article_id, name, n_turns in zip(
        articles[s.ARTICLE_ID], articles[s.FILE_NAME], articles[s.N_TURNS], strict=True
    ):
        read_names.add(name)
        status = s.READ if n_turns else s.NO_SPEECH
        reason = "" if n_turns else no_speech.get(name, NO_SPEECH_FOUND)
        rows.append(
            {
                s.FILE_NAME: name,
                s.ARTICLE_ID: article_id,
                s.STATUS: status,
                s.N_TURNS: int(n_turns),
                s.REASON: reason,
            }
        )
    folder_messages = (FOLDER_MISSING, FOLDER_EMPTY.format(suffixes=suffix_list()))
    for name, message in zip(errors[s.FILE_NAME], errors[s.MESSAGE], strict=True):
        if message in folder_messages or name in read_names:
            continue
        reason = message.removeprefix(SKIPPED)
        status = s.UNSUPPORTED if reason.startswith(UNSUPPORTED_WORDS) else s.UNREADABLE
        rows.append(
            {
                s.FILE_NAME: name,
                s.ARTICLE_ID: "",
                s.STATUS: status,
                s.N_TURNS: 0,
                s.REASON: reason,
            }
        )
    frame = pd.DataFrame(rows, columns=s.FILES.names)
    frame[s.N_TURNS] = frame[s.N_TURNS].astype("int64")
    return frame.sort_values(s.FILE_NAME, kind="stable", ignore_index=True)


def files_summary(files: pd.DataFrame) -> str:
    """One line on what became of the files: `7 files: 5 read, 1 with no speech, …`."""
    counts = files[s.STATUS].value_counts()
    parts = [
        f"{counts.get(s.READ, 0)} read",
        f"{counts.get(s.NO_SPEECH, 0)} with no speech found",
        f"{counts.get(s.UNSUPPORTED, 0)} of an unsupported kind",
        f"{counts.get(s.UNREADABLE, 0)} unreadable",
    ]
    total = len(files)
    return f"{total} file{'s' if total != 1 else ''}: " + ", ".join(parts)


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
    for column in (s.START_SECONDS, s.DURATION_SECONDS, s.RECORDING_SECONDS):
        if column in frame:
            frame[column] = frame[column].astype("float64")
    return frame
