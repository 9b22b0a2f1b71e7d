"""Writes the Word test articles in tests/articles/ with python-docx, so they can be rebuilt.

    .venv/bin/python tests/make_word_articles.py

The interview is laid out as Chinese magazines print them: the reporter's questions are
whole bold paragraphs (one of them two bold runs), the answers plain paragraphs with no
label, a byline, a picture with its credit, and the editor's note at the end. Its golden
counts are in tests/test_reader_new_families.py.
"""

from __future__ import annotations

import io
from pathlib import Path

ARTICLES = Path(__file__).parent / "articles"

# (style, [(text, bold), ...]) per paragraph; "picture" inserts a small image.
UNLABELLED_BOLD_INTERVIEW = [
    ("Title", [("冰川学家方岚：冰川会说话", False)]),
    (None, [("日期：2025年8月6日", False)]),
    (None, [("文｜本刊记者 周屿", False)]),
    (
        None,
        [
            (
                "方岚在青藏高原研究冰川已经二十二年。今年夏天，她带队完成了对念青唐古拉山一条冰川的"
                "第十次测量。我们在拉萨见到了刚下山的她。",
                False,
            )
        ],
    ),
    ("picture", []),
    (None, [("图｜方岚在冰川末端测量冰面高程 摄影：周屿", False)]),
    (None, [("你第一次上冰川是什么时候？", True)]),
    (None, [("2003年，我读研究生的第一年。跟着导师上山，高原反应很厉害，头疼了三天。", False)]),
    (
        None,
        [("但是看到冰川的那一刻，什么都忘了。冰面是蓝色的，那种蓝我到现在都记得。", False)],
    ),
    (None, [("这二十多年，冰川的变化有多大？", True)]),
    (
        None,
        [
            (
                "我们测的这条冰川，末端后退了将近四百米，厚度平均减薄了二十多米。"
                "以前走半小时就能到冰舌，现在要走两个多小时。",
                False,
            )
        ],
    ),
    (None, [("很多人觉得冰川离生活很远。", True), ("真的是这样吗？", True)]),
    (
        None,
        [
            (
                "一点也不远。长江、黄河、澜沧江的源头都有冰川，下游几亿人的用水都和它有关。",
                False,
            )
        ],
    ),
    (None, [("冰川融化短期内反而会让河水变多，这才是最容易被误解的地方。", False)]),
    (None, [("测量的时候遇到过危险吗？", True)]),
    (
        None,
        [
            (
                "遇到过。有一年一个学生掉进了冰裂缝，幸好系着安全绳。从那以后，我们每次上山都要先",
                False,
            ),
            ("演练", True),
            ("一遍救援。", False),
        ],
    ),
    (None, [("最后，想对年轻的研究者说些什么。", True)]),
    (
        None,
        [
            (
                "冰川是慢的，研究它也要有耐心。十年测一次的数据，可能要等你退休以后才看得出意义。",
                False,
            )
        ],
    ),
    (None, [("（本文经受访者审阅）", False)]),
]


def _picture() -> bytes:
    """A one-pixel PNG, enough for a picture in the document."""
    import base64

    return base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    )


def make_docx(paragraphs) -> bytes:
    from docx import Document

    document = Document()
    for style, runs in paragraphs:
        if style == "picture":
            document.add_picture(io.BytesIO(_picture()))
            continue
        paragraph = document.add_paragraph(style=style)
        for text, bold in runs:
            paragraph.add_run(text).bold = bold
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


WORD_ARTICLES = {"unlabelled_bold_interview.docx": UNLABELLED_BOLD_INTERVIEW}


def main() -> None:
    for name, paragraphs in WORD_ARTICLES.items():
        (ARTICLES / name).write_bytes(make_docx(paragraphs))
        print(ARTICLES / name)


if __name__ == "__main__":
    main()
