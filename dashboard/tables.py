"""Tables as a person reads them (titles for ids, translated headers, number formats) and
their CSV downloads: st.dataframe and st.download_button. A table and its CSV are made here
together (`top_table`): the CSV's headers are the ones on screen, in the interface's language."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from analysis import schema as s
from dashboard import limits, session
from dashboard.charts.look import Visual
from dashboard.texts import lang, t, translator

# Column -> (interface text key, kind). Kinds set the number format.
COLUMNS: dict[str, tuple[str, str]] = {
    s.ARTICLE_ID: ("col_article", "text"),
    s.TITLE: ("col_title", "text"),
    s.ACCOUNT: ("col_account", "text"),
    s.PUBLISHED: ("col_published", "date"),
    s.PLACE: ("col_place", "text"),
    s.URL: ("col_url", "link"),
    s.N_TURNS: ("col_turns", "int"),
    s.N_SPEAKERS: ("col_n_speakers", "int"),
    s.SPEECH_CHARS: ("col_chars", "int"),
    s.TURN: ("col_turn", "int"),
    s.SECTION: ("col_section", "text"),
    s.SPEAKER: ("col_speaker", "text"),
    s.ROLE: ("col_role", "text"),
    s.TEXT: ("col_text", "text"),
    s.CHARS: ("col_chars", "int"),
    s.TURNS_COUNT: ("col_turns", "int"),
    s.SHARE: ("col_share", "percent"),
    s.TURN_SHARE: ("col_turn_share", "percent"),
    s.EST_MINUTES: ("col_minutes", "float1"),
    s.MINUTES: ("col_speaking_minutes", "float1"),
    s.MINUTES_SOURCE: ("col_minutes_source", "text"),
    s.LONGEST_TURN_CHARS: ("col_longest_turn_chars", "int"),
    s.LONGEST_TURN: ("col_longest_turn", "int"),
    s.MEAN_TURN_CHARS: ("col_mean_turn_chars", "float0"),
    s.QUESTIONS: ("col_questions", "int"),
    s.HOST_GUEST_RATIO: ("col_host_guest_ratio", "float2"),
    s.SWITCHES_PER_1K: ("col_switches", "float2"),
    s.TERM: ("col_term", "text"),
    s.COUNT: ("col_count", "int"),
    s.RATE: ("col_rate", "float1"),
    s.TFIDF: ("col_tfidf", "float4"),
    s.COUNT_A: ("col_count_a", "int"),
    s.COUNT_B: ("col_count_b", "int"),
    s.G2: ("col_g2", "float1"),
    s.LOG_RATIO: ("col_log_ratio", "float2"),
    s.Z: ("col_z", "float2"),
    s.RATE_A: ("col_rate_a", "float1"),
    s.RATE_B: ("col_rate_b", "float1"),
    s.P_VALUE: ("col_p_value", "pvalue"),
    s.P_ADJUSTED: ("col_p_adjusted", "pvalue"),
    s.PERIOD: ("col_period", "date"),
    s.WORDS: ("col_words", "int"),
    s.PHRASE: ("col_phrase", "text"),
    s.FREQ: ("col_freq", "int"),
    s.MI: ("col_mi", "float2"),
    s.NGRAM: ("col_ngram", "text"),
    s.ARTICLES_COUNT: ("col_articles", "int"),
    s.TERM_A: ("col_term_a", "text"),
    s.TERM_B: ("col_term_b", "text"),
    s.TOGETHER: ("col_together", "int"),
    s.JACCARD: ("col_jaccard", "float2"),
    s.COMMUNITY: ("col_community", "int"),
    s.DEGREE: ("col_degree", "int"),
    s.SIZE: ("col_size", "int"),
    s.FIRST_TURN: ("col_first_turn", "int"),
    s.THEME: ("col_theme", "text"),
    s.HITS: ("col_hits", "int"),
    s.TOPIC: ("col_topic", "text"),
    s.LEFT: ("kwic_left", "text"),
    s.MATCH: ("kwic_match", "text"),
    s.RIGHT: ("kwic_right", "text"),
    s.OFFSET: ("col_offset", "int"),
    "name": ("col_theme_name", "text"),
    "label_en": ("col_label_en", "text"),
    "keywords": ("col_keywords", "text"),
    "patterns": ("col_patterns", "text"),
    # Charts that read (issue 22): the talk-ratio table (dashboard.charts.reshape).
    "guest": ("col_guest", "text"),
    "guest_share": ("col_guest_share", "percent"),
    "hosts_share": ("col_hosts_share", "percent"),
    "hosts": ("col_hosts", "text"),
    "others_share": ("col_others_share", "percent"),
    "guest_per_host": ("col_guest_per_host", "float2"),
    # Tables and language (issue 22): the concordance's neighbour words and the questions'
    # columns, so their CSVs have the headers a person reads too.
    s.L2: ("kwic_sort_L2", "text"),
    s.L1: ("kwic_sort_L1", "text"),
    s.R1: ("kwic_sort_R1", "text"),
    s.R2: ("kwic_sort_R2", "text"),
    s.ASKER: ("col_asker", "text"),
    s.QUESTION_TEXT: ("col_question", "text"),
    s.QUESTION_TYPE: ("col_question_type", "text"),
    s.ANSWERERS: ("col_answerers", "text"),
    s.ANSWER_CHARS: ("col_answer_chars", "int"),
    s.ANSWER_TURNS: ("col_answer_turns", "int"),
    s.QUESTION_THEMES: ("col_question_themes", "text"),
    s.FOLLOW_UP: ("col_follow_up", "bool"),
    s.TOPIC_SHIFT: ("col_topic_shift", "bool"),
    s.POSITION: ("col_position", "float2"),
}


_FORMATS = {
    "float0": "%.0f",
    "float1": "%.1f",
    "float2": "%.2f",
    "float4": "%.4f",
    "pvalue": "%.2g",  # p-values span many orders of magnitude
}


def header(column, tr=t) -> str:
    """The header a column has on screen and in its CSV (`tr`: the language's `t`)."""
    text_key = COLUMNS.get(column, (None, "text"))[0]
    return tr(text_key) if text_key else str(column)


def column_config(frame: pd.DataFrame, **overrides) -> dict:
    """Translated headers and number formats for every known column of a table."""
    config = {}
    for column in frame.columns:
        kind = COLUMNS.get(column, (None, "text"))[1]
        label = header(column)
        if kind == "int":
            config[column] = st.column_config.NumberColumn(label, format="localized")
        elif kind == "percent":
            # Charts that read (issue 22): one format for every share, "32.0%" (Streamlit's
            # "percent" writes 32% beside 17.17%); `readable` gives percentage points.
            config[column] = st.column_config.NumberColumn(label, format="%.1f%%")
        elif kind in _FORMATS:
            config[column] = st.column_config.NumberColumn(label, format=_FORMATS[kind])
        elif kind == "date":
            config[column] = st.column_config.DatetimeColumn(label, format="YYYY-MM-DD")
        elif kind == "link":
            config[column] = st.column_config.LinkColumn(label)
        elif kind == "bool":
            config[column] = st.column_config.CheckboxColumn(label)
        else:
            config[column] = st.column_config.TextColumn(label)
    config.update(overrides)
    return config


# Tables and language (issue 22): columns that hold speakers, whose role labels are words of
# the interface (主持人 -> Host in English; see Visual.speaker_names).
SPEAKER_COLUMNS = (s.SPEAKER, s.ASKER, s.ANSWERERS)


def readable(frame: pd.DataFrame, vis: Visual, tr=None) -> pd.DataFrame:
    """A table as a person reads it: titles for article ids, the language's theme, role and
    role-label names (`tr`: the language's `t`, for a CSV made outside the run)."""
    tr = tr or t
    out = frame.copy()
    if s.ARTICLE_ID in out:  # the short label: a whole title fills a phone's width
        out[s.ARTICLE_ID] = out[s.ARTICLE_ID].map(vis.article)
    if s.THEME in out:
        out[s.THEME] = out[s.THEME].map(vis.theme)
    # Charts that read (issue 22): shares (0-1) as percentage points for the "%.1f%%" format.
    for column in [c for c in out.columns if COLUMNS.get(c, ("", ""))[1] == "percent"]:
        out[column] = out[column] * 100
    if s.ROLE in out:
        out[s.ROLE] = out[s.ROLE].map(lambda r: tr(f"role_{r}") if r in s.ROLES else r)
    if s.QUESTION_TYPE in out:
        types = s.QUESTION_TYPES
        out[s.QUESTION_TYPE] = out[s.QUESTION_TYPE].map(
            lambda v: tr(f"qa_type_{v}") if v in types else v
        )
    for column in [c for c in SPEAKER_COLUMNS if c in out]:
        out[column] = out[column].map(vis.speaker_label)
    if s.MINUTES_SOURCE in out:
        sources = (s.MEASURED, s.ESTIMATED, s.MIXED)
        out[s.MINUTES_SOURCE] = out[s.MINUTES_SOURCE].map(
            lambda v: tr(f"minutes_{v}") if v in sources else v
        )
    return out


def table(frame: pd.DataFrame, vis: Visual, **kwargs):
    """st.dataframe of a readable table with translated headers (no CSV: see `top_table`)."""
    shown = readable(frame, vis)
    config = column_config(shown, **kwargs.pop("column_config", {}))
    drawn = st.dataframe(shown, hide_index=True, column_config=config, **kwargs)
    _say_what_articles_count(frame)
    return drawn


def _say_what_articles_count(frame: pd.DataFrame) -> None:
    """Under a filter that picks turns within articles (a theme, a speaker, a role, a
    section), the articles table lists the articles with such a turn but counts whole
    articles: say so (issue 22 item 10b)."""
    if s.N_TURNS not in frame or s.SPEECH_CHARS not in frame:
        return
    from dashboard import view

    sel = view.selection()
    if sel.themes or sel.speakers or sel.roles or sel.sections:
        st.caption(t("articles_whole_counts"))


def csv_table(
    frame: pd.DataFrame, vis: Visual, tr=None, headers: dict | None = None
) -> pd.DataFrame:
    """The table a CSV holds: the values and headers shown on screen (`headers`: a page's
    own), an article by its full title under the title's header (no screen width to fit)."""
    tr = tr or t
    out = readable(frame, vis, tr)
    if s.ARTICLE_ID in frame and s.TITLE not in frame:
        out[s.ARTICLE_ID] = frame[s.ARTICLE_ID].map(vis.title)
        out = out.rename(columns={s.ARTICLE_ID: s.TITLE})
    headers = headers or {}
    return out.rename(columns={c: headers.get(c) or header(c, tr) for c in out.columns})


def _visual() -> Visual:
    from dashboard import data

    return data.visual(data.current())


def download_csv(
    frame: pd.DataFrame | Callable[[], pd.DataFrame],
    file_name: str,
    vis: Visual | None = None,
    headers: dict | None = None,
) -> None:
    """A CSV download of a table: its on-screen headers and values (`csv_table`), UTF-8 with
    a byte-order mark (Excel on Chinese Windows reads it right) and formula-like cells
    neutralised (csv_safe). The bytes are made when the button is clicked, not on every
    run, so the language is fixed now (the click's handler has no run to read it from).
    `frame` may be a function making the table on the click: a table too large to keep
    between runs (every term of a comparison at 100,000 articles)."""
    from analysis.csv_safe import to_csv_bytes

    vis = vis or _visual()
    tr = translator(lang())
    table_of = frame if callable(frame) else lambda: frame
    st.download_button(
        t("download_csv"),
        lambda: to_csv_bytes(csv_table(table_of(), vis, tr, headers)),
        file_name=file_name,
        mime="text/csv",
        key=session.download(file_name),
        # No rerun on the click: a rerun replaced the file's deferred maker while the
        # browser fetched it, and the button could stay disabled with no file.
        on_click="ignore",
    )


def top_table(
    frame: pd.DataFrame,
    vis: Visual,
    file_name: str,
    rows: int | None = None,
    always_csv: bool = False,
    csv: pd.DataFrame | Callable[[], pd.DataFrame] | None = None,
    total: int | None = None,
    **kwargs,
):
    """The one way a page shows a table: its first `rows` rows (a note says when there are
    more; a large corpus's tables never go to the browser whole) and the whole table as a
    CSV download with the headers on screen (`csv`: another table to download instead, or
    a function making it on the click; `total`: the whole table's rows when `frame` holds
    only the first). `kwargs` go to st.dataframe; `column_config` labels name the CSV's
    columns too. `always_csv` is kept for callers: every table has its CSV now."""
    del always_csv
    rows = limits.MAX_TABLE_ROWS if rows is None else rows
    total = len(frame) if total is None else total
    overrides = kwargs.get("column_config", {})
    table(frame.head(rows), vis, **kwargs)
    if total > rows:
        st.caption(t("rows_shown").format(shown=rows, total=f"{total:,}"))
    headers = {c: (config or {}).get("label") for c, config in overrides.items()}
    download_csv(frame if csv is None else csv, file_name, vis, headers)


def headers_markdown() -> str:
    """docs/tables.md's last part: each column's header on screen and in CSV downloads, in
    both languages (the names `header` gives)."""
    from dashboard.texts import translator

    zh, en = translator("zh"), translator("en")
    lines = [
        "## Headers on screen and in CSV downloads",
        "",
        "The dashboard's tables and their CSV files head a column with its name in the",
        "interface's language (`dashboard/tables.py`, `COLUMNS`); a column not listed keeps",
        "its name above. `python -m dashboard.tables > docs/tables.md` writes this file whole",
        "(the part above is `python -m analysis tables-doc`).",
        "",
        "| column | 中文 | English |",
        "| --- | --- | --- |",
    ]
    lines += [f"| `{column}` | {header(column, zh)} | {header(column, en)} |" for column in COLUMNS]
    return "\n".join(lines) + "\n"


def tables_doc() -> str:
    """docs/tables.md: the analysis layer's tables (`analysis.cli.tables_markdown`) and the
    dashboard's headers for their columns."""
    from analysis.cli import tables_markdown

    return tables_markdown() + "\n" + headers_markdown()


if __name__ == "__main__":  # python -m dashboard.tables > docs/tables.md
    print(tables_doc(), end="")
