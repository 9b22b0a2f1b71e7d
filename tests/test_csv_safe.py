"""CSV files open safely in a spreadsheet: no formula runs, numbers stay numbers, Chinese reads."""

import codecs
import csv
import io

import duckdb
import pandas as pd
import pytest

from analysis.csv_safe import (
    FORMULA_STARTS,
    copy_csv,
    copy_frame_csv,
    neutralise_cell,
    neutralise_formulas,
    to_csv_bytes,
    write_csv,
)
from tests.hostile import FORMULA_CELLS


def read_back(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("cell", FORMULA_CELLS)
def test_no_written_text_cell_starts_a_formula(cell):
    frame = pd.DataFrame(
        {
            "speaker": [cell, "主持人"],
            "text": ["你好", cell],
            "category": pd.Categorical([cell, "b"]),
            "hits": [-3, 4],
            "share": [-0.25, 0.5],
        }
    )
    header, *rows = read_back(to_csv_bytes(frame))
    assert header == ["speaker", "text", "category", "hits", "share"]
    for row in rows:
        assert not any(value.startswith(FORMULA_STARTS) for value in row[:3]), row
    assert rows[0][0] == rows[1][1] == rows[0][2] == "'" + cell
    assert [row[3:] for row in rows] == [["-3", "-0.25"], ["4", "0.5"]]


def test_numbers_keep_their_type_and_plain_text_is_untouched():
    frame = pd.DataFrame({"n": [-1, 2], "x": [-1.5, None], "t": ["a-b", "中=文"]})
    safe = neutralise_formulas(frame)
    assert safe.dtypes.tolist() == frame.dtypes.tolist()
    assert safe["t"].tolist() == ["a-b", "中=文"]
    assert frame["t"].tolist() == ["a-b", "中=文"]  # the caller's table is not changed


def test_a_column_named_like_a_formula_is_neutralised():
    header = read_back(to_csv_bytes(pd.DataFrame({"=1+1": ["x"]})))[0]
    assert header == ["'=1+1"]


def test_csv_is_utf8_with_a_byte_order_mark(tmp_path):
    path = write_csv(pd.DataFrame({"speaker": ["萨姆·奥特曼"]}), tmp_path / "t.csv")
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    assert read_back(data) == [["speaker"], ["萨姆·奥特曼"]]


def test_a_carriage_return_inside_a_cell_does_not_split_the_row():
    rows = read_back(to_csv_bytes(pd.DataFrame({"a": ["x\ry", "z"], "b": [1, 2]})))
    assert rows == [["a", "b"], ["x\ry", "1"], ["z", "2"]]


# ---------------------------------------------------------------- the guard in SQL (DuckDB's COPY)

# Cells a spreadsheet runs, and their neighbours: full-width and small look-alikes that no
# spreadsheet runs (left as they are by both guards), a quote already there, empty, missing.
HOSTILE_CELLS = [
    *FORMULA_CELLS,
    "=1+1",
    "+x",
    "-x",
    "@x",
    "\t=x",
    "\r=x",
    "'=x",
    "＝1+1",  # full-width equals sign
    "﹦x",  # small equals sign
    "＋x",
    "－x",
    "＠x",
    "−1",  # minus sign
    "=\u0301x",  # = with a combining accent: still starts with =
    "\u200b=x",  # a zero-width space first
    " =x",
    "\n=x",
    "",
    None,
]


@pytest.mark.parametrize("cell", HOSTILE_CELLS)
def test_the_sql_guard_writes_what_the_python_guard_writes(cell, tmp_path):
    frame = pd.DataFrame(
        {
            "speaker": [cell, "主持人"],
            "text": ["你好", cell],
            "category": pd.Categorical([cell, "b"]),
            "hits": [-3, 4],
            "share": [-0.25, float("nan")],
            "asks": [True, False],
        }
    )
    assert copy_frame_csv(frame, tmp_path / "t.csv").read_bytes() == to_csv_bytes(frame)


@pytest.mark.parametrize("cell", HOSTILE_CELLS)
def test_a_duckdb_query_is_written_as_its_table_would_be(cell, tmp_path):
    with duckdb.connect() as connection:
        path = copy_csv(
            connection, "SELECT ?::VARCHAR AS cell, -1 AS n", [cell], tmp_path / "q.csv"
        )
    frame = pd.DataFrame({"cell": pd.Series([cell], dtype=object), "n": [-1]})
    assert path.read_bytes() == to_csv_bytes(frame)
    if cell:
        [[written, _]] = read_back(path.read_bytes())[1:]
        assert written == (neutralise_cell(cell) if cell else "")


def test_headers_quoted_or_formula_like_are_written_as_pandas_writes_them(tmp_path):
    for columns in (["a,b", "c"], ["=1+1", "b"], ['say "x"', "=y"]):
        frame = pd.DataFrame([["x", 1]], columns=columns)
        assert copy_frame_csv(frame, tmp_path / "h.csv").read_bytes() == to_csv_bytes(frame)


def test_a_one_column_table_keeps_its_empty_rows(tmp_path):
    # pandas writes a lone empty cell as "", so the row is not read as a blank line.
    frame = pd.DataFrame({"k": pd.array([1, None, 3], dtype="Int64")})
    data = copy_frame_csv(frame, tmp_path / "one.csv").read_bytes()
    assert data == to_csv_bytes(frame)
    assert read_back(data) == [["k"], ["1"], [""], ["3"]]


def test_copy_keeps_the_order_of_an_ordered_query_across_many_row_groups(tmp_path):
    # An IN list in the guard was planned as a join, which shuffled row groups of the answer.
    with duckdb.connect() as connection:
        connection.execute(
            "CREATE TABLE t AS SELECT (i * 7919) % 300000 AS k, 'w' || (i % 97) AS term "
            "FROM range(300000) r(i)"
        )
        path = copy_csv(connection, "SELECT term, k FROM t ORDER BY k DESC", [], tmp_path / "o.csv")
    keys = [int(row[1]) for row in read_back(path.read_bytes())[1:]]
    assert keys == sorted(keys, reverse=True) and len(keys) == 300_000
