"""Hostile and odd files, shared by the reader tests and the browser upload tests.

Each case: a file name, its bytes, and what must come of it: ("error", words in the
message), or ("read", number of turns, words that must appear in a problem or "").
"""

from __future__ import annotations

import codecs
import io
import zipfile
from collections.abc import Callable

OK = "**主持人：** 你好吗？\n\n**Sam Altman：** 我很好，谢谢。\n"
HEADER = "# 标题\n\n文章作者: 测试号\n发布时间: 2024-10-01 08:00\n\n"
TRADITIONAL = "# 標題\n\n**主持人：** 你們好嗎？\n\n**Sam Altman：** 我很好，謝謝。\n"


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", OK)
    return buffer.getvalue()


def _many_labels(n: int = 10_000) -> bytes:
    lines = [f"**{'主持人' if i % 2 == 0 else 'Sam Altman'}：** 第{i}句。\n" for i in range(n)]
    return "\n".join(lines).encode("utf-8")


CASES: dict[str, tuple[str, bytes, tuple]] = {
    "empty": ("empty.txt", b"", ("error", "empty")),
    "whitespace only": ("blank.txt", b" \n\t\r\n  \n", ("error", "empty")),
    "png renamed": ("photo.txt", _png(), ("error", "PNG image")),
    "zip renamed": ("archive.txt", _zip(), ("error", "zip archive")),
    "gbk": ("gbk.txt", (HEADER + OK).encode("gbk"), ("read", 2, "GB18030")),
    "gb18030 four-byte": (
        "gb18030.txt",
        (HEADER + OK.replace("谢谢", "谢谢𠀀")).encode("gb18030"),
        ("read", 2, "GB18030"),
    ),
    "big5": ("big5.txt", TRADITIONAL.encode("big5"), ("read", 2, "BIG5")),
    "utf-16 with bom": ("utf16.txt", (HEADER + OK).encode("utf-16"), ("read", 2, "")),
    "utf-8 bom": ("bom.txt", codecs.BOM_UTF8 + (HEADER + OK).encode(), ("read", 2, "")),
    "nul bytes": (
        "nul.txt",
        (HEADER + OK).replace("你好", "你\x00好").encode(),
        ("read", 2, "NUL"),
    ),
    "over the size limit": ("huge.txt", b"a" * (21 * 1024 * 1024), ("error", "too large")),
    "one 5 MB line": (
        "longline.txt",
        ("长" * 1_700_000).encode(),
        ("read", 0, "no speaker labels"),
    ),
    "10,000 labels": ("labels.txt", _many_labels(), ("read", 10_000, "")),
    "script in names and speech": (
        "script.txt",
        "**<script>alert(1)</script>主持人：** <script>alert(2)</script>你好？\n\n"
        "**Sam Altman：** <img src=x onerror=alert(3)>好的。\n".encode(),
        ("read", 2, ""),
    ),
    "javascript link": (
        "jslink.txt",
        "**主持人：** 看[这里](javascript:alert(1))？\n\n**Sam Altman：** javascript:alert(2) 好。\n".encode(),
        ("read", 2, ""),
    ),
    "zero-width and rtl marks": (
        "invisible.txt",
        "**主\u200b持人：** 你好\u200d吗？\n\n**\u202eSam Altman\u202c：** 好。\n".encode(),
        ("read", 2, ""),
    ),
    "traditional chinese utf-8": ("trad.txt", TRADITIONAL.encode(), ("read", 2, "")),
    "english only": (
        "english.txt",
        b"# Talk\n\n**Host:** How are you?\n\n**Sam Altman:** Fine, thanks.\n\n**Host:** Why?\n",
        ("read", 3, ""),
    ),
    "path in the name": ("../../etc/passwd.txt", OK.encode(), ("read", 2, "")),
    "a hundred thousand stars": (
        "stars.txt",
        (OK + "*" * 100_000 + "\n").encode(),
        ("read", 2, ""),
    ),
    "title only": ("title.txt", "# 只有标题\n".encode(), ("read", 0, "no speaker labels")),
    "crlf line endings": (
        "crlf.txt",
        (HEADER + OK).replace("\n", "\r\n").encode(),
        ("read", 2, ""),
    ),
    "old mac line endings": ("cr.txt", (HEADER + OK).replace("\n", "\r").encode(), ("read", 2, "")),
    "very long label name": (
        "longname.txt",
        ("**" + "名" * 5000 + "：** 你好\n\n" + OK).encode(),
        ("read", 2, ""),
    ),
    "nested brackets in links": (
        "brackets.txt",
        ("**主持人：** [[[[x]]]](((http://a)))?\n\n**Sam Altman：** 好。\n").encode(),
        ("read", 2, ""),
    ),
}


# Patterns a visitor may type into the concordance (regex on) or put in a theme file. Python's
# `re` backtracks on each for longer than anyone waits; every one must search in linear time.
HOSTILE_PATTERNS: dict[str, str] = {
    "nested star": "(.*)*x",
    "nested plus on a class": "([^x]+)+x",
    "anchored nested plus": "(a+)+$",
    "overlapping alternatives": "(a|aa)+b",
    "two pluses in a loop": "(x+x+)+y",
    "counted dot groups": "(.*a){20}z",
    "prefers a longer hit after every hit": "a.*z|a",
    "word class loop": r"(\w+\s?)+!",
}

# A text that makes each of HOSTILE_PATTERNS work hardest: long runs with no final match.
HOSTILE_TEXT = "a" * 50_000 + "x" * 25_000 + "的" * 25_000

# Patterns a linear-time engine can't take, and words the refusal must contain.
REFUSED_PATTERNS: dict[str, tuple[str, str]] = {
    "look-behind": (r"(?<=a)b", "look-behind"),
    "negative look-behind": (r"(?<![a-z])ai", "look-behind"),
    "look-ahead": (r"a(?=b)", "look-ahead"),
    "back-reference": (r"(a)\1", "refers back"),
    "named back-reference": (r"(?P<x>a)(?P=x)", "back-reference"),
    "possessive": (r"a++b", "possessive"),
    "verbose flag": (r"(?x)a b", "flag"),
    "too large": (r"\p{L}{1000}", "too large"),
    "unclosed group": ("(abc", "never closed"),
    "empty match": ("a*", "empty text"),
}

# Theme files, and words the ConfigError must contain ("" when the file must load).
HOSTILE_THEME_FILES: dict[str, tuple[str, str]] = {
    "66 bytes of nested star": ('[[theme]]\nname = "x"\npatterns = ["(.*)*x"]\n', ""),
    "global flag not at the start of the combined pattern": (
        '[[theme]]\nname = "AGI"\nkeywords = ["通用人工智能"]\npatterns = ["(?i)agi"]\n',
        "",
    ),
    "nested 5,000 deep": ("x = " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply"),
    "5,000 themes": (
        "".join(f'[[theme]]\nname = "t{i}"\nkeywords = ["k{i}"]\n' for i in range(5000)),
        "at most 200",
    ),
    "over 256 KB": (
        '[[theme]]\nname = "x"\nkeywords = ["a"]\n' + "# padding\n" * 30_000,
        "at most 256 KB",
    ),
    "a thousand keywords": (
        '[[theme]]\nname = "x"\nkeywords = [' + ", ".join(f'"k{i}"' for i in range(1000)) + "]\n",
        "1000 keywords",
    ),
    "fifty patterns": (
        '[[theme]]\nname = "x"\npatterns = [' + ", ".join(f'"p{i}"' for i in range(50)) + "]\n",
        "50 patterns",
    ),
    "long pattern": ('[[theme]]\nname = "x"\npatterns = ["' + "a" * 300 + '"]\n', "longer than"),
    "look-behind pattern": (
        '[[theme]]\nname = "x"\npatterns = ["(?<![a-z])ai"]\n',
        "line 3: pattern '(?<![a-z])ai' of 'x': this pattern uses a look-behind",
    ),
    "pattern too large for the engine": (
        '[[theme]]\nname = "x"\npatterns = ["\\\\p{L}{1000}"]\n',
        "too large",
    ),
}

# Cells a spreadsheet would run as formulas if written raw to a CSV (OWASP CSV injection).
FORMULA_CELLS: list[str] = [
    '=HYPERLINK("//HOST","点我")',
    "@SUM(1)",
    "+cmd|' /C calc'!A0",
    "-1+2",
    "\t=1+1",
    "\r=1+1",
    "=1+1",
    '=cmd|"/C calc"!A0',
]


# ---- Attacks on a hosted server (tests/e2e/test_hostile.py, bench/bench_load.py --hostile).

# Regular expressions that backtrack for ever in Python's `re` on text without an "x".
CATASTROPHIC_PATTERNS = ("(.*)*x", "([^x]+)+x")
# A theme file asking for the same: it freezes whoever computes theme hits with it.
HOSTILE_THEME_FILE = b'[[theme]]\nname = "x"\npatterns = ["(.*)*x"]\n'
# A heading line that is cubic for `^\s*(#{1,6})\s*(.*?)\s*#*\s*$` (2,000 spaces took 32 s).
HEADING_BOMB_ARTICLE = ("#x" + " " * 6_000 + "y\n\n" + OK).encode("utf-8")
# Speech that is quadratic for the inline editor's-note pattern: 180 KB of unclosed "（注：".
EDITOR_NOTE_BOMB_ARTICLE = (
    "**主持人：** 你好吗？\n\n**Sam Altman：** " + "（注：" * 20_000 + "\n"
).encode("utf-8")


def markup_link_values(host: str) -> dict[str, str]:
    """Link values carrying image or link markup that points at `host` (a local listener).

    Query strings by page path: a notice or error box that renders them as Markdown makes
    every opener's browser fetch from `host`, or shows a phishing link.
    """
    return {
        "article": f"![](http://{host}/a.png)",
        "themes_version": f"[请先登录 Log in](http://{host}/login)",
        "q": f"![](http://{host}/q.png)",  # with regex=1 it is not a valid pattern either
    }


def formula_article(host: str) -> bytes:
    """Speech a spreadsheet would run from a CSV cell (OWASP CSV injection), around the
    marker 公式甲, so the concordance's left and right contexts start with each formula."""
    turns = [
        ("主持人", f'公式甲=HYPERLINK("http://{host}","点我")？'),
        ("Sam Altman", "=1+1公式甲@SUM(1)"),
        ("主持人", "+cmd|' /C calc'!A0公式甲-2+3？"),
        ("Sam Altman", "-2+3公式甲+cmd|' /C calc'!A0"),
        ("主持人", "@SUM(1)公式甲\t=1+1？"),
        ("Sam Altman", "\r=1+1公式甲\r-1"),
    ]
    body = "\n\n".join(f"**{name}：** {text}" for name, text in turns)
    return ("# 公式测试\n\n" + body + "\n").encode("utf-8")


# ---- The reader's own patterns (#10, item 2): lines that make a backtracking pattern work
# hardest. Each family gives a line of about n characters; tests/test_linear_patterns.py
# feeds every pattern in analysis/ each line at n and 4n and checks the work grows linearly.
def _repeat(unit: str, n: int) -> str:
    return unit * max(1, n // len(unit))


ADVERSARIAL_LINES: dict[str, Callable[[int], str]] = {
    "heading: #x, spaces, y (cubic before)": lambda n: "#x" + " " * n + "y",
    "heading: hashes": lambda n: "#" * n + " x",
    "editor's note: unclosed （注： (quadratic before)": lambda n: _repeat("（注：", n),
    "editor's note: openers before one note": lambda n: "（" * n + "注：x",
    "editor's note line: spaces before 编者注": lambda n: "\u2000" * n + "编者注x",
    "stage direction: spaces before a bracket": lambda n: "\u2000" * n + "（x",
    "stage direction: open brackets and spaces": lambda n: _repeat("（ \u2000", n),
    "bold label: stars, spaces, no colon": lambda n: "**" + "\u2000" * n + "x",
    "bold label: stars and tabs before a colon": lambda n: "**" + "\t" * n + "：",
    "bold label: name, spaces, bold end": lambda n: "**名" + " " * n + "**" + " " * n + "x",
    "bold label: runs of stars": lambda n: "*" * n + "x",
    "whole bold line without its end": lambda n: "**晚点：" + "问" * n,
    "whole bold line of colons": lambda n: "**名" + "：" * n + "**x",
    "plain label: spaces before the colon": lambda n: "名" + "\u2000" * n + "x",
    "time stamps in a row": lambda n: _repeat("00:00:00 ", n),
    "time stamp after spaces": lambda n: "陈屹" + " " * n + "00:21:54x",
    "digits and colons": lambda n: _repeat("1:", n),
    "images: ![ openers": lambda n: _repeat("![", n),
    "links: [a]( openers": lambda n: _repeat("[a](", n),
    "script tags never closed": lambda n: _repeat("<script>", n),
    "html tag openers": lambda n: _repeat("<a", n),
    "urls back to back": lambda n: _repeat("http://", n),
    "emphasis marks": lambda n: _repeat("*_", n),
    "list marks": lambda n: _repeat("- ", n) + "x",
    "quote marks": lambda n: _repeat("> ", n) + "x",
    "rule then text": lambda n: _repeat("-\u2000", n) + "x",
    "caption: 图 then spaces": lambda n: "图" + "\u2000" * n + "x",
    "credits: 摄影 and spaces": lambda n: _repeat("摄影\u2000", n),
    "roster: names and commas": lambda n: "嘉宾：" + _repeat("王芳、", n),
    "name list: spaces without a separator": lambda n: "王芳" + "\u2000" * n + "x",
    "short forms never closed": lambda n: _repeat("（以下简称“", n),
    "guest phrases": lambda n: _repeat("采访了", n),
    "latin capitals": lambda n: "A" * n + "1",
    "latin words": lambda n: _repeat("Ab ", n) + "1",
    "header date with spaces": lambda n: "发布时间: 2024" + " " * n + "x",
    "dates back to back": lambda n: _repeat("2024-", n),
    "question marks and spaces": lambda n: _repeat("？\u2000", n) + "x",
    "middle dots (name folding)": lambda n: _repeat("·\u2000", n) + "x",
}

# Whole files whose many lines make the reader's own loops work hardest.
ADVERSARIAL_FILES: dict[str, Callable[[int], str]] = {
    # One paragraph of many hard-wrapped lines (a `…$` search per line was quadratic).
    "many wrapped lines": lambda n: (
        "**主持人：** 问？\n\n**Sam Altman：**\n" + "\n".join("a," for _ in range(n // 3))
    ),
    # Every label before every start marker (a nested scan was labels × markers).
    "labels then start markers": lambda n: (
        "".join(f"**{'主持人' if i % 2 else 'Sam Altman'}：** 第{i}句。\n" for i in range(n // 40))
        + "全文\n" * (n // 8)
    ),
    "time-stamped labels": lambda n: "".join(
        f"{'陈屹' if i % 2 else '江屿'} {i // 3600:02d}:{i // 60 % 60:02d}:{i % 60:02d}\n好的。\n\n"
        for i in range(n // 20)
    ),
    "editor's notes in every line": lambda n: (
        "**主持人：** 问？\n\n**Sam Altman：** 答。\n" + "（注：x）\n" * (n // 7)
    ),
}


def _word_document(paragraphs: list[list[tuple[str, bool]]]) -> bytes:
    """A .docx whose paragraphs are runs of (text, bold), made with python-docx."""
    from docx import Document

    document = Document()
    for runs in paragraphs:
        paragraph = document.add_paragraph()
        for text, bold in runs:
            paragraph.add_run(text).bold = bold
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _zip_named_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", OK)
    return buffer.getvalue()


CASES.update(
    {
        "word document": (
            "interview.docx",
            _word_document(
                [
                    [("主持人：", True), ("你好吗？", False)],
                    [("Sam Altman：", True), ("好。", False)],
                ]
            ),
            ("read", 2, ""),
        ),
        "damaged word document": (
            "broken.docx",
            b"PK\x03\x04" + bytes(200),
            ("error", "damaged Word document"),
        ),
        "zip named .docx": ("notword.docx", _zip_named_docx(), ("error", "damaged Word document")),
        "text named .docx": ("notes.docx", OK.encode(), ("error", "named .docx")),
        "impossible time stamp": (
            "stamps.txt",
            "陈屹 00:00:05\n问？\n\n江屿 99:99:99\n答。\n\n陈屹 00:01:00\n再问？\n\n江屿 00:01:30\n再答。\n".encode(),
            ("read", 4, "not a possible time"),
        ),
        "time stamps going backwards": (
            "backwards.txt",
            "陈屹 00:10:00\n问？\n\n江屿 00:05:00\n答。\n\n陈屹 00:11:00\n再问？\n\n江屿 00:12:00\n再答。\n".encode(),
            ("read", 4, "go backwards"),
        ),
    }
)
