"""The unlabelled Q&A: questions set off by type, answers with no label at all.

Chinese magazines and newspapers print interviews this way: the reporter's questions are
whole bold paragraphs (bold runs in a Word file), or paragraphs led by `问：`, `Q：` or `——`,
and each answer is the plain paragraphs up to the next question. Nothing names the two
people on those lines, so the layout is decided from the whole article: questions must
alternate with plain paragraphs, and bold paragraphs must read as questions (most end in a
question mark, or they are led by a question marker), so that an essay with bold
subheadings is never read as an interview.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.ingest.labels import COLON, QUESTION_END, Label
from analysis.ingest.markup import clean_inline

UNLABELLED_QUESTION, UNLABELLED_ANSWER = "unlabelled_question", "unlabelled_answer"
GENERIC_QUESTIONER, GENERIC_ANSWERER = "记者", "受访者"
# 问：…, Q：…, Q1. …, **问：** …, ——…
QUESTION_LEAD = re.compile(
    r"^\s*+(?:\*\*)?\s*+(?:(?:问|問|Q)\s*+\d{0,3}\s*+(?:\*\*)?\s*+[:：.、]|——|—|－－|--(?!-))\s*+(?:\*\*)?\s*+"
)
# Bold lines that head sections rather than ask: **一、…**, **1. …**, **Part 2**.
SECTION_LEAD = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、.．)]|[（(][一二三四五六七八九十\d]{1,3}[）)]|part\s*+\d)",
    re.IGNORECASE,
)
MIN_QUESTIONS = 3  # bold questions alone; a question marker is stronger evidence
MIN_LED_QUESTIONS = 2
ANSWERED_SHARE = 0.75  # of questions followed by a plain paragraph
ASKING_SHARE = 0.5  # of bold paragraphs ending in a question mark


@dataclass(frozen=True)
class QuestionLine:
    index: int
    text: str  # the question without its markers
    led: bool  # led by 问, Q or ——, not only bold


def whole_bold(line: str) -> str | None:
    """The text of a line that is bold from end to end (`**问题？**`, `**问** **题**`)."""
    text = line.strip()
    if not (text.startswith("**") and text.endswith("**")) or len(text) < 6:
        return None
    parts = text.split("**")
    plain = "".join(parts[0::2])
    if any(ch.isalnum() for ch in plain):
        return None
    inner = clean_inline(text)
    return inner or None


def question_line(index: int, line: str) -> QuestionLine | None:
    """The line as a question set off by type, or None."""
    stripped = line.strip()
    if not stripped or stripped.startswith(("#", ">", "!")):
        return None
    lead = QUESTION_LEAD.match(stripped)
    if lead:
        text = clean_inline(stripped[lead.end() :])
        return QuestionLine(index, text, True)
    bold = whole_bold(stripped)
    if bold and not SECTION_LEAD.match(bold):
        return QuestionLine(index, bold, False)
    return None


def asks(text: str) -> bool:
    return bool(QUESTION_END.search(text)) or text.endswith(("？…", "?…", "？……"))


@dataclass
class QandA:
    """Where the questions and answers are: labels to walk the transcript with."""

    labels: dict[int, Label]
    questions: int


def find_unlabelled_qa(
    lines: list[str],
    is_speech_line,
    floor: int = -1,
    question_labels: dict[int, Label] | None = None,
) -> QandA | None:
    """Questions and unlabelled answers, or None when the article isn't laid out so.

    `is_speech_line(i)` says whether line i could be speech (not an image, caption, note,
    heading or footer). `question_labels` are labels already read that only ask (问：…):
    then they are the questions. Lines at or before `floor` (a start marker) are intro.
    """
    if question_labels:
        found = [
            QuestionLine(i, clean_inline(label.rest), True)
            for i, label in sorted(question_labels.items())
            if i > floor
        ]
    else:
        found = [q for i, line in enumerate(lines) if i > floor and (q := question_line(i, line))]
    if not found:
        return None
    led = [q for q in found if q.led]
    bold = [q for q in found if not q.led]
    if len(led) >= MIN_LED_QUESTIONS and len(led) >= len(bold):
        questions = led
    else:
        asking = [q for q in bold if asks(q.text)]
        if len(bold) < MIN_QUESTIONS or len(asking) < ASKING_SHARE * len(bold):
            return None
        # Media questions end any way (最后，说说你的计划。): every bold paragraph asks.
        questions = bold
    # The interview starts at the first line that asks; bold lines above it are the intro.
    first = next((n for n, q in enumerate(questions) if q.led or asks(q.text)), None)
    if first is None:
        return None
    questions = questions[first:]
    at = {q.index: q for q in questions}
    answers: dict[int, int] = {}  # question line -> first line of its answer
    for n, q in enumerate(questions):
        end = questions[n + 1].index if n + 1 < len(questions) else len(lines)
        start = q.index + 1
        if not q.text:  # **问：** alone: the question is the next line
            start = next((j for j in range(start, end) if lines[j].strip()), end) + 1
        answer = next((j for j in range(start, end) if j not in at and is_speech_line(j)), None)
        if answer is not None:
            answers[q.index] = answer
    if len(questions) < MIN_LED_QUESTIONS or len(answers) < ANSWERED_SHARE * len(questions):
        return None
    labels: dict[int, Label] = {}
    for q in questions:
        if question_labels:
            labels[q.index] = question_labels[q.index]
        else:
            labels[q.index] = Label(GENERIC_QUESTIONER, q.text, COLON, style=UNLABELLED_QUESTION)
        if q.index in answers:
            labels[answers[q.index]] = Label(
                GENERIC_ANSWERER, lines[answers[q.index]], COLON, style=UNLABELLED_ANSWER
            )
    return QandA(labels, len(questions))
