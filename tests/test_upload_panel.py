"""The sidebar's uploader and the list of files not read (issue 19 item 8, issue 22 item 4):
every kind of file the reader takes is uploaded and read; every other file is listed with
its status and reason, in the interface's language; a served folder with nothing to read
says so. Real files from tests/articles and tests/hostile.py, under AppTest."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis.ingest.reader import ARTICLE_SUFFIXES, read_corpus
from dashboard.file_reasons import translate_message
from dashboard.formatting import escape_markdown
from tests.hostile import CASES
from tests.test_pages import APP, PAGES

ARTICLES = Path(__file__).resolve().parent / "articles"
VTT = ARTICLES / "2025-06-12_platform_sync.vtt"
SRT = ARTICLES / "2025-05-30_慢慢说第12期.srt"
PDF = ARTICLES / "采访提纲.pdf"
DOCX = ARTICLES / "unlabelled_bold_interview.docx"
CJK = re.compile(r"[\u3400-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
# A name a visitor chose: Markdown a careless panel would render as a link and bold text.
HOSTILE_NAME = "[点我](javascript:alert(1))**粗体**.pdf"


def app_in(lang: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=180)
    if lang == "en":
        app.query_params["lang"] = "en"
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def upload(app: AppTest, *files: tuple[str, bytes]) -> AppTest:
    chosen = [(name, data, "application/octet-stream") for name, data in files]
    app.sidebar.file_uploader(key="w_upload").set_value(chosen).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def plain(markdown: str) -> str:
    """An element's text as the visitor reads it (escape_markdown's backslashes gone)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def problem_lines(app: AppTest) -> list[str]:
    return [plain(e.value) for e in [*app.error, *app.info]]


def speaker_turns(app: AppTest) -> dict[str, tuple[str, int, str]]:
    """The Speakers page's per-speaker table: speaker -> (role, turns, minutes measured by)."""
    table = next(d.value for d in app.dataframe if {"speaker", "turns", "role"} <= set(d.value))
    return {
        row.speaker: (row.role, int(row.turns), row.minutes_source)
        for row in table.itertuples(index=False)
    }


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_uploader_takes_any_file_and_its_label_names_every_kind_the_reader_reads(lang):
    uploader = app_in(lang).sidebar.file_uploader(key="w_upload")
    # No `type`: Streamlit would refuse a PDF itself, in English ("… files are not allowed").
    assert list(uploader.proto.type) == []
    assert all(suffix in uploader.proto.label for suffix in ARTICLE_SUFFIXES)
    assert uploader.proto.max_upload_size_mb == 10


def test_a_vtt_and_an_srt_upload_are_read_with_their_speakers_and_real_minutes():
    app = upload(app_in("zh"), (VTT.name, VTT.read_bytes()), (SRT.name, SRT.read_bytes()))
    speakers = app.sidebar.multiselect[1].options
    assert {"Priya Raman", "Marcus Lee", "Elena Novak", "林夏", "苏明远"} <= set(speakers)
    assert any("已上传 2 个文件：2 个已读取，0 个未读取" in c.value for c in app.sidebar.caption)
    # The reading report of the first file (the .vtt): its label style in Chinese.
    styles = next(d.value for d in app.sidebar.dataframe if "标记样式" in d.value)
    assert styles["标记样式"].tolist() == ["带发言人标签的字幕（<v 名字>）"]
    assert styles["标记数"].tolist() == [13]
    app.query_params["speakers_tab"] = "table"  # the per-speaker table's tab
    app.switch_page(PAGES["speakers"]).run()
    app.sidebar.multiselect[0].set_value([VTT.stem]).run()
    assert speaker_turns(app) == {
        "Priya Raman": ("主持人", 6, "时间戳测得"),
        "Marcus Lee": ("嘉宾", 4, "时间戳测得"),
        "Elena Novak": ("嘉宾", 3, "时间戳测得"),
    }
    app.sidebar.multiselect[0].set_value([SRT.stem]).run()
    assert speaker_turns(app) == {
        "林夏": ("主持人", 5, "时间戳测得"),
        "苏明远": ("嘉宾", 5, "时间戳测得"),
    }
    assert not app.exception, [e.value for e in app.exception]


NOT_READ = {
    # file name: (Chinese, English), as the visitor reads the line
    PDF.name: (
        f"{PDF.name}: 不支持的文件类型（'.pdf'）；可读取的类型：.txt、.md、.markdown、.docx、.vtt、.srt",
        f"{PDF.name}: unsupported kind of file ('.pdf'); the reader takes .txt, .md, "
        ".markdown, .docx, .vtt and .srt files",
    ),
    "broken.docx": (
        "broken.docx: 无法读取 — Word 文档已损坏（不是可读取的 zip 文件）",
        "broken.docx: unreadable — it is a damaged Word document (not a readable zip: ",
    ),
    "picture.txt": (
        "picture.txt: 无法读取 — 这是 PNG 图片，不是文本文件",
        "picture.txt: unreadable — this is a PNG image, not a text file",
    ),
    "旧编码.txt": (
        "旧编码.txt: 已读取，但有提示 — 按 GB18030 编码读取（不是 UTF-8）",
        "旧编码.txt: read, with a note — read as GB18030 text, not UTF-8",
    ),
    "无标记.txt": (
        "无标记.txt: 未找到发言 — 未找到发言人标记",
        "无标记.txt: no speech found — no speaker labels were found",
    ),
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_file_not_read_is_listed_with_its_status_and_reason_in_the_interfaces_language(
    lang,
):
    files = [
        (PDF.name, PDF.read_bytes()),
        ("broken.docx", DOCX.read_bytes()[:3000]),  # a Word file cut short: a damaged zip
        ("picture.txt", CASES["png renamed"][1]),
        ("旧编码.txt", "**主持人：** 你好吗？\n\n**嘉宾：** 很好。\n".encode("gb18030")),
        ("无标记.txt", "这是一段没有任何发言人标记的文字。\n\n第二段也是。\n".encode()),
        (HOSTILE_NAME, b"%PDF-1.4 not a transcript"),
        (VTT.name, VTT.read_bytes()),
    ]
    app = upload(app_in(lang), *files)
    lines = problem_lines(app)
    for name, said in NOT_READ.items():
        expected = said[0] if lang == "zh" else said[1]
        assert any(line.startswith(expected) for line in lines), (name, lines)
    # The hostile name is a file name only: escaped, so no link or bold is drawn from it.
    hostile = [e.value for e in app.error if "javascript" in e.value]
    assert hostile and all(value.startswith(escape_markdown("[点我](")) for value in hostile)
    captions = [c.value for c in app.sidebar.caption]
    summary = (
        "已上传 7 个文件：2 个已读取，5 个未读取"
        if lang == "zh"
        else "7 files uploaded: 2 read, 5 not read"
    )
    assert any(summary in c for c in captions), captions
    if lang == "zh":
        # No English left in a line but file names, suffixes, encodings and the example label.
        for line in lines:
            rest = line.split(": ", 1)[1]
            words = set(LATIN_WORD.findall(rest)) - {
                "pdf",
                "txt",
                "markdown",
                "docx",
                "vtt",
                "srt",
                "GB18030",
                "UTF",
                "PNG",
                "Word",
                "zip",
                "Sam",
                "Altman",
            }
            assert not words, line
    else:
        # The reader's own examples of Chinese labels and header lines are what a file holds.
        examples = ("文章作者", "发布时间", "主持人")
        leftovers = [
            line
            for line in lines
            if CJK.search(re.sub("|".join(examples), "", line.split(": ", 1)[1]))
        ]
        assert not leftovers, leftovers


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_served_folder_without_articles_says_so_and_lists_what_it_holds(
    tmp_path, monkeypatch, lang
):
    shutil.copy(PDF, tmp_path / PDF.name)
    (tmp_path / "images").mkdir()
    monkeypatch.setenv("TRANSCRIPTS_CORPUS", str(tmp_path))
    app = app_in(lang)
    lines = problem_lines(app)
    folder = tmp_path.name
    if lang == "zh":
        assert (
            f"{folder}: 此文件夹中没有可读取的文章文件（{', '.join(ARTICLE_SUFFIXES)}）"
            in " ".join(lines)
        )
        assert any(line.startswith(f"{PDF.name}: 不支持的文件类型（'.pdf'）") for line in lines)
        assert any(line.startswith("images: 不支持的文件类型：这是一个文件夹") for line in lines)
    else:
        assert any(
            line.startswith(f"{folder}: this folder has no files the reader takes")
            for line in lines
        ), lines
        assert any(line.startswith(f"{PDF.name}: unsupported kind of file") for line in lines)
    assert not any(str(tmp_path) in line for line in lines)  # the server's path stays hidden
    for page in ("speakers", "terms", "concordance"):
        app.switch_page(PAGES[page]).run()
        assert not app.exception, (page, [e.value for e in app.exception])
        assert app.error, page  # still said on every page


def test_a_file_added_to_a_served_folder_is_listed_though_the_articles_did_not_change(
    tmp_path, monkeypatch
):
    """The build is reused while the articles are the same; what the folder lists is not."""
    shutil.copy(VTT, tmp_path / VTT.name)
    monkeypatch.setenv("TRANSCRIPTS_CORPUS", str(tmp_path))
    assert not any(line.startswith(PDF.name) for line in problem_lines(app_in("en")))
    shutil.copy(PDF, tmp_path / PDF.name)
    lines = problem_lines(app_in("en"))
    assert any(line.startswith(f"{PDF.name}: unsupported kind of file") for line in lines), lines
    (tmp_path / PDF.name).unlink()
    assert not any(line.startswith(PDF.name) for line in problem_lines(app_in("en")))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_folder_of_many_unread_files_lists_the_first_few_and_counts_the_rest(
    tmp_path, monkeypatch, lang
):
    """Thousands of unread files in a large folder would be an alert each on every page."""
    from dashboard import limits

    shutil.copy(VTT, tmp_path / VTT.name)
    unread = limits.MAX_PROBLEMS_SHOWN + 5
    for i in range(unread):
        shutil.copy(PDF, tmp_path / f"提纲{i:02d}.pdf")
    monkeypatch.setenv("TRANSCRIPTS_CORPUS", str(tmp_path))
    app = app_in(lang)
    lines = [line for line in problem_lines(app) if line.startswith("提纲")]
    assert len(lines) == limits.MAX_PROBLEMS_SHOWN
    # Every problem is counted: the PDFs and the caption file's own note.
    (label,) = [e.label for e in app.expander if e.label.startswith("⚠️")]
    total = int(re.search(r"\((\d+)\)$", label).group(1))
    assert total > unread
    counted = {
        "zh": f"列出前 {limits.MAX_PROBLEMS_SHOWN} 个，共 {total} 个；CSV 列出全部。",
        "en": f"The first {limits.MAX_PROBLEMS_SHOWN} of {total} are listed; the CSV lists every one.",
    }[lang]
    assert counted in [c.value for c in app.caption]
    buttons = [b for b in app.get("download_button") if "file_problems" in str(b.proto.id)]
    assert buttons, "the CSV of every unread file"


def test_two_folders_without_articles_each_list_their_own_files(tmp_path, monkeypatch):
    """Two empty folders' builds hold the same (no) articles: each still lists its files."""
    for name, entry in (("one", PDF.name), ("two", "diagram.png")):
        folder = tmp_path / name
        folder.mkdir()
        shutil.copy(PDF, folder / entry)
        monkeypatch.setenv("TRANSCRIPTS_CORPUS", str(folder))
        lines = problem_lines(app_in("en"))
        assert any(line.startswith(f"{entry}: unsupported kind of file") for line in lines), lines
        assert len([line for line in lines if "unsupported kind of file" in line]) == 1, lines


def test_every_message_the_reader_writes_about_these_files_has_a_chinese_form():
    """Every problem and reading-report note of the hostile files and the test articles."""
    sources = [(name.replace("/", "_"), data) for name, data, _ in CASES.values()]
    sources += [(path.name, path.read_bytes()) for path in sorted(ARTICLES.iterdir())]
    corpus = read_corpus(sources, reports=True)
    messages = set(corpus.problems["message"])
    for report in corpus.reports:
        messages |= {*report.unsure, report.error} - {""}
    assert len(messages) > 30
    untranslated = [m for m in messages if translate_message(m, "zh") == m]
    assert not untranslated, untranslated
    assert all(translate_message(m, "en") == m for m in messages)
