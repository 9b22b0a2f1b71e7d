"""The command line writes the tables a user loads into a notebook."""

import subprocess
import sys

import pandas as pd

from analysis import schema as s


def run_cli(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args], capture_output=True, text=True, cwd=cwd
    )


def test_export_writes_articles_and_turns_as_utf8_csv(tmp_path):
    result = run_cli("export", "seeds", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    articles = pd.read_csv(tmp_path / "articles.csv", encoding="utf-8")
    turns = pd.read_csv(tmp_path / "turns.csv", encoding="utf-8", keep_default_na=False)
    assert list(articles.columns) == s.ARTICLES.names
    assert list(turns.columns) == s.TURNS.names
    assert len(articles) == 5
    assert len(turns) == 8 + 28 + 58 + 80 + 88
    assert "Sam Altman" in set(turns[s.SPEAKER])


def test_export_reports_bad_files_and_keeps_the_good_ones(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(
        "**主持人：** 问？\n\n**Sam Altman：** 答。\n", encoding="utf-8"
    )
    (corpus / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    result = run_cli("export", str(corpus), "--out", str(tmp_path / "out"))
    assert result.returncode == 0
    assert "bad.txt" in result.stderr and "PNG image" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(pd.read_csv(tmp_path / "out" / "turns.csv")) == 2
