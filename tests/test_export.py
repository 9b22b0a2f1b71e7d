"""`export` writes every table with DuckDB's COPY: the same rows, bytes and guard as the tables."""

import csv
import io

import pandas as pd
import pytest

from analysis import schema as s
from analysis.csv_safe import neutralise_cell, to_csv_bytes
from analysis.store.export import EXPORTED, TABLE_NAMES, tables, write_tables
from analysis.store.selection import Selection


def read_back(path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


@pytest.fixture(scope="module")
def exported(seeds_store, tmp_path_factory):
    out = tmp_path_factory.mktemp("export")
    paths = write_tables(seeds_store, out, TABLE_NAMES)
    return {path.stem: path for path in paths}


def test_every_table_is_written_once_by_name(exported):
    assert list(exported) == list(TABLE_NAMES)
    assert {t.name for t in EXPORTED} <= set(TABLE_NAMES)


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_the_written_file_is_the_store_table_as_the_python_writer_writes_it(
    seeds_store, exported, name
):
    frame = tables(seeds_store, [name])[name]
    assert len(frame) or name == s.PROBLEMS.name  # the seeds fill every other table
    assert exported[name].read_bytes() == to_csv_bytes(frame)


@pytest.mark.parametrize("name", [t.name for t in EXPORTED])
def test_the_written_file_reads_back_as_the_store_table(seeds_store, exported, name):
    frame = tables(seeds_store, [name])[name]
    header, *rows = read_back(exported[name])
    assert header == list(frame.columns)
    assert len(rows) == len(frame)
    columns = list(zip(*rows, strict=True)) or [()] * len(header)
    for column, values in zip(header, columns, strict=True):
        expected = frame[column]
        if pd.api.types.is_numeric_dtype(expected) and not pd.api.types.is_bool_dtype(expected):
            written = pd.to_numeric(pd.Series(values).replace("", None))
            pd.testing.assert_series_equal(
                written, expected.astype(float), check_names=False, check_dtype=False
            )
        elif pd.api.types.is_bool_dtype(expected) or set(expected.dropna()) <= {True, False}:
            # flags as pandas writes them (the exchanges' follow_up, topic_shift)
            assert list(values) == ["" if pd.isna(v) else str(bool(v)) for v in expected]
        elif pd.api.types.is_datetime64_any_dtype(expected):
            assert list(pd.to_datetime(pd.Series(values).replace("", None))) == list(expected)
        else:  # text: as it is, empty where missing, quoted where it would run as a formula
            assert list(values) == ["" if pd.isna(v) else neutralise_cell(v) for v in expected]


def test_a_selection_exports_only_its_rows(seeds_store, tmp_path):
    article = seeds_store.options()["articles"][0]
    selection = Selection(articles=(article,))
    [path] = write_tables(seeds_store, tmp_path, [s.TURNS.name], sel=selection)
    rows = read_back(path)[1:]
    assert rows and {row[0] for row in rows} == {article}
    assert path.read_bytes() == to_csv_bytes(seeds_store.turns(selection))


def test_the_default_export_never_fetches_every_word(seeds_store, monkeypatch, tmp_path):
    # TF-IDF, phrases and topics need the whole tokens table: only --all pays for them.
    import analysis.store.export as export

    def refuse(_):
        raise AssertionError("the tokens table was fetched")

    monkeypatch.setattr(export._Rows, "tokens", property(refuse))
    written = write_tables(seeds_store, tmp_path, [t.name for t in EXPORTED])
    assert [path.stem for path in written] == [t.name for t in EXPORTED]
    with pytest.raises(AssertionError, match="tokens table"):
        tables(seeds_store, [s.TOPIC_WORDS.name])
