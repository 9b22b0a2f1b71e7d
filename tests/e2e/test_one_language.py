"""One language and links that carry the view, in a real browser (issue 22): the
concordance's CSV has the headers its table shows, in either language, and a link with a
small session vocabulary inside it draws the same terms for a visitor who has nothing else."""

from __future__ import annotations

import io
from urllib.parse import parse_qs, urlparse

import pandas as pd
import pytest
from playwright.sync_api import expect

from dashboard.texts import text
from tests.e2e.conftest import (
    ROOT,
    download,
    new_visitor,
    open_app,
    open_vocabulary,
    wait_for_app,
    wait_for_query,
)

pytestmark = pytest.mark.e2e

SHOTS = ROOT / ".cache" / "screenshots"
MAIN = '[data-testid="stMain"]'
# The grid draws on a canvas; its column headers are also in the accessible table beside it.
TOP_TERMS = """() => {
    const bars = document.querySelector('[data-testid="stMain"] .js-plotly-plot')._fullData[0];
    return Object.fromEntries(Array.from(bars.y).map((term, i) => [term, Number(bars.x[i])]));
}"""


def headers_shown(page) -> list[str]:
    grid = page.locator(f'{MAIN} [data-testid="stDataFrame"]').first
    cells = grid.locator('[role="columnheader"]')
    expect(cells.first).to_be_attached()
    return [text.strip() for text in cells.all_inner_texts() if text.strip()]


@pytest.mark.parametrize(("lang", "csv_label"), [("zh", "下载 CSV"), ("en", "Download CSV")])
def test_the_concordance_csv_has_the_headers_its_table_shows(page, server, lang, csv_label):
    open_app(page, server, f"concordance?q=智能体&lang={lang}")
    shown = headers_shown(page)
    button = page.locator(MAIN).get_by_role("button", name=csv_label).first
    csv = pd.read_csv(io.BytesIO(download(page, button)), encoding="utf-8-sig")
    # The grid puts only the columns in view in its accessible table: the first five here.
    assert len(shown) >= 5 and set(shown) <= set(csv.columns), (shown, list(csv.columns))
    assert len(csv) == 11  # every hit: the seeds say 智能体 eleven times as a word
    # Each row is a turn: its speaker (role words in the interface's language), its title
    # in full, its turn number.
    speaker, title, turn = (text(key, lang) for key in ("col_speaker", "col_title", "col_turn"))
    assert {speaker, title} <= set(shown)
    assert "Sam Altman" in set(csv[speaker]) and csv[turn].between(1, 200).all()
    hosts = {"zh": "主持人", "en": "Host"}[lang]
    assert hosts in set(csv[speaker])
    assert csv[title].str.len().max() > 30  # not the short label the screen shows
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"concordance-csv-{lang}.png"))


def test_a_link_with_its_vocabulary_inside_draws_the_same_terms_anywhere(browser, server):
    sender = new_visitor(browser)
    open_app(sender, server, "terms")
    before = sender.evaluate(TOP_TERMS)
    expect(sender.locator('[data-testid="stSidebar"]')).to_contain_text("词表（本次会话）")
    panel = open_vocabulary(sender)
    panel.locator("textarea").fill("[add words]\n这项技术\n")
    panel.get_by_role("button", name="应用").click()
    wait_for_query(sender, "vocab")
    expect(panel.get_by_text("生效中：加词 1 个")).to_be_visible()
    after = sender.evaluate(TOP_TERMS)
    assert after["技术"] < before["技术"]
    link = sender.url
    assert parse_qs(urlparse(link).query)["vocab"][0]

    receiver = new_visitor(browser)  # a fresh context: no session, no file, only the link
    receiver.goto(link)
    wait_for_app(receiver)
    assert receiver.evaluate(TOP_TERMS) == after
    expect(receiver.locator(MAIN).get_by_text("请导入分享者导出的词表文件")).to_have_count(0)
    receiver.context.close()
    sender.context.close()
