"""Linear-time matching (RE2) for every pattern a visitor or a theme file supplies.

Python's `re` backtracks while holding the interpreter, so one pattern like `(.*)*x` stops every
session of the server. RE2 guarantees time linear in the text and releases the interpreter while
it scans. Two things remain to bound: RE2 may scan past a hit to check for a longer one, and
every hit costs a step in Python. So each scan is cut to a window of a few kilobytes (a hit is
at most `max_match` characters) and callers cap the number of hits.

Patterns are written as in Python (`\\w`, `\\d`, `\\s` and `\\uXXXX` mean what they mean there),
without look-around and back-references, which no linear-time engine can offer.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

import re2

MAX_MATCH = 1_000  # characters in one hit; longer hits are cut to the longest that fits
MAX_MEM = 2 << 20  # bytes per compiled pattern and its scan cache (re2 keeps up to 128 compiled)

# Python's Unicode classes in RE2 terms (RE2's own \w, \d, \s are ASCII only, so `\w+` would
# find nothing in Chinese text). _SPACE is exactly the characters str.isspace() accepts.
_WORD = r"\p{L}\p{N}_"
_SPACE = r"\x{9}-\x{d}\x{1c}-\x{20}\x{85}\p{Z}"
_OUTSIDE_CLASS = {
    "w": f"[{_WORD}]",
    "W": f"[^{_WORD}]",
    "d": r"\p{Nd}",
    "D": r"\P{Nd}",
    "s": f"[{_SPACE}]",
    "S": f"[^{_SPACE}]",
    "Z": r"\z",
}
_INSIDE_CLASS = {"w": _WORD, "d": r"\p{Nd}", "D": r"\P{Nd}", "s": _SPACE}
SPACE = _OUTSIDE_CLASS["s"]

_GROUP_WORDS = {
    "(?<=": "a look-behind",
    "(?<!": "a look-behind",
    "(?=": "a look-ahead",
    "(?!": "a look-ahead",
    "(?P=": "a back-reference to an earlier group",
    "(?(": "a conditional group",
    "(?>": "an atomic group",
    "(?#": "a comment group",
}

# RE2's error codes, in words a visitor can act on.
_RE2_WORDS = {
    "missing )": "a ( is never closed",
    "unexpected )": "a ) closes nothing",
    "missing ]": "a [ is never closed",
    "trailing \\": "it ends with a lone backslash",
    "no argument for repetition operator": "a repetition has nothing before it to repeat",
    "bad repetition operator": "two repetitions are stacked (possessive *+ or ++ is not supported)",
    "invalid repetition size": "a repetition count is above 1000",
    "invalid escape sequence": "it uses an escape the search does not know",
    "invalid character class range": "a range or \\p{...} class is backwards or unknown",
    "invalid character class": "it uses a character class the search does not know",
    "invalid perl operator": "it uses a (?...) group or flag the search does not support",
    "invalid named capture group": "a named group is badly written",
    "invalid UTF-8": "it is not valid text",
}


class PatternError(ValueError):
    """A pattern the linear-time engine cannot take, with the reason in plain words."""


def _options(case_sensitive: bool) -> re2.Options:
    options = re2.Options()
    options.log_errors = False  # RE2 would print every refused pattern to stderr
    options.max_mem = MAX_MEM
    options.never_capture = True  # only whole hits are used; groups cost time
    options.case_sensitive = case_sensitive
    return options


def _unicode_escape(pattern: str, i: int) -> tuple[str, int]:
    """\\uXXXX and \\UXXXXXXXX (Python only) as RE2's \\x{...}."""
    size = 4 if pattern[i + 1] == "u" else 8
    digits = pattern[i + 2 : i + 2 + size]
    if len(digits) != size or any(c not in "0123456789abcdefABCDEF" for c in digits):
        raise PatternError(
            f"not a valid regular expression: {pattern[i : i + 2]} needs {size} hex digits"
        )
    return r"\x{" + digits + "}", i + 2 + size


def translate(pattern: str) -> str:
    """A Python-style pattern in RE2 syntax; what RE2 can't do raises PatternError in words."""
    out: list[str] = []
    i, n, in_class = 0, len(pattern), False
    while i < n:
        c = pattern[i]
        if c == "\\":
            if i + 1 >= n:
                raise PatternError("not a valid regular expression: it ends with a lone backslash")
            e = pattern[i + 1]
            if e in "123456789":
                raise PatternError(
                    f"this pattern refers back to group {e} “\\{e}”, "
                    "which the search does not support"
                )
            if e in "uU":
                text, i = _unicode_escape(pattern, i)
                out.append(text)
                continue
            table = _INSIDE_CLASS if in_class else _OUTSIDE_CLASS
            if e in table:
                out.append(table[e])
            elif in_class and e in "WS":
                raise PatternError(
                    f"this pattern has \\{e} inside [...], which the search does not support"
                )
            else:
                out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
            out.append(c)
            i += 1
            continue
        if c == "[":
            # A ] right after [ or [^ is a literal, in Python and RE2 alike.
            end = i + 1
            if pattern.startswith("^", end):
                end += 1
            if pattern.startswith("]", end):
                end += 1
            out.append(pattern[i:end])
            i, in_class = end, True
            continue
        if c == "(":
            for opener, words in _GROUP_WORDS.items():
                if pattern.startswith(opener, i):
                    raise PatternError(
                        f"this pattern uses {words} “{opener}”, which the search does not support"
                    )
        if c == "{" and pattern.startswith("{,", i):
            out.append("{0,")  # Python reads {,n} as {0,n}; RE2 would read it as text
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def compile_regex(source: str, case_sensitive: bool = False) -> re2._Regexp:
    """Compile RE2 syntax (already translated); a refusal raises PatternError in words."""
    try:
        return re2.compile(source, _options(case_sensitive))
    except re2.error as error:
        message = error.args[0] if error.args else ""
        if isinstance(message, bytes):
            message = message.decode("utf-8", "replace")
        if message.startswith("pattern too large"):
            raise PatternError("this pattern is too large to search safely") from error
        for code, words in _RE2_WORDS.items():
            if message.startswith(code):
                detail = message[len(code) :].lstrip(": ")
                words += f" (“{detail}”)" if detail else ""
                break
        else:
            words = message
        raise PatternError(f"not a valid regular expression: {words}") from error


def compile_pattern(pattern: str, case_sensitive: bool = False) -> re2._Regexp:
    """A visitor's Python-style pattern, compiled for linear-time search; errors in words."""
    compiled = compile_regex(translate(pattern), case_sensitive)
    if compiled.search(b"") is not None:
        raise PatternError(
            "this pattern also matches empty text; make it match at least one character"
        )
    return compiled


def literal_source(text: str) -> str:
    """RE2 syntax matching `text` literally; a space matches any run of white space."""

    def escape(piece: str) -> str:
        # Only ASCII punctuation has a meaning in RE2; CJK and letters stay as they are.
        return "".join("\\" + c if c.isascii() and not c.isalnum() else c for c in piece)

    return f"{SPACE}*".join(escape(piece) for piece in text.split())


def _is_latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


def theme_source(keywords: Iterable[str], patterns: Iterable[str] = ()) -> str:
    """One RE2 pattern for a theme: keywords (longest first, whole Latin words) and patterns."""
    folded = {unicodedata.normalize("NFKC", k).casefold().strip() for k in keywords}
    parts = []
    for keyword in sorted(filter(None, folded), key=len, reverse=True):
        # RE2's \b is ASCII-only, which is what a Latin word next to Chinese needs:
        # "api" is a word in "用API做" but not in "capital".
        left = r"\b" if _is_latin(keyword[0]) else ""
        right = r"\b" if _is_latin(keyword[-1]) else ""
        parts.append(f"{left}{literal_source(keyword)}{right}")
    parts.extend(f"(?:{translate(p)})" for p in patterns)
    return "|".join(parts)


def find_spans(
    text: str, regex: re2._Regexp, limit: int | None = None, max_match: int = MAX_MATCH
) -> list[tuple[int, int]]:
    """Character spans of non-empty, non-overlapping hits, at most `limit` of them.

    Each RE2 call sees a window of at most 8 * max_match bytes, so a search costs at most
    (hits + bytes / window) * window steps however the pattern is written.
    """
    data = text.encode("utf-8")
    size = len(data)
    overlap = 4 * max_match  # bytes: room for any hit of max_match characters
    window = 2 * overlap
    spans: list[tuple[int, int]] = []
    pos = 0
    chars, chars_at = 0, 0  # byte offset `chars_at` is character `chars` (offsets only grow)

    def char_offset(offset: int) -> int:
        nonlocal chars, chars_at
        chars += len(data[chars_at:offset].decode("utf-8"))
        chars_at = offset
        return chars

    while pos < size and (limit is None or len(spans) < limit):
        end = min(size, pos + window)
        while end < size and data[end] & 0xC0 == 0x80:
            end -= 1  # never cut a character in two
        hit = regex.search(data, pos, end)
        if hit is None:
            if end == size:
                break
            pos = end - overlap
            while data[pos] & 0xC0 == 0x80:
                pos -= 1
            continue
        start, stop = hit.span()
        if stop == start:
            # An empty hit (a pattern like \b): step one character on.
            pos = stop + 1
            while pos < size and data[pos] & 0xC0 == 0x80:
                pos += 1
            continue
        spans.append((char_offset(start), char_offset(stop)))
        pos = stop
    return spans
