"""Finding speaker labels in WeChat transcripts and resolving them to people and roles.

Exports mangle the bold markers around labels in many ways (`**主持人：**`, `**主持人**`,
`******Sam Altman:**`, `**Sam Altman：` with the speech below, `**嘉宾Sam Altman: **…`,
a whole bold question `**晚点：为什么？**`), some accounts write plain `张三：…`, and
transcription tools write a name and a time stamp on a line of their own (`陈屹 00:21:54`),
so a label is recognised by its shape first and accepted only when the name is known or
recurs; bold emphasis and the editor's bold headlines look alike but don't pass.

Every pattern here runs in time linear in the line: quantifiers next to each other never
match the same characters (possessive `*+` where they could), and names are bounded.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from analysis.config import SpeakerConfig, name_key
from analysis.ingest.markup import INVISIBLE, clean_inline
from analysis.schema import AUDIENCE, GUEST, HOST, OTHER

_NAME = r"[^*\n:：]{1,40}?"
_OPEN = r"^\*{2,}+\s*+"  # the bold markers and spaces before a name
# Colon inside the bold: `**名字：**`, `**名字：` (speech below), `****名字:****`, `**名字: **…`.
BOLD_COLON = re.compile(rf"{_OPEN}(?P<name>{_NAME})\s*+[:：]\s*+(?:\*{{2,}}+|$)(?P<rest>.*)$")
# Colon after the bold, maybe after a note: `**名字**：…`, `**名字**（OpenAI CEO）：…`.
_NOTE = r"[（(](?P<note>[^）)\n]{0,30})[）)]\s*+"
BOLD_THEN_COLON = re.compile(
    rf"{_OPEN}(?P<name>{_NAME})\s*+\*{{2,}}+\s*+(?:{_NOTE})?[:：]\s*+(?P<rest>.*)$"
)
# A whole bold line `**名字：…**`: a question (`**晚点：为什么？**`, `**Q：产品是什么？**`)
# is a label anywhere; any other such line only in the questioner's mouth inside the
# transcript, because editors also bold a quote as a highlight (`**Sam Altman：AGI 会来**`).
BOLD_WHOLE = re.compile(rf"{_OPEN}(?P<name>{_NAME})\s*+[:：]\s*+(?P<rest>[^*]+)\*{{2,}}+\s*+$")
QUESTION_END = re.compile(r"[?？][”\"’'）)」』]?\s*+$")
# No colon at all: `**主持人** …` or `**主持人**` alone on its line.
BOLD_NO_COLON = re.compile(
    rf"{_OPEN}(?P<name>{_NAME})\s*+\*{{2,}}+(?!\s*+(?:[（(][^）)\n]{{0,30}}[）)]\s*+)?[:：])"
    r"\s*+(?P<rest>.*)$"
)
# In lenticular brackets: `【主持人】…`; editors use them for headings too (`【导读】`), so a
# bracketed name must be known or recur.
BRACKET = re.compile(r"^【(?P<name>[^】\n]{1,30})】\s*+[:：]?\s*+(?P<rest>.*)$")
# Plain text `名字：…`, accepted only for known names or names that recur often.
PLAIN = re.compile(r"^(?P<name>[^*\s:：#>!\[][^*\n:：]{0,29}?)\s*+[:：]\s*+(?P<rest>.*)$")

# A time stamp beside a label: `陈屹 00:21:54`, `[00:21:54] 陈屹：`, `**主持人（00:01:23）：**`.
STAMP = re.compile(r"(?<![\d:])(\d{1,3}):(\d{2})(?::(\d{2}))?(?:[.,]\d{1,3})?(?![\d:])")
STAMP_OPENERS, STAMP_CLOSERS = "[(（【［", "])）】］"
STAMP_SEPARATORS = "|｜丨•·-–—"
LABEL_HEAD_CHARS = 60
# Emoji and bullets an account puts before a name (`**🎙️ 主持人：**`, `▍Sam：`).
LEADING_SYMBOLS = re.compile(r"^[^\w（(]++")
NOT_IN_NAME = re.compile(r"[，,。!！?？、；;“”\"《》【】…|/\\<>=]")
TRAILING_NOTE = re.compile(r"[（(](?P<note>[^（()）]{0,30})[）)]\s*+$")
# A short form announced for a name: （以下简称“江”）, 以下简称江, （下称"江"）, （简称：江）.
SHORT_FORM = re.compile(
    r"(?:以下)?(?:[简簡][称稱]|下[称稱]|[称稱])\s*+[:：为]?\s*+[“\"'「『‘]?(?P<short>[^”\"'」』’）)，,。；;：:\s]{1,10})"
)
LATIN_PERSON = re.compile(r"^[A-Z][a-zA-Z'’.-]+(?: [A-Z][a-zA-Z'’.-]+){1,3}$")
QUESTION = re.compile(r"[?？]")
# A generic tag a transcription tool gives a voice: 说话人1, 发言人 2, Speaker 3.
SPEAKER_TAG = re.compile(
    r"^(?:说话人|发言人|讲话人|Speaker|Spk)\s*+[A-Za-z\d]{1,3}$", re.IGNORECASE
)

# How a label was written: bold with a colon is the strongest sign of a label.
COLON, NO_COLON, PLAIN_TEXT = "colon", "no_colon", "plain"
# A name and a time stamp alone on a line (`陈屹 00:21:54`, `00:21:54 陈屹`).
STAMPED = "stamped"
# A whole bold line that doesn't end in a question mark (`**镜湖科技：先说说你的背景。**`).
WHOLE_BOLD = "whole_bold"

# Label styles for the reading report, by pattern.
STYLES = {
    "bold_colon": "bold name with a colon (**名字：**)",
    "bold_then_colon": "bold name, colon after the bold (**名字**：)",
    "bold_question": "whole bold question (**名字：…？**)",
    "bold_whole": "whole bold line by the questioner (**名字：…。**)",
    "bold_no_colon": "bold name without a colon (**名字**)",
    "bracket": "name in lenticular brackets (【名字】)",
    "plain": "plain name with a colon (名字：)",
    "stamped": "name and time stamp on a line of their own (名字 00:21:54)",
    "unlabelled_question": "question set off by type, no name (**…？**, 问：…, ——…)",
    "unlabelled_answer": "answer without a label (the plain paragraphs after a question)",
    "caption_voice": "caption cue with a voice tag (<v 名字>)",
    "caption_prefix": "caption cue opening with a name (名字：…)",
    "caption_bracket": "caption cue opening with a name in brackets ([名字] …)",
}
STAMP_STYLES = {
    "before": "time stamp before the name ([00:21:54] 名字)",
    "after": "time stamp after the name (名字（00:21:54）)",
}


@dataclass(frozen=True)
class Label:
    name: str  # the name as written, markup removed
    rest: str  # speech on the same line after the label, markup still in
    form: str  # COLON, NO_COLON, PLAIN_TEXT, STAMPED or WHOLE_BOLD
    short: str = ""  # the short form the label announces: 黄仁勋（以下简称黄）
    note: str = ""  # a bracketed note after the name: 主持人（王芳）, Sam Altman（OpenAI CEO）
    style: str = ""  # which of STYLES
    stamp_at: str = ""  # where a time stamp stood: "before" or "after" the name, or ""
    stamp_text: str = ""  # the time stamp as written
    stamp: float | None = None  # its seconds; None when absent or impossible (99:99:99)


# Words that open plain lines of speech with a colon (`比如：…`, `第一：…`) and so recur
# like labels, but name nobody.
DISCOURSE_WORDS = frozenset(
    "比如 例如 譬如 首先 其次 然后 最后 另外 此外 总之 总结 总而言之 注意 备注 注 结论 原因 "
    "答案 提示 重点 例子 举例 也就是说 换句话说 简单来说 我的意思是 时间 地点 来源 链接 地址 "
    "问题 背景 目标 结果 步骤 原文 翻译 译文 摘要 要点 关键词 标签".split()
)
ORDINAL = re.compile(
    r"^(第[一二三四五六七八九十百\d]+[点条个步]?|[一二三四五六七八九十\d]+[、.]?)$"
)


# Reported speech inside a turn: 他说：…, 我问：…, 他们表示：…
SAYING = re.compile(r"(说|问|道|讲|表示|认为|指出|回答|提到|强调|写道)$")


def could_be_name(name: str) -> bool:
    """False for words that open speech with a colon (比如, 第一, 他说); for plain labels."""
    return name not in DISCOURSE_WORDS and not ORDINAL.match(name) and not SAYING.search(name)


def stamp_seconds(match: re.Match) -> float | None:
    """Seconds of a time stamp (h:mm:ss or m:ss); None for an impossible one (99:99:99)."""
    first, second, third = match.group(1), match.group(2), match.group(3)
    if third is None:
        minutes, seconds = int(first), int(second)
        return float(minutes * 60 + seconds) if seconds < 60 else None
    hours, minutes, seconds = int(first), int(second), int(third)
    if minutes >= 60 or seconds >= 60:
        return None
    return float(hours * 3600 + minutes * 60 + seconds)


def _label_stamp(head: str) -> tuple[int, int, str, re.Match] | None:
    """A time stamp standing where a label's stamp stands: before the name at the start
    of the line, or after it before the colon, the bold's end or the line's end."""
    for match in STAMP.finditer(head):
        start, end = match.start(), match.end()
        left, right = head[:start].rstrip(), head[end:].lstrip()
        if left[-1:] and left[-1] in STAMP_OPENERS and right[:1] and right[0] in STAMP_CLOSERS:
            start, end = len(left) - 1, len(head) - len(right) + 1
            left, right = head[:start].rstrip(), head[end:].lstrip()
        if not left.strip("*"):
            return start, end, "before", match
        if not right or right[0] in ":：】" or right.startswith("**"):
            return start, end, "after", match
    return None


def _valid_name(name: str) -> bool:
    if not name or len(name) > 30 or NOT_IN_NAME.search(name):
        return False
    if not any(ch.isalpha() for ch in name):
        return False
    return not name.isdigit()


def find_label(line: str) -> Label | None:
    """The label that opens this line, if the line has the shape of one."""
    line = INVISIBLE.sub("", line).strip()
    if not line:
        return None
    stamp = None
    head, tail = line[:LABEL_HEAD_CHARS], line[LABEL_HEAD_CHARS:]
    if ":" in head:  # every time stamp has one; most lines have none
        stamp = _label_stamp(head)
        if stamp:
            start, end, stamp_at = stamp[0], stamp[1], stamp[2]
            left, right = head[:start].rstrip(), head[end:].lstrip()
            # Meeting tools put a bar between name and time: `张三 | 00:01:23`, `00:01 ｜张三`.
            if stamp_at == "after":
                left = left.rstrip(STAMP_SEPARATORS).rstrip()
            else:
                right = right.lstrip(STAMP_SEPARATORS).lstrip()
            line = (left + " " + right + tail).strip()
    return _label_shape(line, stamp)


_SHAPES = (
    (BOLD_COLON, COLON, "bold_colon"),
    (BOLD_THEN_COLON, COLON, "bold_then_colon"),
    (BOLD_WHOLE, COLON, "bold_question"),
    (BOLD_NO_COLON, NO_COLON, "bold_no_colon"),
    (BRACKET, COLON, "bracket"),
    (PLAIN, PLAIN_TEXT, "plain"),
)
STAMPED_NAME_MAX = 20
TRAILING_DATE = re.compile(r"(?<![\d])\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?$")


def _label_shape(line: str, stamp: tuple | None) -> Label | None:
    if stamp:
        _, _, stamp_at, match = stamp
        stamped = {"stamp_at": stamp_at, "stamp_text": match.group(), "stamp": stamp_seconds(match)}
    else:
        stamped = {}
    for pattern, form, style in _SHAPES:
        match = pattern.match(line)
        if not match:
            continue
        if pattern is BOLD_WHOLE and not QUESTION_END.search(match.group("rest")):
            form, style = WHOLE_BOLD, "bold_whole"
        name = clean_inline(match.group("name"))
        trailing = TRAILING_NOTE.search(name)
        note = trailing.group("note") if trailing else (match.groupdict().get("note") or "")
        note = note.strip()
        short = SHORT_FORM.search(note) if note else None
        if trailing:
            name = name[: trailing.start()].strip()
        if form != PLAIN_TEXT:  # a plain line opening with a bullet is a list item
            name = LEADING_SYMBOLS.sub("", name).strip()
        if not _valid_name(name):
            return None
        short_name = short.group("short").strip() if short else ""
        return Label(name, match.group("rest"), form, short_name, note, style, **stamped)
    if stamp:  # a name alone beside its time stamp: the speech is on the lines below
        name = LEADING_SYMBOLS.sub("", clean_inline(line)).strip()
        if name.endswith(("]", "】")) and not name.startswith(("[", "【")):
            name = name[:-1].strip()  # Zoom writes [Dana Whitfield] 10:02:13
        dated = TRAILING_DATE.search(name)  # 张三 2025-06-12 14:03:05: the time has a date
        if dated and dated.start() > 0:
            name = name[: dated.start()].strip()
        trailing = TRAILING_NOTE.search(name)  # 说话人1（李四） 00:00:20
        note = trailing.group("note").strip() if trailing else ""
        if trailing:
            name = name[: trailing.start()].strip()
        if _valid_name(name) and len(name) <= STAMPED_NAME_MAX:
            return Label(name, "", STAMPED, note=note, style="stamped", **stamped)
    return None


@dataclass(frozen=True)
class Resolved:
    """A label's speaker: canonical name and role, and how we know."""

    speaker: str
    role: str
    known: bool  # from the speakers file or a role prefix, not guessed
    bare_prefix: bool = False  # the label was only a role word such as 主持人
    prefix_role: str | None = None  # role named by a prefix (主持人Melissa Koide)


def _strip_prefix(name: str, prefix: str) -> str | None:
    """The rest of the name after a role prefix, or None when the prefix doesn't open it."""
    norm = unicodedata.normalize("NFKC", name).strip()
    pre = unicodedata.normalize("NFKC", prefix).strip()
    if not norm.casefold().startswith(pre.casefold()):
        return None
    rest = norm[len(pre) :]
    if not rest:
        return ""
    # Single-letter prefixes (Q, A, 问, 答) count alone or numbered (Q1 is the question's
    # number, not another person); "A" must not eat "Altman".
    if len(pre) == 1:
        return "" if rest.isdigit() else None
    if pre[-1].isascii() and pre[-1].isalpha() and rest[0].isascii() and rest[0].isalpha():
        return None
    return rest.strip(" :：-—·")


def resolve_label(name: str, config: SpeakerConfig) -> Resolved | None:
    """Resolve a label through the speakers file and role prefixes; None if unknown."""
    hit = config.lookup(name)
    if hit:
        return Resolved(hit[0], hit[1], known=True, bare_prefix=_is_bare_prefix(name, config))
    for prefix, role in config.prefixes:
        rest = _strip_prefix(name, prefix)
        if rest is None:
            continue
        if rest == "":
            generic = config.lookup(prefix)
            speaker = generic[0] if generic else unicodedata.normalize("NFKC", prefix).strip()
            return Resolved(speaker, role, known=True, bare_prefix=True)
        if len(rest) <= 2 and not re.search(r"[\u4e00-\u9fff]{2}", rest):
            # 观众A, 提问者1: the prefix with a tag is one distinct person.
            return Resolved(unicodedata.normalize("NFKC", name).strip(), role, known=True)
        person = config.lookup(rest)
        speaker = person[0] if person else rest
        return Resolved(speaker, role, known=True, prefix_role=role)
    return None


def _is_bare_prefix(name: str, config: SpeakerConfig) -> bool:
    key = name_key(name)
    return any(name_key(prefix) == key for prefix, _ in config.prefixes)


def looks_like_person(name: str) -> bool:
    """A transliterated or Latin full name (凯文·韦尔, Harry Stebbings): a label even once."""
    return any(dot in name for dot in "·•・‧") or bool(LATIN_PERSON.match(name))


# Common Chinese surnames: a two- to four-character name is a person's when it starts with one.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞"
    "左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕"
    "屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧"
    "闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
    # The same surnames as Traditional Chinese writes them.
    "劉陳楊黃趙吳許馮鄧曾蕭葉蘇魏呂蔣沈盧鍾譚陸範賈韋鄒熊邱薛閻龍賀顧龔萬錢嚴覃溫齊喬龐顏聶鄭"
    "羅謝韓張孫馬高郭何林梁宋唐湯餘杜程曹彭潘袁董於任姚崔石廖夏付方白孟秦江尹段雷侯史陶黎毛郝邵"
)
COMPOUND_SURNAMES = (
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "令狐",
    "夏侯",
)
HAN_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
# Titles that stand before a name in an introduction: 镜湖科技创始人江屿, OpenAI CEO Sam Altman.
TITLE_WORDS = re.compile(
    r"[联聯]合[创創]始人|[创創]始人|[学學]家|[创創][办辦]人|首席[执執]行官|首席技[术術]官|首席科[学學]家|"
    r"[执執]行[长長]|CEO|CTO|COO|CFO|董事[长長]|[总總]裁|[总總][经經]理|合伙人|合夥人|教授|研究[员員]|"
    r"主[编編]|主任|院[长長]|所[长長]|[负負][责責]人|科[学學]家|工程师|工程師|作者|[导導][演]|[制製]片人|"
    r"主持人|主播|[记記]者|[编編][辑輯]|博士|老[师師]|[总總][监監]|[经經]理|[专專]家|分析[师師]|投[资資]人|"
    r"嘉[宾賓]|[创創]业者|[创創]業者|的"
)
# Honorifics after a name: 杨春梅老师, 李明先生.
HONORIFIC_END = re.compile(r"(?:老[师師]|先生|女士|教授|博士|同[学學]|小姐)$")
NOT_A_PERSON = frozenset(
    name_key(w)
    for w in "Host Guest Moderator Interviewer Interviewee Speaker Audience Question Answer CEO "
    "Editor Note".split()
)


def person_name(phrase: str) -> str | None:
    """The person a short phrase names (江屿, 镜湖科技创始人江屿, OpenAI CEO Sam Altman), if any."""
    text = clean_inline(phrase).strip(" “”\"'「」『』‘’")
    text = TRAILING_NOTE.sub("", text).strip()
    if not text or len(text) > 40:
        return None
    text = HONORIFIC_END.sub("", text)
    titles = list(TITLE_WORDS.finditer(text))
    if titles:
        text = text[titles[-1].end() :].strip(" ：:·-—")
    if name_key(text) in NOT_A_PERSON or not text:
        return None
    if LATIN_PERSON.match(text) or re.fullmatch(r"[A-Z][a-z]{1,15}", text):
        return text
    if (
        any(dot in text for dot in "·•・‧")
        and 3 <= len(text) <= 20
        and not NOT_IN_NAME.search(text)
    ):
        return text
    if HAN_NAME.match(text):
        # 2-3 characters after a common surname (4 after a compound one); 谢谢 is no name.
        if text.startswith(COMPOUND_SURNAMES) and len(text) <= 4:
            return text
        if text[0] in SURNAMES and len(text) <= 3 and text[1] != text[0]:
            return text
    return None


def infer_roles(
    speakers: list[str],
    roles: dict[str, str],
    known: set[str],
    asking_share: dict[str, float],
    first_turn: dict[str, int],
    audience_section_from: int | None = None,
    answers_only: set[str] | None = None,
) -> dict[str, str]:
    """Give unknown speakers a role from the conversation, not from how much they talk.

    Whoever mostly asks is a host (a second host too), unless they first speak after the
    audience's questions began (a known audience member spoke, or a section such as
    `## 观众提问` opened) while a host is already there: then they are audience.
    Everyone else who speaks is a guest (every panelist who answers). When nobody asks most
    of the time, the most frequent asker is the host if they open the conversation or ask
    at least twice as often as anyone else. Speakers the speakers file or a prefix placed
    keep their role. A speaker who only ever answers someone else's question (a panelist) is
    never made the host, however much they talk.
    """
    roles = dict(roles)
    answers_only = answers_only or set()
    unknown = [s for s in speakers if s not in known]
    if not unknown:
        return roles
    audience_from = min(
        (first_turn[s] for s in speakers if s in known and roles.get(s) == AUDIENCE),
        default=audience_section_from,
    )
    if audience_section_from is not None:
        audience_from = min(audience_from, audience_section_from)
    has_host = any(roles.get(s) == HOST for s in speakers if s in known)
    for speaker in unknown:
        if asking_share.get(speaker, 0) < 0.5:
            continue
        if speaker in answers_only and any(
            asking_share.get(other, 0) > asking_share[speaker] for other in speakers
        ):
            continue
        late = audience_from is not None and first_turn.get(speaker, 0) >= audience_from
        roles[speaker] = AUDIENCE if late and has_host else HOST
    if not any(roles.get(s) == HOST for s in speakers):
        ranked = sorted(
            (s for s in unknown if s not in answers_only),
            key=lambda s: asking_share.get(s, 0),
            reverse=True,
        ) or sorted(unknown, key=lambda s: asking_share.get(s, 0), reverse=True)
        top = ranked[0]
        runner_up = asking_share.get(ranked[1], 0) if len(ranked) > 1 else 0
        opens = first_turn.get(top) == min(first_turn.values(), default=0)
        share = asking_share.get(top, 0)
        if len(speakers) > 1 and share > 0 and (opens or share >= 2 * runner_up):
            roles[top] = HOST
    for speaker in unknown:
        if roles.get(speaker, OTHER) == OTHER:
            roles[speaker] = GUEST
    return roles
