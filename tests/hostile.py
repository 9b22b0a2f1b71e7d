"""Hostile and odd files, shared by the reader tests and the browser upload tests.

Each case: a file name, its bytes, and what must come of it: ("error", words in the
message), or ("read", number of turns, words that must appear in a problem or "").
"""

from __future__ import annotations

import codecs
import io
import zipfile

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
