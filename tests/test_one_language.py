"""One language at a time (issue 22 item 4): every page, run in Chinese on the seeds, writes
no Latin-script interface word. Everything a visitor reads is collected (markdown, captions,
labels and help, options, button labels, table headers, chart titles, axis and legend titles,
annotations and tooltips), and every Latin word in it must be the corpus's data (a speaker's
name, a term, a title: a word the seeds or the themes file hold), a file name, or one of the
few words below that Chinese writing uses as they are."""

from __future__ import annotations

import json
import re

import pytest
from google.protobuf.json_format import MessageToDict
from google.protobuf.message import Message

from analysis.config import VOCABULARY_SECTIONS, load_speakers, load_themes
from analysis.ingest.reader import read_corpus
from tests.test_pages import PAGES, run_page

# Latin words a Chinese interface writes as they are, each for a reason:
ALLOWED = {
    "csv",  # the file format the download buttons name
    "png",  # the image format the chart's camera button names
    "mb",  # megabytes: the upload limits' unit, written MB in Chinese too
    "tf",  # TF-IDF (Salton's term weighting): written so in Chinese papers
    "idf",
    "nmf",  # the topic model's name (non-negative matrix factorisation)
    "kwic",  # keyword in context, the concordance's name in corpus linguistics
    "jieba",  # the Chinese segmenter's name
    "re",  # RE2, the pattern engine named in the search help
    "mi",  # mutual information, written MI in Chinese statistics
    *("log", "ln"),  # log2 and ln in a formula
    "english",  # the language switch offers English by its own name
    # People cited for a method in the notes under charts: names, as a reference is written.
    *("bonferroni", "rayson", "garside", "hardie", "dunning", "monroe"),
}
# Where a value is a file or link name, code, or a markup directive, not words.
NOT_WORDS = re.compile(
    r"`[^`]*`"  # code spans: the share link, a file's lines, a pattern, as written
    r"|https?://\S+"  # links
    r"|[\w.-]*\.(?:csv|toml|txt|markdown|md|docx|png|vtt|srt|json)\b"  # file names and kinds
    r"|%\{[^}]*\}|\{[a-z_0-9]*\}"  # plotly templates, format fields
    r"|<[^>]{1,40}>"  # tooltips' tags (<br>, <b>, <extra>)
    r"|:material/[a-z_]+:|:color\[|\]\{foreground=\"#[0-9a-fA-F]{6}\"\}"  # Streamlit markup
    r"|:[a-z]+-background\["
    r"|#[0-9a-fA-F]{3,8}\b"  # colours
    r"|\b\d{3}_[0-9a-f]{16}\b"  # article ids (the seeds' file names)
    r"|\b\d+[a-z]{0,2}\b",  # numbers, 1st, 10k, 2x
    re.IGNORECASE,
)
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
# Fields of Streamlit's element messages that hold text a visitor reads.
TEXT_FIELDS = {"body", "label", "help", "placeholder", "options", "caption", "title", "text"}
PLOTLY_TEXTS = ("hovertemplate", "hovertext", "name", "text", "texttemplate")


def corpus_words() -> set[str]:
    """Every Latin word the seeds' data and the shipped configuration hold (casefolded)."""
    corpus = read_corpus("seeds")
    texts = [
        *corpus.turns["text"],
        *corpus.turns["speaker"],
        *corpus.turns["section"],
        *corpus.articles["title"],
    ]
    for theme in load_themes():
        texts += [theme.name, theme.label_en, *theme.keywords]
    speakers = load_speakers()
    texts += [name for name, _ in speakers.prefixes]
    return {w.casefold() for text in texts for w in LATIN_WORD.findall(str(text))}


def strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in strings(v)]
    if isinstance(value, list):
        return [t for v in value for t in strings(v)]
    return []


def plotly_texts(spec: dict) -> list[str]:
    """What a chart writes: titles, axis and legend titles, annotations, trace names and
    tooltips (not the data's ticks)."""
    found = []
    layout = spec.get("layout", {})
    for part in layout.values():
        if isinstance(part, dict) and "title" in part:
            found += strings(part["title"])
    found += strings(layout.get("title", ""))
    found += [a.get("text", "") for a in layout.get("annotations", [])]
    for trace in spec.get("data", []):
        found += [t for key in PLOTLY_TEXTS for t in strings(trace.get(key))]
    return found


CSS_CONTENT = re.compile(r'content: "((?:[^"\\]|\\.)*)"')


def texts_of(message: Message) -> list[str]:
    """The texts a visitor reads in one element or block message."""
    fields = MessageToDict(message, preserving_proto_field_name=True)
    found = []
    for key, value in fields.items():
        if key == "spec":  # a plotly chart
            found += plotly_texts(json.loads(value))
        elif key == "body" and str(value).startswith("<style>"):  # dashboard/styles.py
            found += CSS_CONTENT.findall(value)  # what it draws: its `content:` strings
        elif key == "columns" and isinstance(value, str):  # a dataframe's column config
            found += [c.get("label", "") for c in json.loads(value).values() if c]
        elif key in TEXT_FIELDS or isinstance(value, dict):
            found += strings(value) if key in TEXT_FIELDS else texts_of_dict(value)
    return found


def texts_of_dict(fields: dict) -> list[str]:
    return [t for key, value in fields.items() if key in TEXT_FIELDS for t in strings(value)]


def page_texts(app) -> list[str]:
    found = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if isinstance(proto, Message):
            found.extend(texts_of(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(app._tree)
    # A text area's value is the vocabulary file's template: its comments are interface words.
    found += [area.value or "" for area in app.text_area]
    return found


def foreign_words(texts: list[str], allowed: set[str]) -> dict[str, str]:
    """Latin words not allowed, each with the text it was found in."""
    sections = re.compile("|".join(re.escape(f"[{name}]") for name in VOCABULARY_SECTIONS))
    found = {}
    for text in texts:
        plain = NOT_WORDS.sub(" ", sections.sub(" ", text))
        for match in LATIN_WORD.finditer(plain):
            word = match.group().casefold().strip("'’")
            if len(word) == 1 or word in allowed:
                continue  # one letter is a symbol (A and B, p, z, G²), not a word
            if plain[match.end() : match.end() + 1] in ("…", "") and any(
                known.startswith(word) for known in allowed
            ):
                continue  # a title cut short: the start of a word of the data
            found.setdefault(match.group(), text[:120])
    return found


@pytest.fixture(scope="module")
def allowed() -> set[str]:
    return corpus_words() | ALLOWED


@pytest.mark.parametrize("page", PAGES)
def test_a_page_in_chinese_writes_no_latin_interface_word(page, allowed):
    # A search, a turn being read and a filter: the concordance, the reader and notes show.
    app = run_page(page, q="智能体", hit="002_44e89f23e9374fe1:22")
    texts = page_texts(app)
    assert len(texts) > 20  # the walk reaches the page's elements
    assert foreign_words(texts, allowed) == {}


def test_the_scan_finds_an_english_word_in_a_chinese_page(allowed):
    assert foreign_words(["下载 CSV", "文件 kwic.csv", "Download plot"], allowed) == {
        "Download": "Download plot",
        "plot": "Download plot",
    }
