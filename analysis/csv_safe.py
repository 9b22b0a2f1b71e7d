"""CSV that spreadsheets open safely: no cell runs as a formula, and Chinese shows in Excel.

Speech can start with `=HYPERLINK(...)`, `@SUM(...)`, `+cmd` or `-1+2`; a spreadsheet runs such a
cell as a formula (OWASP "CSV injection"). Every text cell starting with = + - @, a tab or a
carriage return gets a leading ' (OWASP's advice), which spreadsheets show as text. Numbers stay
numbers. Files are UTF-8 with a byte-order mark, which Excel on Chinese Windows needs to read
UTF-8 rather than GBK, and rows end in CRLF as RFC 4180 has it.

Two writers give the same bytes: `to_csv_bytes` for a pandas table (a download, a command's
output), and `copy_csv` for a DuckDB query, whose rows DuckDB's COPY writes without bringing
them to Python (`python -m analysis export` on a corpus of any size), the guard written in SQL.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ENCODING = "utf-8-sig"  # UTF-8 with a byte-order mark


def neutralise_cell(value):
    """A text cell that a spreadsheet would run as a formula, prefixed with '; others as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose text cells and column names can't start a formula."""
    safe = frame.copy()
    for column in safe.columns:
        values = safe[column]
        if isinstance(values.dtype, pd.CategoricalDtype):
            values = values.astype(object)
        elif not (pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values)):
            continue  # numbers (negative ones included), dates and flags stay what they are
        safe[column] = values.map(neutralise_cell)
    safe.columns = [neutralise_cell(name) for name in safe.columns]
    return safe


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """The table as CSV bytes (UTF-8 with BOM, header row, no index), safe to open in a spreadsheet."""
    # CRLF rows (RFC 4180) make the writer quote a lone \r too, which would otherwise split a row.
    text = neutralise_formulas(frame).to_csv(index=False, lineterminator="\r\n")
    return text.encode(ENCODING)


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """Write the table to `path` as `to_csv_bytes` does."""
    path = Path(path)
    path.write_bytes(to_csv_bytes(frame))
    return path


# ---------------------------------------------------------------- the same in DuckDB

BOM = "\ufeff"
QUOTED = (",", '"', "\r", "\n")  # what makes a cell quoted, in pandas and in DuckDB
# A pattern for RE2, DuckDB's engine: a class of the starts as hex escapes. (An IN list of
# them would be planned as a join, which loses the rows' order.)
_STARTS_PATTERN = "^[" + "".join(f"\\x{{{ord(start):x}}}" for start in FORMULA_STARTS) + "]"


def quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sql_cell(column: str, duckdb_type: str) -> str:
    """The SQL expression that writes a column's cell as `to_csv_bytes` does: text with the
    formula guard and empty text as an empty cell, flags as True/False, NaN as an empty cell."""
    name = quote_identifier(column)
    kind = duckdb_type.upper()
    if kind == "VARCHAR" or kind.startswith("ENUM"):
        text = f"{name}::VARCHAR"
        return (
            f"CASE WHEN regexp_matches({text}, '{_STARTS_PATTERN}') THEN chr(39) || {text} "
            f"ELSE NULLIF({text}, '') END"
        )
    if kind == "BOOLEAN":
        return f"CASE WHEN {name} THEN 'True' WHEN NOT {name} THEN 'False' END"
    if kind in ("DOUBLE", "FLOAT", "REAL"):
        return f"CASE WHEN isnan({name}) THEN NULL ELSE {name} END"
    return name


def copy_csv(
    connection: duckdb.DuckDBPyConnection, select: str, params: Sequence, path: Path
) -> Path:
    """Write a SELECT's answer to `path` with DuckDB's COPY, as `to_csv_bytes` writes a table
    (BOM, header, CRLF rows, the formula guard); `params` fill the SELECT's `?`s."""
    path, params = Path(path), list(params)
    described = connection.execute(f"DESCRIBE {select}", params).fetchall()
    columns = [(row[0], row[1]) for row in described]
    if len(columns) < 2:
        # pandas writes a lone empty cell as "" (an empty line would be no row); DuckDB can't.
        return write_csv(connection.execute(select, params).df(), path)
    headers = [neutralise_cell(name) for name, _ in columns]
    # The byte-order mark rides in front of the first header, unless that header is quoted.
    bom_in_header = bool(headers) and not any(mark in headers[0] for mark in QUOTED)
    if bom_in_header:
        headers[0] = BOM + headers[0]
    cells = ", ".join(
        f"{sql_cell(name, kind)} AS {quote_identifier(header)}"
        for (name, kind), header in zip(columns, headers, strict=True)
    )
    target = path if bom_in_header else path.with_name(path.name + ".part")
    literal = "'" + str(target).replace("'", "''") + "'"
    connection.execute(
        f"COPY (SELECT {cells} FROM ({select}) AS answer) TO {literal} "
        # No comment character: DuckDB would otherwise quote every cell holding a #.
        "(FORMAT csv, HEADER true, DELIMITER ',', QUOTE '\"', ESCAPE '\"', COMMENT '', "
        "NEW_LINE '\r\n')",
        params,
    )
    if not bom_in_header:
        with path.open("wb") as out, target.open("rb") as written:
            out.write(BOM.encode())
            while chunk := written.read(1 << 20):
                out.write(chunk)
        os.remove(target)
    return path


def copy_frame_csv(frame: pd.DataFrame, path: Path) -> Path:
    """Write a pandas table with DuckDB's COPY: the bytes of `write_csv`, written faster."""
    if len(frame.columns) < 2:
        return write_csv(frame, path)
    with duckdb.connect() as connection:
        connection.register("frame", frame)
        return copy_csv(connection, "SELECT * FROM frame", [], path)
