"""CSV files open safely in a spreadsheet: no formula runs, numbers stay numbers, Chinese reads."""

import codecs
import csv
import io

import pandas as pd
import pytest

from analysis.csv_safe import FORMULA_STARTS, neutralise_formulas, to_csv_bytes, write_csv
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
