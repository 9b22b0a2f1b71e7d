"""The command line writes the tables a user loads into a notebook."""

import io
import subprocess
import sys

import pandas as pd
import pytest

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


def _corpus_with_formulas(folder):
    from tests.hostile import FORMULA_CELLS

    folder.mkdir()
    speech = "\n\n".join(
        f"**主持人：** {cell}\n\n**Sam Altman：** 公式{cell}" for cell in FORMULA_CELLS
    )
    (folder / "formulas.txt").write_text(speech + "\n", encoding="utf-8")
    return folder


def _cells(data: bytes) -> list[str]:
    import csv
    import io

    return [cell for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for cell in row]


def test_export_writes_utf8_with_bom_and_no_formula_cells(tmp_path):
    from analysis.csv_safe import FORMULA_STARTS

    corpus = _corpus_with_formulas(tmp_path / "corpus")
    result = run_cli("export", str(corpus), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    turns = (tmp_path / "out" / "turns.csv").read_bytes()
    assert turns.startswith(b"\xef\xbb\xbf")
    assert '\'=HYPERLINK("//HOST","点我")' in _cells(turns)
    for path in (tmp_path / "out").glob("*.csv"):
        text_cells = [c for c in _cells(path.read_bytes()) if not _is_number(c)]
        assert not [c for c in text_cells if c.startswith(FORMULA_STARTS)], path.name


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_kwic_csv_neutralises_formulas(tmp_path):
    corpus = _corpus_with_formulas(tmp_path / "corpus")
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "kwic", str(corpus), "公式", "--csv", "--width", "40"],
        capture_output=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"\xef\xbb\xbf")
    rights = [c for c in _cells(result.stdout) if "HYPERLINK" in c or "SUM" in c]
    assert rights and all(c.startswith("'") for c in rights)


def test_inspect_prints_how_each_file_is_read(tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04" + bytes(50))
    result = run_cli("inspect", "tests/articles/wen_da_interview.md", str(broken))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "== wen_da_interview.md" in out
    assert "plain name with a colon" in out
    assert "杨春梅: 4 turns" in out and "问: 4 turns" in out
    assert "the label '答' is read as 杨春梅" in out
    assert "editor's or translator's note (1):" in out
    assert "== broken.docx\ncould not be read: it is a damaged Word document" in out


def test_kwic_matches_whole_words_unless_asked_for_substrings(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text(
        "**主持人：** 智能体会改变什么？\n\n**Sam Altman：** 智能体验很好，智能体也很好。\n",
        encoding="utf-8",
    )

    def hits(*extra: str) -> int:
        command = [sys.executable, "-m", "analysis", "kwic", str(corpus), "智能体", "--csv"]
        command += ["--store", str(tmp_path / "store"), *extra]
        done = subprocess.run(command, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return len(done.stdout.strip().splitlines()) - 1  # minus the header

    # 智能体验 and 智能体会 (智能 + 体会) are other words; only 智能体也 is the word.
    assert hits() == 1
    assert hits("--match", "substring") == 3


def compare(*args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "analysis", "compare", "seeds", *args]
    return subprocess.run(command, capture_output=True, text=True)


def test_compare_prints_what_december_has_that_september_lacks():
    a = "speaker=Sam Altman&from=2024-12-01&to=2024-12-31"
    b = "speaker=Sam Altman&from=2024-09-01&to=2024-09-30"
    done = compare("--a", a, "--b", b, "--csv")
    assert done.returncode == 0, done.stderr
    table = pd.read_csv(io.BytesIO(done.stdout.encode("utf-8")), encoding="utf-8-sig")
    row = table.set_index(s.TERM).loc["圣路易斯"]
    # 圣路易斯 (the St. Louis public radio interview) is only in September's article.
    assert (row[s.COUNT_A], row[s.COUNT_B]) == (0, 11)
    assert row[s.G2] < 0 and row[s.LOG_RATIO] < 0


def test_compare_says_in_words_when_a_side_is_empty():
    done = compare("--a", "speaker=Sam Altman&from=2030-01-01")
    assert done.returncode == 1
    assert "A holds no speech" in done.stderr
    # A speaker the corpus lacks is ignored, as a link's would be: A is then everything,
    # and the rest of the corpus is empty.
    done = compare("--a", "speaker=nobody")
    assert "ignored speaker=nobody" in done.stderr and "B holds no speech" in done.stderr


def parse_error(capsys, *argv: str) -> str:
    """What argparse says when it refuses `argv` (it exits with code 2)."""
    from analysis.cli import build_parser

    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(list(argv))
    assert exit_.value.code == 2
    return capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (("kwic", "seeds", "x", "--width", "-5"), "--width: -5 is out of range"),
        (("kwic", "seeds", "x", "--width", "100000000"), "100,000,000 is out of range"),
        (("kwic", "seeds", "x", "--width=501"), "from 0 to 500"),
        (("kwic", "seeds", "x", "--width", "2.5"), "'2.5' is not a whole number"),
        (("kwic", "seeds", "x", "--width", "５"), "'５' is not a whole number"),  # full width
        (("kwic", "seeds", "x", "--width", "²"), "'²' is not a whole number"),
        (("kwic", "seeds", "x", "--width", "1_0"), "'1_0' is not a whole number"),
        (("kwic", "seeds", "x", "--width", "9" * 40), "is not a whole number"),
        (("collocates", "seeds", "x", "--window", "0"), "--window: 0 is out of range"),
        (("collocates", "seeds", "x", "--window", "11"), "from 1 to 10"),
        (("collocates", "seeds", "x", "--min", "0"), "--min: 0 is out of range"),
        (("compare", "seeds", "--a", "x", "--min", "-1"), "--min: -1 is out of range"),
        (("compare", "seeds", "--a", "x", "--top", "0"), "--top: 0 is out of range"),
        (("compare", "seeds", "--a", "x", "--top", "abc"), "'abc' is not a whole number"),
    ],
)
def test_numeric_options_out_of_range_are_refused_in_words(capsys, argv, said):
    message = parse_error(capsys, *argv)
    assert said in message
    assert "Traceback" not in message


def test_numeric_options_in_range_are_taken():
    from analysis.cli import build_parser

    parse = build_parser().parse_args
    assert parse(["kwic", "seeds", "x", "--width", "0"]).width == 0
    assert parse(["kwic", "seeds", "x", "--width", "500"]).width == 500
    assert parse(["kwic", "seeds", "x"]).width == 20
    assert parse(["collocates", "seeds", "x", "--window", "10", "--min", "1"]).window == 10
    assert parse(["compare", "seeds", "--a", "x", "--top", "100000"]).top == 100_000


def test_every_numeric_option_has_a_range_in_its_help():
    from analysis.cli import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if a.choices and "kwic" in a.choices).choices
    numeric = [
        (name, option)
        for name, command in commands.items()
        for option in command._actions
        if option.type is not None and option.type is not str
    ]
    assert {(name, o.dest) for name, o in numeric} == {
        ("kwic", "width"),
        ("collocates", "window"),
        ("collocates", "min"),
        ("compare", "min"),
        ("compare", "top"),
        ("questions", "min"),
        ("questions", "top"),
    }
    for name, option in numeric:
        assert option.type.__name__ == "whole number", (name, option.dest)
        assert "-" in option.help and "default" in option.help, (name, option.dest)


def test_kwic_with_a_negative_width_ends_in_words_not_a_traceback():
    done = run_cli("kwic", "seeds", "奥特曼", "--width", "-5")
    assert done.returncode == 2
    assert "argument --width: -5 is out of range; give a whole number from 0 to 500" in done.stderr
    assert "Traceback" not in done.stderr
