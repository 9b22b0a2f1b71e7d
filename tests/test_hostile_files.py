"""At least twenty hostile files, through the folder reader and the upload path.

Each must give a correct parse or a clear message naming the file, and the five seeds
beside it must read exactly as they do alone.
"""

import re
from pathlib import Path

import pytest

from analysis import schema as s
from analysis.ingest.reader import read_corpus, read_folder, safe_file_name
from tests.hostile import CASES

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def seeds_alone():
    return read_corpus(SEEDS)


def with_seeds_uploaded(name: str, data: bytes):
    sources, _ = read_folder(SEEDS)
    return read_corpus([*sources, (name, data)])


def with_seeds_in_a_folder(tmp_path: Path, name: str, data: bytes):
    for path in SEEDS.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / safe_file_name(name)).write_bytes(data)
    return read_corpus(tmp_path)


def check(corpus, seeds_alone, name: str, expected: tuple) -> None:
    file_name = safe_file_name(name)
    mine = corpus.problems[corpus.problems[s.FILE_NAME] == file_name]
    seed_ids = list(seeds_alone.articles[s.ARTICLE_ID])
    seed_turns = corpus.turns[corpus.turns[s.ARTICLE_ID].isin(seed_ids)].reset_index(drop=True)
    assert seed_turns.equals(seeds_alone.turns), "the seeds beside it changed"
    if expected[0] == "error":
        assert list(mine[s.LEVEL]) == ["error"], mine
        assert expected[1] in mine[s.MESSAGE].iloc[0]
        assert file_name not in set(corpus.articles[s.FILE_NAME])
        return
    _, n_turns, note = expected
    row = corpus.articles[corpus.articles[s.FILE_NAME] == file_name]
    assert len(row) == 1
    assert row[s.N_TURNS].iloc[0] == n_turns
    if note:
        assert mine[s.MESSAGE].str.contains(note, regex=False).any(), mine
    article_id = row[s.ARTICLE_ID].iloc[0]
    text = " ".join(corpus.turns[corpus.turns[s.ARTICLE_ID] == article_id][s.TEXT])
    names = " ".join(corpus.turns[corpus.turns[s.ARTICLE_ID] == article_id][s.SPEAKER])
    # Markup never survives as markup: no tags, no invisible or direction marks.
    for output in (text, names):
        assert not re.search(r"<\s*(script|img)", output, re.IGNORECASE)
        assert not re.search("[\u200b-\u200f\u202a-\u202e]", output)


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_upload_path(case, seeds_alone):
    name, data, expected = CASES[case]
    check(with_seeds_uploaded(name, data), seeds_alone, name, expected)


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_folder_path(case, seeds_alone, tmp_path):
    name, data, expected = CASES[case]
    check(with_seeds_in_a_folder(tmp_path, name, data), seeds_alone, name, expected)


def test_there_are_at_least_twenty_cases():
    assert len(CASES) >= 20


def test_labels_survive_invisible_marks():
    name, data, _ = CASES["zero-width and rtl marks"]
    corpus = read_corpus([(name, data)])
    assert list(corpus.turns[s.SPEAKER]) == ["主持人", "Sam Altman"]


def test_english_labels_get_english_roles():
    name, data, _ = CASES["english only"]
    corpus = read_corpus([(name, data)])
    assert list(corpus.turns[s.ROLE]) == ["host", "guest", "host"]


def test_duplicate_file_names_get_unique_ids():
    corpus = read_corpus([("a.txt", CASES["gbk"][1]), ("dir/a.txt", CASES["gbk"][1])])
    assert list(corpus.articles[s.ARTICLE_ID]) == ["a", "a-2"]


def _word_cases() -> dict:
    """Hostile and awkward Word documents (issue 18): built by tests/test_docx_text.py."""
    from tests.test_docx_text import (
        big_document,
        document_xml,
        forge_declared_size,
        package,
        paragraph,
        run,
        table,
    )

    turns = paragraph(run("主持人：", bold=True), run("你好吗？")) + paragraph(
        run("Sam Altman：", bold=True), f"<w:hyperlink>{run('很好。')}</w:hyperlink>"
    )
    bomb = forge_declared_size(package(big_document(24)), "word/document.xml", 1_000)
    return {
        "word document declaring 1 KB of 24 MB": ("bomb.docx", bomb, ("error", "damaged Word")),
        "word document in nested tables": (
            "nested.docx",
            package(document_xml(table([table([turns])]))),
            ("read", 2, ""),
        ),
    }


WORD_CASES = _word_cases()


@pytest.mark.parametrize("case", WORD_CASES, ids=list(WORD_CASES))
def test_word_documents_through_both_paths(case, seeds_alone, tmp_path):
    name, data, expected = WORD_CASES[case]
    check(with_seeds_uploaded(name, data), seeds_alone, name, expected)
    check(with_seeds_in_a_folder(tmp_path, name, data), seeds_alone, name, expected)
