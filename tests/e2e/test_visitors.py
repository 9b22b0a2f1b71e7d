"""Strangers on a hosted link: uploads stay in their session; hostile files never run."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from dashboard import limits, session
from tests.e2e.conftest import (
    UPLOAD_INPUT,
    close_popovers,
    download,
    go_to,
    open_app,
    open_uploader,
    wait_for_app,
    wait_for_uploads,
)

pytestmark = pytest.mark.e2e

SECRET = (
    "**主持人：** 这是只属于我的采访吗？\n\n**Sam Altman：** 是的，秘密词语甲乙丙丁只在这里。\n"
)
HOSTILE = (
    '# <script>alert("title")</script>\n\n文章作者: <img src=x onerror=alert(1)>\n\n'
    "**<script>alert(2)</script>：** 你好<img id=pwned src=x onerror=\"document.title='pwned'\">？\n\n"
    "**<script>alert(2)</script>：** 再问[点我](javascript:alert(3))？\n\n"
    "**Sam Altman：** <b>粗体</b> javascript:alert(4) 回答。\n"
)


def upload(page, name: str, data: bytes) -> None:
    open_uploader(page)
    page.locator(UPLOAD_INPUT).set_input_files(
        files=[{"name": name, "mimeType": "text/plain", "buffer": data}]
    )
    expect(page.locator('[data-testid="stFileChipName"]').filter(has_text=name)).to_be_visible()
    wait_for_uploads(page, 1)
    wait_for_app(page)
    close_popovers(page)


def go(page, link: str) -> None:
    """Change page inside the session (a reload would start a new session without the upload)."""
    from dashboard.pages import PAGES

    go_to(page, next(p.name for p in PAGES if p.title_zh == link))


def search(page, term: str) -> None:
    box = page.locator('[data-testid="stTextInput"] input')
    box.fill(term)
    box.press("Enter")
    expect(page.get_by_text("处命中")).to_be_visible()


def test_an_upload_is_seen_only_by_its_uploader(browser, server):
    first = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    second = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    open_app(first, server)
    open_app(second, server)
    upload(first, "my_secret.txt", SECRET.encode("utf-8"))
    expect(first.locator('[data-testid="stMetricValue"]').first).to_have_text("6")
    # The other visitor, even after reloading and visiting every page, never sees it.
    for path in ["", "terms", "concordance?q=甲乙丙丁"]:
        open_app(second, server, path)
        expect(second.locator('[data-testid="stMetricValue"]').first).to_have_text(
            "5"
        ) if path == "" else None
        assert "my_secret" not in second.content()
        assert "甲乙丙丁只在这里" not in second.content()
    expect(second.get_by_text("0 处命中")).to_be_visible()
    # While the uploader finds the secret in their own concordance.
    go(first, "检索与阅读")
    search(first, "甲乙丙丁")
    expect(first.get_by_text("1 处命中")).to_be_visible()
    first.context.close()
    second.context.close()


def test_hostile_markup_in_an_upload_is_shown_as_text_and_never_runs(page, server):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_app(page, server)
    upload(page, "hostile.txt", HOSTILE.encode("utf-8"))
    for link in ["发言人", "词语", "检索与阅读"]:
        go(page, link)
        assert page.locator("#pwned").count() == 0
        assert page.locator("[data-testid=stMain] script").count() == 0
    search(page, "alert")
    assert page.locator("#pwned").count() == 0
    assert dialogs == []
    assert page.title() != "pwned"


def test_an_unreadable_upload_is_reported_and_the_rest_still_loads(page, server):
    open_app(page, server)
    upload(page, "picture.txt", b"\x89PNG\r\n\x1a\n" + bytes(200))
    page.get_by_text("读取文件时的问题").click()
    expect(page.get_by_text("picture.txt: 无法读取 — 这是 PNG 图片，不是文本文件")).to_be_visible()
    expect(page.locator('[data-testid="stMetricValue"]').first).to_have_text("5")


def test_every_hostile_file_uploaded_at_once(page, server):
    from tests.hostile import CASES

    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_app(page, server)
    files = [
        {"name": name.replace("/", "_"), "mimeType": "text/plain", "buffer": data}
        for name, data, _ in CASES.values()
        if len(data) < 20 * 1024 * 1024
    ]
    open_uploader(page)
    page.locator(UPLOAD_INPUT).set_input_files(files=files)
    # The overview counts articles with speech; files read with no turns are listed only.
    readable = sum(
        1 for _, _, expected in CASES.values() if expected[0] == "read" and expected[1] > 0
    )
    expect(page.locator('[data-testid="stMetricValue"]').first).to_have_text(
        str(5 + readable), timeout=60_000
    )
    wait_for_app(page)
    close_popovers(page)
    page.get_by_text("读取文件时的问题").click()
    # Files not read are listed first (the first MAX_PROBLEMS_SHOWN of every problem); the
    # CSV lists every problem.
    key = session.download("file_problems.csv").removesuffix(".csv")
    listed = download(page, page.locator(f'[class*="st-key-{key}"]').get_by_role("button"))
    listed = listed.decode("utf-8-sig")
    for name, _, expected in CASES.values():
        if expected[0] == "error" and name != "huge.txt":
            said = re.compile(re.escape(f"{name}: ") + "(无法读取|不支持的文件类型)")
            expect(page.get_by_text(said).first).to_be_visible()
            assert said.search(listed), name
    problems = page.locator('[data-testid="stExpander"]').filter(has_text="读取文件时的问题")
    assert problems.locator('[data-testid="stAlert"]').count() == limits.MAX_PROBLEMS_SHOWN
    for link in ["发言人", "词语", "主题", "检索与阅读"]:
        go(page, link)
    assert dialogs == []
    assert page.locator("#pwned, [data-testid=stMain] script").count() == 0
    assert page.title() != "pwned"


def test_a_file_over_the_upload_limit_is_refused_by_the_uploader(page, server):
    open_app(page, server)
    open_uploader(page)
    page.locator(UPLOAD_INPUT).set_input_files(
        files=[{"name": "huge.txt", "mimeType": "text/plain", "buffer": b"a" * 10_500_000}]
    )
    expect(page.locator('.st-key-w_upload [data-testid="stFileUploader"]')).to_contain_text("10")
    expect(page.locator('.st-key-w_upload [data-testid="stFileUploader"]')).to_contain_text(
        "huge.txt"
    )
    expect(page.locator('[data-testid="stMetricValue"]').first).to_have_text("5")


def test_uploads_over_the_session_total_are_named_and_the_rest_load(page, server):
    open_app(page, server)
    big = b"a" * 9_500_000  # one long line: read quickly, no speech
    files = [
        {"name": name, "mimeType": "text/plain", "buffer": data}
        for name, data in (
            ("one.txt", big),
            ("two.txt", big),
            ("three.txt", SECRET.encode("utf-8")),
            ("four.txt", b"b" * 1_500_000),
        )
    ]
    open_uploader(page)
    page.locator(UPLOAD_INPUT).set_input_files(files=files)
    wait_for_uploads(page, len(files))
    wait_for_app(page)
    close_popovers(page)
    page.get_by_text("读取文件时的问题").click()
    expect(
        page.get_by_text("four.txt: 未读取：本次会话上传的文件合计超过 20 MB 上限")
    ).to_be_visible()
    # The files within the total still load: the small article joins the five seeds.
    expect(page.locator('[data-testid="stMetricValue"]').first).to_have_text("6")


def test_the_reading_report_says_how_an_uploaded_file_was_read(page, server):
    from pathlib import Path

    article = Path(__file__).resolve().parents[1] / "articles" / "podcast_timestamps.md"
    open_app(page, server)
    upload(page, "podcast.md", article.read_bytes())
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("你的文件是如何被读取的").click()
    report = sidebar.locator('[data-testid="stExpander"]').filter(has_text="你的文件是如何被读取的")
    expect(report.get_by_text("识别出的发言人标记样式")).to_be_visible()
    expect(report.get_by_text("不计为发言的行")).to_be_visible()
    # The speakers table is a canvas; its download holds the rows.
    expect(report.locator('[data-testid="stDataFrame"]')).to_have_count(3)
    expect(report.get_by_text("不确定之处")).to_be_visible()
