"""Questions and their answers: which turns ask, of what type, and the exchanges they open.

The rules (docs/analysis.md, "Questions and answers", states them for people):

- A **questioner** is a speaker whose role is host or audience. A guest's question is part
  of an answer.
- A questioner's turn **asks** when one of its sentences ends in ？ or ?; without one, when
  a sentence holds a lead-in (请问, 我想知道, 好奇, "I wonder", "I'm curious"), or its last
  sentence holds a request to talk (谈谈, 介绍一下, 一点建议, "tell us", "walk us
  through") or, in its last clause, a question word (什么, 怎么, 为什么, 如何, 哪些 …; in
  English a clause opening as a question: "what do", "how many", "why build", "do you")
  or a yes/no form (吗 at the end, 是不是 and every A-不-A form, 是否, 能否 …).
- An **exchange** starts at a turn that asks. Turns of the asker's side (hosts for a host,
  the audience for an audience member) that follow before anyone answers belong to the
  question: a run of questions before one answer is one exchange. The **answer** is every
  turn after it, up to the next exchange, by the people the question is put to: guests
  (and anyone neither host nor audience) for a host's question; guests and hosts for an
  audience question, since hosts answer the audience too. A host's asking turn after an
  audience question that no guest has answered yet is part of that answer; otherwise a
  questioner's asking turn after an answer (or from the other side) opens the next
  exchange. Other turns inside an exchange (the host's "谢谢" after an answer) belong to
  neither part.
- The **type** of a question is the most open of its asking sentences (an asker who adds
  "你怎么看？" to "是不是这样？" leaves the answer open). A sentence is **open** when it
  asks for an account (a request to talk, however it is put: "你能谈谈……吗？", "Can you
  tell us about…?") or, without a yes/no form, with a question word; **closed** when it
  has a yes/no form (吗 at the end, A-不-A, 是否, 能否, 对吧; an English clause opening
  with an auxiliary: "is", "do", "can" …; a tag: "right?") or offers a choice (还是,
  或者); else it is a **statement** posing as a question ("我们的免疫系统将会被建立起来？",
  "I'm curious about your plans."). A yes/no form makes the question words in it
  indefinites: "你有什么建议吗？" asks whether there is any.

Sentences with Chinese characters are read with the Chinese cues, others with the English
ones. Everything here is plain string work over each turn once (no pattern engine), so the
time is linear in the text whatever it holds.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from analysis import schema as s

QUESTIONERS = (s.HOST, s.AUDIENCE)
OPEN, CLOSED, STATEMENT = s.OPEN, s.CLOSED, s.STATEMENT
QUESTION, ANSWER = s.QUESTION, s.ANSWER  # a turn's part of its exchange

# Why an article (or a selection) has no exchanges, for an empty state to say.
NO_QUESTIONER = "no_questioner"  # nobody in it is a host or audience member
NO_QUESTIONS = "no_questions"  # questioners speak, but no turn of theirs asks

SEPARATOR = "、"  # between the names of several answerers (as between participants)
COMMON_WORDS = 2_000  # jieba's most frequent words: too common to link two exchanges

# ---------------------------------------------------------------- sentences

ENDS = frozenset("。！？!?；;\n")
QUESTION_MARKS = frozenset("？?")
CLOSERS = frozenset("”’\"'）)】」』》] \t")  # stay with the sentence they close
ELLIPSIS = "…"


def sentences(text: str) -> list[str]:
    """The text's sentences, each with its end mark and the quotes or brackets closing it.

    A sentence ends at 。！？!?；; or a line break, at "……", and at a full stop followed by
    a space or the end (so 3.5 and GPT-4.5 stay whole).
    """
    found: list[str] = []
    start, i, n = 0, 0, len(text)
    while i < n:
        ch = text[i]
        end = ch in ENDS or (ch == "." and (i + 1 == n or text[i + 1].isspace()))
        if ch == ELLIPSIS and i + 1 < n and text[i + 1] == ELLIPSIS:
            end, i = True, i + 1
        if end:
            i += 1
            while i < n and (text[i] in ENDS or text[i] in CLOSERS or text[i] == "."):
                i += 1
            piece = text[start:i].strip()
            if piece:
                found.append(piece)
            start = i
            continue
        i += 1
    piece = text[start:].strip()
    if piece:
        found.append(piece)
    return found


def ends_in_question_mark(sentence: str) -> bool:
    """True when the run of marks ending the sentence (quotes and brackets aside) holds
    ？ or ? ("真的？", "真的？！", "“是吗？”")."""
    for ch in reversed(sentence):
        if ch in CLOSERS:
            continue
        if ch in QUESTION_MARKS:
            return True
        if ch not in ENDS and ch not in ".…":
            return False
    return False


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


def has_han(text: str) -> bool:
    return any(is_han(ch) for ch in text)


def _core(sentence: str) -> str:
    """The sentence without its end marks, closing quotes and spaces."""
    end = len(sentence)
    while end and (
        sentence[end - 1] in ENDS or sentence[end - 1] in CLOSERS or sentence[end - 1] in ".…"
    ):
        end -= 1
    return sentence[:end]


# ---------------------------------------------------------------- Chinese cues

ZH_OPEN = (
    "什么",
    "怎么",
    "怎样",
    "为什么",
    "为何",
    "如何",
    "哪里",
    "哪儿",
    "哪些",
    "哪个",
    "哪一",
    "哪种",
    "哪家",
    "哪位",
    "哪方面",
    "谁",
    "多少",
    "多久",
    "多大",
    "多长",
    "多远",
    "有多",
    "几个",
    "几年",
    "几次",
    "何时",
    "何种",
)
# Question words in phrases that ask nothing ("什么都可以", "无论如何", "哪怕").
ZH_NOT_ASKING = (
    "什么都",
    "什么也",
    "没什么",
    "没有什么",
    "不管",
    "无论",
    "不论",
    "什么的",
    "怎么都",
    "怎么也",
    "多少都",
    "多少也",
    "哪怕",
    "谁都",
    "谁也",
)
ZH_REQUEST = (
    "谈谈",
    "谈一谈",
    "谈一下",
    "说说",
    "说一说",
    "说一下",
    "讲讲",
    "讲一讲",
    "讲一下",
    "聊聊",
    "聊一聊",
    "聊一下",
    "介绍一下",
    "介绍下",
    "分享一下",
    "分享下",
    "展开讲",
    "展开说",
    "展开谈",
    "详细说",
    "详细谈",
    "详细讲",
    "解释一下",
    "描述一下",
    "举个例子",
    "举一个",
    "想听听",
    "听听你",
    "一点建议",
    "一些建议",
    "个建议",
    "些建议",
)
ZH_LEAD = ("请问", "想问", "问一下", "问问", "想知道", "想了解", "好奇")
ZH_CLOSED = (
    "是否",
    "能否",
    "可否",
    "有没有",
    "可不可以",
    "可以不可以",
    "难道",
    "对吧",
    "是吧",
    "对不对",
    "是不是",
)
# "A 还是 B？" asks to choose; in a statement 还是 means "still" and 或者 "or".
ZH_CLOSED_TYPE_ONLY = ("还是", "或者", "或是")
ZH_FINAL_CLOSED = ("吗",)  # not 么: 什么 ends in it
ZH_FINAL_OPEN = ("呢",)


def _zh_open_word(core: str) -> bool:
    cleared = core
    for phrase in ZH_NOT_ASKING:
        if phrase in cleared:
            cleared = cleared.replace(phrase, "　")
    return any(word in cleared for word in ZH_OPEN)


def _a_not_a(core: str) -> bool:
    """是不是, 会不会, 愿不愿意, 有没有: a character, 不 or 没, the same character."""
    for i in range(len(core) - 2):
        if core[i + 1] in "不没" and core[i] == core[i + 2] and is_han(core[i]):
            return True
    return False


def _zh_request(core: str) -> bool:
    return any(word in core for word in ZH_REQUEST)


def _zh_closed(core: str) -> bool:
    """A yes/no form: a closing 吗, an A-不-A form, 是否, 能否, 对吧 …"""
    return core.endswith(ZH_FINAL_CLOSED) or _a_not_a(core) or any(w in core for w in ZH_CLOSED)


def _zh_type(core: str) -> str:
    """A request to talk is open however it is put; a yes/no form makes the question words
    in it indefinites ("你有什么建议吗？" asks whether there is any); then question words,
    a choice (A 还是 B), a closing 呢 ("那你呢？") or 吧."""
    if _zh_request(core):
        return OPEN
    if _zh_closed(core):
        return CLOSED
    if _zh_open_word(core):
        return OPEN
    if any(word in core for word in ZH_CLOSED_TYPE_ONLY):
        return CLOSED
    if core.endswith(ZH_FINAL_OPEN):
        return OPEN
    if core.endswith("吧"):
        return CLOSED
    return STATEMENT


ZH_CLAUSE_BREAKS = frozenset("，,、：:；;")


def _last_clause(core: str) -> str:
    for i in range(len(core) - 1, -1, -1):
        if core[i] in ZH_CLAUSE_BREAKS:
            return core[i + 1 :]
    return core


def _zh_asks(core: str) -> bool:
    """Without a question mark, the turn's last sentence asks by a request to talk, or by a
    question word or yes/no form in its last clause (what comes last is what is put to the
    listener; "了解什么可能出错，我认为这很重要" asks nothing)."""
    clause = _last_clause(core)
    return _zh_request(core) or _zh_open_word(clause) or _zh_closed(clause)


def _zh_lead(core: str) -> bool:
    return any(word in core for word in ZH_LEAD)


# ---------------------------------------------------------------- English cues

EN_WH = frozenset({"what", "why", "how", "which", "who", "whom", "whose", "where", "when"})
EN_SUBORDINATING_WH = frozenset({"when", "where"})  # "When we launched, …" asks nothing
EN_AUX = frozenset(
    {
        "is",
        "are",
        "was",
        "were",
        "am",
        "do",
        "does",
        "did",
        "can",
        "could",
        "will",
        "would",
        "shall",
        "should",
        "may",
        "might",
        "must",
        "have",
        "has",
        "had",
        "isn't",
        "aren't",
        "wasn't",
        "weren't",
        "don't",
        "doesn't",
        "didn't",
        "can't",
        "couldn't",
        "won't",
        "wouldn't",
        "shouldn't",
        "haven't",
        "hasn't",
        "hadn't",
        "mustn't",
    }
)
EN_SUBJECTS = frozenset(
    {"you", "we", "they", "it", "he", "she", "i", "that", "this", "there", "anyone", "people"}
)
EN_FILLERS = frozenset(
    {
        "so",
        "and",
        "but",
        "or",
        "okay",
        "ok",
        "well",
        "now",
        "then",
        "also",
        "oh",
        "alright",
        "yeah",
        "yes",
        "um",
        "uh",
        "like",
        "just",
        "actually",
        "look",
        "listen",
        "anyway",
        "finally",
        "lastly",
        "next",
        "first",
        "second",
        "great",
        "right",
    }
)
EN_HOW_MUCH = frozenset({"much", "many", "long", "far", "often", "big", "soon", "fast"})
EN_REQUEST = (
    "tell us",
    "tell me",
    "talk about",
    "talk us through",
    "talk me through",
    "walk us through",
    "walk me through",
    "describe",
    "explain",
    "elaborate",
    "say more",
    "share with us",
    "help us understand",
    "give us a sense",
    "give us an example",
)
EN_LEAD = (
    "i wonder",
    "i'm wondering",
    "i am wondering",
    "i'm curious",
    "i am curious",
    "i'd love to hear",
    "i would love to hear",
    "i'd like to know",
    "i would like to know",
    "i want to know",
    "my question is",
)
EN_TAG_WORDS = frozenset({"right", "correct", "true", "no", "yes", "eh", "yeah"})
CLAUSE_BREAKS = frozenset(",;:—–")
APOSTROPHES = {"\u2019": "'", "\u2018": "'"}


def _words(text: str) -> list[str]:
    """Lower-cased words (letters, digits and apostrophes), in order."""
    words, current = [], []
    for ch in text.lower():
        ch = APOSTROPHES.get(ch, ch)
        if ch.isalnum() or (ch == "'" and current):
            current.append(ch)
        elif current:
            words.append("".join(current).rstrip("'"))
            current = []
    if current:
        words.append("".join(current).rstrip("'"))
    return [w for w in words if w]


def _clauses(core: str) -> list[list[str]]:
    clauses, start = [], 0
    for i, ch in enumerate(core):
        if ch in CLAUSE_BREAKS or (ch == "-" and 0 < i < len(core) - 1 and core[i - 1] == " "):
            clauses.append(_words(core[start:i]))
            start = i + 1
    clauses.append(_words(core[start:]))
    return [c for c in clauses if c]


def _opening(words: list[str]) -> list[str]:
    i = 0
    while i < len(words) - 1 and words[i] in EN_FILLERS:
        i += 1
    return words[i:]


def _wh_of(word: str) -> str | None:
    base = word.split("'", 1)[0]
    return base if base in EN_WH else None


def _en_clause_type(words: list[str], last: bool) -> str | None:
    """open or closed when the clause opens like a question, else None."""
    words = _opening(words)
    if not words:
        return None
    wh = _wh_of(words[0])
    if wh is not None and (last or wh not in EN_SUBORDINATING_WH):
        return OPEN
    if words[0] in EN_AUX and len(words) > 1:
        return CLOSED
    return None


def _en_type(core: str) -> str:
    lowered = " ".join(_words(core))
    if any(phrase in lowered for phrase in EN_REQUEST):
        return OPEN
    clauses = _clauses(core)
    for number, clause in enumerate(clauses):
        found = _en_clause_type(clause, last=number == len(clauses) - 1)
        if found is not None:
            return found
    words = lowered.split()
    if any(_wh_of(word) in EN_WH for word in words if _wh_of(word)):
        return OPEN  # an embedded question: "I wonder how you did it"
    if words and (words[-1] in EN_TAG_WORDS or (len(words) > 1 and words[-2] in EN_AUX)):
        return CLOSED  # "…, right?", "…, isn't it?"
    return STATEMENT


def _en_asks(core: str) -> bool:
    """Without a question mark, the turn's last sentence asks by a request to talk, or by
    its last clause opening as a question ("what do", "how many", "why build", "do you")."""
    lowered = " ".join(_words(core))
    if any(phrase in lowered for phrase in EN_REQUEST):
        return True
    for clause in _clauses(core)[-1:]:
        words = _opening(clause)
        if len(words) < 2:
            continue
        first, second = words[0], words[1]
        wh = _wh_of(first)
        if wh is not None and wh not in EN_SUBORDINATING_WH:
            if "'" in first or second in EN_AUX or wh == "why" or second in EN_HOW_MUCH:
                return True
        if first in EN_AUX and second in EN_SUBJECTS:
            return True
    return False


def _en_lead(core: str) -> bool:
    lowered = " ".join(_words(core))
    return any(phrase in lowered for phrase in EN_LEAD)


# ---------------------------------------------------------------- turns


def asking_sentences(text: str) -> list[str]:
    """The sentences by which a questioner's turn asks; none when it asks nothing.

    Every sentence ending in ？ or ?; without one, the sentences holding a lead-in (请问,
    我想知道, "I'm curious"), or else the last sentence when it asks by a cue (a request to
    talk, or a question word or yes/no form in its last clause)."""
    found = sentences(text)
    marked = [sentence for sentence in found if ends_in_question_mark(sentence)]
    if marked or not found:
        return marked
    cores = [_core(sentence) for sentence in found]
    led = [
        sentence
        for sentence, core in zip(found, cores, strict=True)
        if (_zh_lead(core) if has_han(core) else _en_lead(core))
    ]
    if led:
        return led
    last = cores[-1]
    return [found[-1]] if (_zh_asks(last) if has_han(last) else _en_asks(last)) else []


def asks(text: str) -> bool:
    """Whether a questioner's turn with this text asks something (see the module's rules)."""
    return bool(asking_sentences(text))


def question_answered(turns: pd.DataFrame, turn: int) -> pd.Series | None:
    """The question a turn answers: the nearest earlier turn by another speaker that asks
    (a questioner's turn, by `asks`). A remark by someone else in between (a co-host's
    aside) is skipped; None when no one asked anything before it. `turns` is one article's."""
    ordered = turns.sort_values(s.TURN)
    here = ordered[ordered[s.TURN] == turn]
    if here.empty:
        return None
    speaker = here[s.SPEAKER].iloc[0]
    earlier = ordered[
        (ordered[s.TURN] < turn)
        & (ordered[s.SPEAKER] != speaker)
        & ordered[s.ROLE].isin(QUESTIONERS)
    ]
    for _, row in earlier.iloc[::-1].iterrows():  # nearest first: most stop at once
        if asks(str(row[s.TEXT])):
            return row
    return None


def sentence_type(sentence: str) -> str:
    """open, closed or statement for one asking sentence."""
    core = _core(sentence)
    return _zh_type(core) if has_han(core) else _en_type(core)


TYPE_ORDER = (OPEN, CLOSED, STATEMENT)  # the most open sentence gives a question its type


def question_type(texts: str | Iterable[str]) -> str | None:
    """open, closed or statement for a question (one turn's text or a run of them): the
    most open of its asking sentences, since an asker who adds "你怎么看？" to "是不是
    这样？" leaves the answer open. None when nothing in it asks."""
    texts = [texts] if isinstance(texts, str) else list(texts)
    return type_of_sentences(sentence for text in texts for sentence in asking_sentences(text))


def type_of_sentences(asking: Iterable[str]) -> str | None:
    """The most open type of these asking sentences; None without any."""
    found = {sentence_type(sentence) for sentence in asking}
    return next((kind for kind in TYPE_ORDER if kind in found), None)


# ---------------------------------------------------------------- exchanges


@dataclass
class _Exchange:
    number: int
    first_turn: int
    asker: str
    asker_role: str
    position: float
    question: list[tuple[int, str, int]] = field(default_factory=list)  # turn, text, chars
    asking: list[str] = field(default_factory=list)  # the asking sentences of its turns
    answer: list[tuple[int, str, int]] = field(default_factory=list)  # turn, speaker, chars
    guest_answered: bool = False


def _answers(asker_role: str, role: str) -> bool:
    """Whether a turn by someone of `role` answers a question asked by `asker_role`."""
    if asker_role == s.AUDIENCE:
        return role != s.AUDIENCE
    return role not in QUESTIONERS


def _same_side(asker_role: str, role: str) -> bool:
    return role == asker_role


def article_exchanges(turns: pd.DataFrame) -> list[_Exchange]:
    """The exchanges of one article's turns (in turn order), by the rules above."""
    return _exchanges_of(
        zip(
            turns[s.TURN].tolist(),
            turns[s.SPEAKER].astype(object).tolist(),
            turns[s.ROLE].astype(object).tolist(),
            turns[s.TEXT].astype(object).tolist(),
            turns[s.CHARS].tolist(),
            strict=True,
        )
    )


def _exchanges_of(records: Iterable[tuple]) -> list[_Exchange]:
    """The exchanges of one article's (turn, speaker, role, text, chars), in turn order."""
    records = list(records)
    total = float(sum(int(chars) for *_, chars in records))
    exchanges: list[_Exchange] = []
    current: _Exchange | None = None
    before = 0.0
    for turn, speaker, role, text, chars in records:
        turn, chars, text = int(turn), int(chars), str(text)
        asked = asking_sentences(text) if role in QUESTIONERS else []
        if current is not None:
            unanswered = not current.answer
            if asked and unanswered and _same_side(current.asker_role, role):
                current.question.append((turn, text, chars))
                current.asking += asked
                before += chars
                continue
            hosts_answer = current.asker_role == s.AUDIENCE and role == s.HOST
            if asked and hosts_answer and not current.guest_answered:
                current.answer.append((turn, speaker, chars))
                before += chars
                continue
            if not asked:
                if _answers(current.asker_role, role):
                    current.answer.append((turn, speaker, chars))
                    current.guest_answered |= role not in QUESTIONERS
                elif unanswered and _same_side(current.asker_role, role):
                    current.question.append((turn, text, chars))
                before += chars
                continue
        if asked:
            current = _Exchange(
                number=len(exchanges) + 1,
                first_turn=turn,
                asker=str(speaker),
                asker_role=str(role),
                position=before / total if total > 0 else 0.0,
                question=[(turn, text, chars)],
                asking=list(asked),
            )
            exchanges.append(current)
        before += chars
    return exchanges


@dataclass(frozen=True)
class Exchanges:
    """A corpus's exchanges as the store keeps them: one row each (`rows`, the stored
    columns of the exchanges table) and one row per question or answer turn (`parts`:
    article, turn, exchange, part)."""

    rows: pd.DataFrame
    parts: pd.DataFrame


STORED_COLUMNS = [
    s.ARTICLE_ID,
    s.EXCHANGE,
    s.TURN,
    s.ASKER,
    s.ASKER_ROLE,
    s.QUESTION_TURNS,
    s.QUESTION_TEXT,
    s.QUESTION_CHARS,
    s.QUESTION_TYPE,
    s.ANSWER_TURN,
    s.ANSWERERS,
    s.ANSWER_TURNS,
    s.ANSWER_CHARS,
    s.POSITION,
]
PART_COLUMNS = [s.ARTICLE_ID, s.TURN, s.EXCHANGE, s.PART]
_ROW_TYPES = {
    s.EXCHANGE: "int64",
    s.TURN: "int64",
    s.QUESTION_TURNS: "int64",
    s.QUESTION_CHARS: "int64",
    s.ANSWER_TURN: "Int64",
    s.ANSWER_TURNS: "int64",
    s.ANSWER_CHARS: "int64",
    s.POSITION: "float64",
}


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def find_exchanges(turns: pd.DataFrame) -> Exchanges:
    """Every exchange of every article in `turns` (the turns table), articles in the order
    they come, by the rules of this module."""
    rows: list[dict] = []
    parts: list[tuple] = []
    if len(turns):
        ordered = turns.sort_values([s.ARTICLE_ID, s.TURN], kind="stable")
        articles = ordered[s.ARTICLE_ID].astype(object).tolist()
        records = list(
            zip(
                ordered[s.TURN].tolist(),
                ordered[s.SPEAKER].astype(object).tolist(),
                ordered[s.ROLE].astype(object).tolist(),
                ordered[s.TEXT].astype(object).tolist(),
                ordered[s.CHARS].tolist(),
                strict=True,
            )
        )
        spans: dict[str, list[int]] = {}
        for index, article_id in enumerate(articles):
            spans.setdefault(article_id, [index, index])[1] = index + 1
        for article_id in pd.unique(turns[s.ARTICLE_ID].astype(object)):
            start, end = spans[article_id]
            for exchange in _exchanges_of(records[start:end]):
                answer_chars = sum(chars for _, _, chars in exchange.answer)
                rows.append(
                    {
                        s.ARTICLE_ID: article_id,
                        s.EXCHANGE: exchange.number,
                        s.TURN: exchange.first_turn,
                        s.ASKER: exchange.asker,
                        s.ASKER_ROLE: exchange.asker_role,
                        s.QUESTION_TURNS: len(exchange.question),
                        s.QUESTION_TEXT: "\n".join(text for _, text, _ in exchange.question),
                        s.QUESTION_CHARS: sum(chars for _, _, chars in exchange.question),
                        s.QUESTION_TYPE: type_of_sentences(exchange.asking) or STATEMENT,
                        s.ANSWER_TURN: exchange.answer[0][0] if exchange.answer else None,
                        s.ANSWERERS: SEPARATOR.join(_unique(who for _, who, _ in exchange.answer)),
                        s.ANSWER_TURNS: len(exchange.answer),
                        s.ANSWER_CHARS: answer_chars,
                        s.POSITION: exchange.position,
                    }
                )
                parts += [
                    (article_id, t, exchange.number, QUESTION) for t, _, _ in exchange.question
                ]
                parts += [(article_id, t, exchange.number, ANSWER) for t, _, _ in exchange.answer]
    table = pd.DataFrame(rows, columns=STORED_COLUMNS).astype(_ROW_TYPES)
    part_table = pd.DataFrame(parts, columns=PART_COLUMNS).astype(
        {s.TURN: "int64", s.EXCHANGE: "int64"}
    )
    return Exchanges(table, part_table)


def why_no_exchanges(turns: pd.DataFrame) -> str | None:
    """NO_QUESTIONER or NO_QUESTIONS when these turns (one article's, or several) hold no
    exchange, else None."""
    if not len(turns) or not turns[s.ROLE].astype(object).isin(QUESTIONERS).any():
        return NO_QUESTIONER
    if find_exchanges(turns).rows.empty:
        return NO_QUESTIONS
    return None


# Words about the asking rather than the subject: every interview's questions use them.
ASKING_WORDS = (
    "看法",
    "想法",
    "观点",
    "问题",
    "回答",
    "话题",
    "提问",
    "听听",
    "很想",
    "谈谈",
    "聊聊",
    "说说",
    "分享",
    "介绍",
    "好奇",
    "请问",
    "question",
    "questions",
    "answer",
    "thoughts",
    "curious",
)


@functools.cache
def common_words(n: int = COMMON_WORDS) -> tuple[str, ...]:
    """Words too common to say that two exchanges are about the same thing: the `n` most
    frequent words of jieba's own dictionary (希望, 时间, 使用, 重要 …) and the words of
    asking (看法, 问题, 谈谈 …), folded as tokens are. The themes link the topical common
    words (安全, 教育)."""
    import heapq

    import jieba

    with jieba.Tokenizer().get_dict_file() as lines:
        counted = (line.decode("utf-8").split(" ")[:2] for line in lines)
        ranked = heapq.nlargest(
            n, ((int(count), word) for word, count in counted if count.isdigit())
        )
    return tuple(sorted({word.casefold() for _, word in ranked} | set(ASKING_WORDS)))


def exchange_comparison(store, a, b=None, min_count: int = 3):
    """Keyness of exchange side A against B, as the Terms page compares two selections
    (`measures.compare.comparison`): e.g. the answers to questions about one theme against
    the answers to questions about another. `a` and `b` are
    `analysis.store.exchanges.ExchangeSide`s (B None: the same part of every other
    exchange). Returns the `compare.Overlap` of the two sides and the `comparison` table,
    empty when they can't be compared (`Overlap.problem()` says why)."""
    from analysis.measures.compare import Overlap
    from analysis.measures.keyness import compare_counts
    from analysis.store.exchanges import side_term_frequencies, side_turn_counts

    counts = side_term_frequencies(store, a, b)
    turns = side_turn_counts(store, a, b)
    sizes = Overlap(
        int(turns["turns_a"]),
        int(turns["turns_b"]),
        int(turns["shared"]),
        int(counts[s.COUNT_A].sum()),
        int(counts[s.COUNT_B].sum()),
    )
    if sizes.problem() is not None:
        return sizes, pd.DataFrame(columns=s.COMPARISON.names)
    return sizes, compare_counts(counts, min_count=min_count)
