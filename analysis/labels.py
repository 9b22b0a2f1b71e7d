"""Finding speaker labels in WeChat transcripts and resolving them to people and roles.

Exports mangle the bold markers around labels in many ways (`**主持人：**`, `**主持人**`,
`******Sam Altman:**`, `**Sam Altman：` with the speech below, `**嘉宾Sam Altman: **…`,
a whole bold question `**晚点：为什么？**`), and some accounts write plain `张三：…`,
so a label is recognised by its shape first and accepted only when the name is known or
recurs; bold emphasis and the editor's bold headlines look alike but don't pass.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from analysis.config import SpeakerConfig, name_key
from analysis.markup import INVISIBLE, clean_inline
from analysis.schema import GUEST, HOST, OTHER

_NAME = r"[^*\n:：]{1,40}?"
# Colon inside the bold: `**名字：**`, `**名字：` (speech below), `****名字:****`, `**名字: **…`.
BOLD_COLON = re.compile(rf"^\*{{2,}}\s*(?P<name>{_NAME})\s*[:：]\s*(?:\*{{2,}}|$)(?P<rest>.*)$")
# Colon after the bold, maybe after a note: `**名字**：…`, `**名字**（OpenAI CEO）：…`.
_NOTE = r"(?:\s*[（(][^）)\n]{0,30}[）)])?"
BOLD_THEN_COLON = re.compile(
    rf"^\*{{2,}}\s*(?P<name>{_NAME})\s*\*{{2,}}{_NOTE}\s*[:：]\s*(?P<rest>.*)$"
)
# A whole bold question: `**晚点：你们为什么做医疗？**`, `**Q：产品是什么？**`. Only questions:
# editors also bold a quote as a highlight (`**Sam Altman：AGI 会比想象中来得早**`).
BOLD_SPEECH = re.compile(
    rf"^\*{{2,}}\s*(?P<name>{_NAME})\s*[:：]\s*(?P<rest>[^*]+?[?？][”\"）)]?)\s*\*{{2,}}\s*$"
)
# No colon at all: `**主持人** …` or `**主持人**` alone on its line.
BOLD_NO_COLON = re.compile(
    rf"^\*{{2,}}\s*(?P<name>{_NAME})\s*\*{{2,}}(?!{_NOTE}\s*[:：])\s*(?P<rest>.*)$"
)
# In lenticular brackets: `【主持人】…`; editors use them for headings too (`【导读】`), so a
# bracketed name must be known or recur.
BRACKET = re.compile(r"^【(?P<name>[^】\n]{1,30})】\s*[:：]?\s*(?P<rest>.*)$")
# Plain text `名字：…`, accepted only for known names or names that recur often.
PLAIN = re.compile(r"^(?P<name>[^*\s:：#>!\[][^*\n:：]{0,29}?)\s*[:：]\s*(?P<rest>.*)$")

# A time stamp in a label (`**主持人（00:01:23）：**`, `**Sam 12:05**`) is not part of the name.
LABEL_TIMESTAMP = re.compile(
    r"[\s（(\[]*\d{1,2}:\d{2}(?::\d{2})?[\s）)\]]*(?=\**\s*[:：]|\*{2,}|】|\s*$)"
)
LABEL_HEAD_CHARS = 60
# Emoji and bullets an account puts before a name (`**🎙️ 主持人：**`, `▍Sam：`).
LEADING_SYMBOLS = re.compile(r"^[^\w（(]+")
NOT_IN_NAME = re.compile(r"[，,。!！?？、；;“”\"《》【】…|/\\<>=]")
TRAILING_NOTE = re.compile(r"\s*[（(][^）)]{0,30}[）)]\s*$")
SHORT_FORM = re.compile(r"(?:以下)?(?:简称|下称|称)\s*[“\"'「『]?(?P<short>[^”\"'」』）)]{1,10})")
LATIN_PERSON = re.compile(r"^[A-Z][a-zA-Z'’.-]+(?: [A-Z][a-zA-Z'’.-]+){1,3}$")
QUESTION = re.compile(r"[?？]")

GUEST_SHARE_OF_MAIN = 0.2

# How a label was written: bold with a colon is the strongest sign of a label.
COLON, NO_COLON, PLAIN_TEXT = "colon", "no_colon", "plain"


@dataclass(frozen=True)
class Label:
    name: str  # the name as written, markup removed
    rest: str  # speech on the same line after the label, markup still in
    form: str  # COLON, NO_COLON or PLAIN_TEXT
    short: str = ""  # the short form the label announces: 黄仁勋（以下简称黄）


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
    head = line[:LABEL_HEAD_CHARS]
    if ":" in head:  # every time stamp has one; most lines have none
        line = LABEL_TIMESTAMP.sub("", head, count=1) + line[LABEL_HEAD_CHARS:]
    for pattern, form in (
        (BOLD_COLON, COLON),
        (BOLD_THEN_COLON, COLON),
        (BOLD_SPEECH, COLON),
        (BOLD_NO_COLON, NO_COLON),
        (BRACKET, COLON),
        (PLAIN, PLAIN_TEXT),
    ):
        match = pattern.match(line)
        if match:
            name = clean_inline(match.group("name"))
            note = TRAILING_NOTE.search(name)
            short = SHORT_FORM.search(note.group()) if note else None
            name = TRAILING_NOTE.sub("", name).strip()
            if form != PLAIN_TEXT:  # a plain line opening with a bullet is a list item
                name = LEADING_SYMBOLS.sub("", name).strip()
            if _valid_name(name):
                short_name = short.group("short").strip() if short else ""
                return Label(name, match.group("rest"), form, short_name)
            return None
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
    return "·" in name or bool(LATIN_PERSON.match(name))


def infer_roles(
    speakers: list[str],
    roles: dict[str, str],
    known: set[str],
    chars: dict[str, int],
    question_share: dict[str, float],
) -> dict[str, str]:
    """Give unknown speakers a role: the main unknown talkers are guests, a questioner the host.

    Only speakers that neither the speakers file nor a prefix placed are changed, and only
    when the article lacks that role; otherwise they stay `other`.
    """
    roles = dict(roles)
    unknown = [s for s in speakers if s not in known]
    if not unknown:
        return roles
    unknown.sort(key=lambda s: chars.get(s, 0), reverse=True)
    if GUEST not in roles.values():
        talkers = [s for s in unknown if question_share.get(s, 0) < 0.5]
        if talkers:
            # A panel has several guests: everyone who mostly answers and talks at least
            # a fifth as much as the main talker.
            floor = GUEST_SHARE_OF_MAIN * chars.get(talkers[0], 0)
            for talker in talkers:
                if chars.get(talker, 0) >= floor:
                    roles[talker] = GUEST
    if HOST not in roles.values():
        asker = next(
            (s for s in unknown if roles.get(s) == OTHER and question_share.get(s, 0) >= 0.5),
            None,
        )
        if asker:
            roles[asker] = HOST
    return roles
