"""The Themes page's editor: the themes in force as a table to edit, apply, reset, export or
import. A theme file or table that doesn't parse is refused with its line named, shown as
text (it quotes the file's name and patterns); the themes in force stay."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.config import ConfigError, Theme, dump_themes, parse_themes
from analysis.ingest.reader import safe_file_name
from dashboard import data, session, tables
from dashboard.data.themes import current_themes
from dashboard.formatting import escape_markdown
from dashboard.texts import t


def as_table(themes: list[Theme]) -> pd.DataFrame:
    """Themes as the editor's rows: keywords and patterns comma-separated."""
    return pd.DataFrame(
        {
            "name": [th.name for th in themes],
            "label_en": [th.label_en for th in themes],
            "keywords": [", ".join(th.keywords) for th in themes],
            "patterns": [", ".join(th.patterns) for th in themes],
        }
    )


def _split(value) -> tuple[str, ...]:
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    return tuple(part.strip() for part in text.replace("，", ",").split(",") if part.strip())


def from_table(edited: pd.DataFrame) -> list[Theme]:
    """The themes an edited table holds; rows without a name are left out."""
    return [
        Theme(
            str(row["name"]).strip(),
            _split(row["keywords"]),
            _split(row["patterns"]),
            str(row["label_en"] or "").strip(),
        )
        for _, row in edited.iterrows()
        if str(row["name"] or "").strip() and str(row["name"]) != "nan"
    ]


def refused(error: Exception) -> None:
    """Why themes were refused. It quotes the file's name and text: shown as written."""
    st.error(escape_markdown(error), icon="🧭")


def applied(message: str, n: int) -> None:
    """Say on the next run (the one that shows the new themes) what was applied."""
    st.session_state[session.THEMES_APPLIED] = t(message).format(n=n)


def draw(current: list[Theme]) -> None:
    """The editor and its buttons; a change of the themes reruns the page with them, and
    that run confirms what was applied."""
    done = st.session_state.pop(session.THEMES_APPLIED, None)
    if done:
        st.success(done, icon="🧭")
    table = as_table(current)
    edited = st.data_editor(
        table,
        num_rows="dynamic",
        hide_index=True,
        key=session.THEME_EDITOR,
        width="stretch",
        column_config=tables.column_config(table),
    )
    col_apply, col_reset, col_export = st.columns(3)
    if col_apply.button(t("apply"), key=session.APPLY_THEMES, type="primary"):
        try:
            themes = parse_themes(dump_themes(from_table(edited)), "editor")
            data.set_themes(dump_themes(themes))
            applied("themes_applied", len(themes))
            st.rerun()
        except ConfigError as error:
            refused(error)
    if col_reset.button(t("reset_themes"), key=session.RESET_THEMES):
        data.set_themes(None)
        applied("themes_reset", len(current_themes()))
        st.rerun()
    col_export.download_button(
        t("export_themes"),
        data.themes_text().encode("utf-8"),
        file_name="themes.toml",
        mime="application/toml",
        key=session.EXPORT_THEMES,
        on_click="ignore",
    )
    imported = st.file_uploader(t("import_themes"), type=["toml"], key=session.THEME_IMPORT)
    if imported is not None and st.session_state.get(session.THEME_IMPORTED) != imported.file_id:
        st.session_state[session.THEME_IMPORTED] = imported.file_id  # each file applied once
        try:
            text = imported.getvalue().decode("utf-8-sig")
            themes = parse_themes(text, safe_file_name(str(imported.name)))
            data.set_themes(text)
            applied("themes_applied", len(themes))
            st.rerun()
        except (ConfigError, UnicodeDecodeError) as error:
            refused(error)
