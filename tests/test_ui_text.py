"""Both languages completely: every string the interface shows is in the chosen language,
except the data (titles, names, terms, sections), checked on every page under AppTest."""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from pathlib import Path

import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from dashboard.texts import TEXT
from tests.test_pages import PAGES
from tests.test_pages import run_page as run

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# Names and notation that read the same in both languages.
SHARED = {
    "English",
    "CSV",
    "PNG",
    "TF",
    "IDF",
    "NMF",
    "AGI",
    "Monroe",
    "Rayson",
    "Garside",
    "log",
    "ln",
    "MB",
}
# Proto fields a person reads: labels, bodies, placeholders, help, options.
READ_FIELDS = {"label", "body", "placeholder", "help", "options", "text"}


@lru_cache(maxsize=1)
def data_strings() -> re.Pattern:
    """Everything that is data, as one pattern: titles and their shortened forms, accounts,
    places, speakers (with article tags), sections, theme names, terms."""
    from analysis.ingest.reader import read_corpus
    from dashboard.charts.look import LABEL_CHARS, article_tags, clip
    from tests.oracle import reference_of

    corpus = read_corpus(ROOT / "seeds")
    analysis = reference_of(ROOT / "seeds")
    articles = corpus.articles
    strings = set()
    tags = article_tags(articles["article_id"])
    for title in articles["title"]:
        strings |= {title, clip(title, LABEL_CHARS), title[:16], title[:28]}
        strings |= {clip(title, 16), clip(title, 28)}  # the filters' labels (vis.article)
    strings |= set(articles["account"]) | set(articles["place"]) | set(tags.values())
    turns = corpus.turns
    strings |= set(turns["speaker"]) | set(turns["section"])
    strings |= {th.name for th in analysis.themes if not th.label_en}
    strings |= set(analysis.tokens["token"].astype(str))
    strings = sorted((x for x in strings if x), key=len, reverse=True)
    return re.compile("|".join(re.escape(x) for x in strings))


def shown_strings(app: AppTest) -> list[str]:
    """The interface text of a run: element bodies and labels, table headers, chart texts.

    Markdown blocks are left out: on these pages they hold transcript text (the reader).
    """
    found: list[str] = []

    def collect(value) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        kind = type(node).__name__
        if proto is not None and kind not in ("Markdown", "Code"):
            fields = MessageToDict(proto, preserving_proto_field_name=True)
            for name, value in fields.items():
                if name in READ_FIELDS:
                    collect(value)
            if kind == "Dataframe":
                columns = json.loads(fields.get("columns") or "{}")
                collect([c.get("label", "") for c in columns.values()])
            if "spec" in fields:  # a plotly chart: axis titles, tooltips, legend names
                spec = json.loads(fields["spec"])
                layout = spec.get("layout", {})
                for axis in ("xaxis", "yaxis"):
                    collect(layout.get(axis, {}).get("title", {}).get("text", ""))
                for trace in spec.get("data", []):
                    collect([str(x) for x in trace.get("hovertext", []) or []])
                    # A tooltip template's own words (its %{…} fields and tags left out), and
                    # the texts it shows (`meta`, `text`).
                    template = trace.get("hovertemplate", "")
                    collect(re.sub(r"%\{[^}]*\}|<[^>]*>", " ", template).strip())
                    collect([str(x) for x in trace.get("meta", []) or []])
                    texts = trace.get("text", [])
                    collect([str(x) for x in ([texts] if isinstance(texts, str) else texts)])
                    collect(str(trace.get("name", "")))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(app._tree)
    return [html.unescape(text) for text in found if text]


@pytest.mark.parametrize("page", PAGES)
def test_english_mode_shows_no_chinese_but_the_data(page):
    app = run(page, lang="en", q="模型", hit="000_88405d23da071c51:2")
    data = data_strings()
    leftovers = []
    for text in shown_strings(app):
        # The search term is the visitor's; the language switch names each language in itself.
        rest = data.sub("", text).replace("模型", "").replace("中文", "")
        if CJK.search(rest):
            leftovers.append(text)
    assert not leftovers, leftovers[:10]


@pytest.mark.parametrize("page", PAGES)
def test_chinese_mode_shows_no_english_but_the_data(page):
    app = run(page, q="模型", hit="000_88405d23da071c51:2")
    data = data_strings()
    leftovers = []
    for text in shown_strings(app):
        rest = data.sub("", text)
        words = set(LATIN_WORD.findall(rest)) - SHARED
        if words and not CJK.search(rest):
            leftovers.append(text)
    assert not leftovers, leftovers[:10]


def test_every_text_has_both_languages():
    for key, (zh, en) in TEXT.items():
        assert zh and en, key
        assert not CJK.search(en.replace("中文", "")), key  # the language switch names itself
