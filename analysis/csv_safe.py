"""CSV that spreadsheets open safely: no cell runs as a formula, and Chinese shows in Excel.

Speech can start with `=HYPERLINK(...)`, `@SUM(...)`, `+cmd` or `-1+2`; a spreadsheet runs such a
cell as a formula (OWASP "CSV injection"). Every text cell starting with = + - @, a tab or a
carriage return gets a leading ' (OWASP's advice), which spreadsheets show as text. Numbers stay
numbers. Files are UTF-8 with a byte-order mark, which Excel on Chinese Windows needs to read
UTF-8 rather than GBK, and rows end in CRLF as RFC 4180 has it.
"""

from __future__ import annotations

from pathlib import Path

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
