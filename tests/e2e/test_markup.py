"""Untrusted text is shown as text: an uploaded article full of markup renders none of it."""

from __future__ import annotations

import http.server
import threading

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    UPLOAD_INPUT,
    close_popovers,
    free_port,
    go_to,
    open_app,
    open_tab,
    open_uploader,
    open_vocabulary,
    wait_for_app,
)

pytestmark = pytest.mark.e2e

BIG = "<b style=font-size:120px>x</b>"
MARKUP = [BIG, ":red[x]", ":material/home:", "www.example.com", "a@b.com", "$x^2$"]


@pytest.fixture
def listener():
    """A local web server that records every request: nothing may be fetched from it."""
    requests: list[str] = []

    class Record(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the stdlib's name)
            requests.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Record)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], requests
    server.shutdown()


def hostile_article(port: int) -> str:
    image = f"![](http://127.0.0.1:{port}/x.png)"
    all_of_it = " ".join([*MARKUP, image])
    return (
        f"# 标题 {all_of_it}\n\n文章作者: {BIG} :red[x] www.example.com {image}\n"
        "发布时间: 2030-01-01\n\n"
        f"**{BIG}：** 问题 {all_of_it}？\n\n**Sam Altman：** 回答 {all_of_it}。\n"
    )


def assert_shown_as_text(page, port: int, requests: list[str]) -> None:
    main = page.locator("[data-testid=stMain]")
    assert main.locator(f"img[src*='{port}']").count() == 0
    assert main.locator("a[href*='example.com'], a[href^='mailto:'], a[href*='b.com']").count() == 0
    assert main.locator(".katex, [style*='120px'], b[style]").count() == 0
    # No text drawn huge, in charts included.
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid=stMain] *')]
            .filter(e => e.childElementCount === 0 && e.textContent.includes('x'))
            .map(e => parseFloat(getComputedStyle(e).fontSize))"""
    )
    assert max(sizes, default=0) < 60  # a table is drawn on a canvas: no text elements
    assert requests == []


def test_markup_in_an_uploaded_article_is_shown_as_text(page, server, listener):
    port, requests = listener
    open_app(page, server)
    open_uploader(page)
    page.locator(UPLOAD_INPUT).set_input_files(
        files=[
            {
                "name": "markup.md",
                "mimeType": "text/plain",
                "buffer": hostile_article(port).encode(),
            }
        ]
    )
    expect(page.locator('[data-testid="stMetricValue"]').first).to_have_text("6")
    wait_for_app(page)
    close_popovers(page)  # it would cover the charts clicked below
    assert_shown_as_text(page, port, requests)
    # Each tab of the overview is drawn when open: as text in each; the timeline last.
    for label, tab in (
        ("文章 × 主题", "themes"),
        ("文章列表", "articles"),
        ("发布时间线", "timeline"),
    ):
        open_tab(page, label, "overview_tab", tab)
        assert_shown_as_text(page, port, requests)
    # The account is a tick label of the timeline (the reader already drops its tags): as text.
    ticks = page.evaluate("() => document.querySelectorAll('.js-plotly-plot')[0].data[0].y")
    assert any(":red[x]" in tick for tick in ticks), ticks

    # The reader: choose the uploaded article (the newest point on the timeline).
    index = page.evaluate(
        """() => document.querySelectorAll('.js-plotly-plot')[0].data[0].customdata
            .findIndex(c => !/^\\d{3}_/.test(c[0]))"""
    )
    point = (
        page.locator('[data-testid="stPlotlyChart"]').first.locator(".points path.point").nth(index)
    )
    point.scroll_into_view_if_needed()  # the checks above may have scrolled the page
    box = point.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function("new URL(location.href).searchParams.has('article')")
    wait_for_app(page)
    go_to(page, "concordance")
    box = page.locator('[data-testid="stTextInput"] input')
    box.fill("回答")
    box.press("Enter")
    expect(page.get_by_text("处命中")).to_be_visible()
    grid = page.locator('[data-testid=stMain] [data-testid="stDataFrame"]').first.bounding_box()
    page.mouse.click(grid["x"] + 15, grid["y"] + 35 + 17)  # the first hit's row
    page.wait_for_function("new URL(location.href).searchParams.has('hit')")
    wait_for_app(page)
    text = page.locator("[data-testid=stMain]").inner_text().replace("\u2060", "")
    # Shown as written, in the hit box and the reader (the reader itself drops URLs: www.…).
    for construct in (":red[x]", ":material/home:", "a@b.com", "$x^2$"):
        assert construct in text, construct
    assert_shown_as_text(page, port, requests)


def test_markup_in_a_link_is_shown_as_text_in_the_notice(page, server, listener):
    port, requests = listener
    values = [*MARKUP, f"![](http://127.0.0.1:{port}/x.png)", "[Log in](http://example.com)"]
    query = "&".join(f"section={v}" for v in values)
    open_app(page, server, "?" + query.replace("#", "%23").replace("&section=", "&section="))
    notice = page.locator('[data-testid="stAlert"]').filter(has_text="section")
    expect(notice).to_be_visible()
    text = notice.inner_text().replace("\u2060", "")
    for construct in (":red[x]", ":material/home:", "www.example.com", "a@b.com", "$x^2$"):
        assert construct in text, construct
    assert notice.locator("a[href], img, .katex, [data-testid=stIconMaterial]").count() == 0
    assert_shown_as_text(page, port, requests)


def test_hostile_theme_and_vocabulary_files_are_refused_as_text(page, server, listener):
    """Issue 18 item 5: a refused import's message quotes the file's name and text; neither
    may become an image the browser fetches or a live link."""
    port, requests = listener
    host = f"127.0.0.1:{port}"
    outbound: list[str] = []
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith((server.url, "data:", "blob:"))
            else outbound.append(request.url)
        ),
    )
    open_app(page, server, "themes?themes_tab=edit")  # the editor's tab, with its uploader
    themes = [
        ("themes.toml", f'[[theme]]\nname = "x"\npatterns = ["![p](http://{host}/x.png)(?=x)"]\n'),
        (f"![f](http://{host}/y.png).toml", "[[theme]\nbroken"),
        (f"[fl](http://{host}/z).toml", "[[theme]\nbroken"),
    ]
    alerts = page.locator('[data-testid="stMain"] [data-testid="stAlert"]')
    for name, text in themes:
        page.locator(".st-key-w_import_themes input[type=file]").set_input_files(
            files=[{"name": name, "mimeType": "application/toml", "buffer": text.encode()}]
        )
        refused = alerts.filter(has_text=name.rsplit("/", 1)[-1])
        expect(refused).to_have_count(1)
        wait_for_app(page)
        if name == "themes.toml":  # the pattern is quoted as written
            shown = refused.inner_text().replace("\u2060", "")
            assert f"![p](http://{host}/x.png)(?=x)" in shown, shown
        assert page.locator(f"img[src*='{port}'], a[href*='{port}']").count() == 0

    box = open_vocabulary(page)
    vocabulary = f"[add words]\n![w](http://{host}/w.png)\n[链接](http://{host}/l)\n"
    box.locator(".st-key-w_vocab_import input[type=file]").set_input_files(
        files=[
            {
                "name": f"![v](http://{host}/v.png).txt",
                "mimeType": "text/plain",
                "buffer": vocabulary.encode(),
            }
        ]
    )
    refused = box.locator('[data-testid="stAlert"]').filter(has_text="第 2 行")
    expect(refused).to_have_count(1)
    wait_for_app(page)
    app = page.locator("body")  # the popover's body is drawn outside the app's root
    assert app.locator(f"img[src*='{port}'], a[href*='{port}']").count() == 0
    assert requests == [] and outbound == []
