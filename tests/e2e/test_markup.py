"""Untrusted text is shown as text: an uploaded article full of markup renders none of it."""

from __future__ import annotations

import http.server
import threading

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import UPLOAD_INPUT, free_port, open_app, wait_for_app

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
    assert max(sizes) < 60
    assert requests == []


def test_markup_in_an_uploaded_article_is_shown_as_text(page, server, listener):
    port, requests = listener
    open_app(page, server)
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
    page.locator('[data-testid="stSidebarNav"]').get_by_text("检索与阅读", exact=True).click()
    wait_for_app(page)
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
