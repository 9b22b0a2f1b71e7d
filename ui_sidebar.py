"""The sidebar every page shares: language, filters, the active filters in words, uploads, link."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import ui_data
import ui_state
import ui_visual as uv
from analysis import schema as s
from analysis.config import (
    MAX_VOCABULARY_BYTES,
    MAX_VOCABULARY_WORDS,
    ConfigError,
    VocabularyError,
    decode_vocabulary,
)
from analysis.ingest.reader import (
    BY_ARTICLE,
    BY_CONFIG,
    BY_CONVERSATION,
    BY_PREFIX,
    safe_file_name,
    speakers_or_defaults,
)
from analysis.ingest.reading_report import reading_report
from analysis.parallel import serial
from analysis.store.selection import Selection
from ui_format import escape_markdown
from ui_text import lang, t
from ui_visual import Visual

MAX_ARTICLES_LISTED = 200  # a corpus up to this size lists every article in the picker
MAX_ARTICLE_MATCHES = 50  # otherwise the picker offers a search's matches and the chosen ones


def draw(data: ui_data.Data, vis: Visual) -> None:
    """Language, filters and uploads; the share link comes after the page (`share_box`)."""
    options = ui_state.options_for(data.store)
    ui_state.radio(
        "lang",
        t("language"),
        list(ui_state.LANGS),
        horizontal=True,
        format_func=lambda code: {"zh": "中文", "en": "English"}[code],
    )
    st.header(t("filters"))
    article_picker(options.articles, vis)
    ui_state.filter_multiselect("speaker", t("filter_speakers"), options.speakers)
    ui_state.filter_multiselect(
        "role", t("filter_roles"), options.roles, format_func=lambda r: t(f"role_{r}")
    )
    ui_state.filter_multiselect("theme", t("filter_themes"), options.themes, format_func=vis.theme)
    ui_state.filter_multiselect("section", t("filter_sections"), options.sections)
    summary = ui_data.ask("summary", Selection())
    if summary.first is not None:
        ui_state.date_range((summary.first.date(), summary.last.date()))
    filter_summary(vis)
    upload_box()
    vocabulary_box()


def article_picker(articles: list[str], vis: Visual) -> None:
    """The article filter. A large corpus is searched (title or id) rather than listed, so
    the page never ships thousands of options: the matches and the chosen articles."""

    def label(a: str) -> str:
        return f"{a[:3]} · {vis.title(a)[:28]}"

    if len(articles) <= MAX_ARTICLES_LISTED:
        ui_state.filter_multiselect("article", t("filter_articles"), articles, format_func=label)
        return
    typed = st.text_input(t("article_search"), key="w_article_search", max_chars=100)
    needle = typed.strip().casefold()
    if needle:
        matches = [
            a for a in articles if needle in a.casefold() or needle in vis.title(a).casefold()
        ]
    else:
        matches = ui_data.ask("recent_articles", Selection(), limit=MAX_ARTICLE_MATCHES)
    chosen = list(ui_state.selection().articles)
    shown = list(dict.fromkeys([*chosen, *matches[:MAX_ARTICLE_MATCHES]]))
    ui_state.filter_multiselect("article", t("filter_articles"), shown, format_func=label)
    st.caption(t("articles_listed").format(shown=len(shown), total=f"{len(articles):,}"))


def filter_summary(vis: Visual) -> None:
    """One line naming the active filters (titles, not ids), with a clear button."""
    sel = ui_state.selection()
    if sel.is_empty_filter():
        st.caption(t("no_filters"))
        return
    names = {
        "articles": {a: vis.title(a)[:16] for a in sel.articles},
        "themes": {th: vis.theme(th) for th in sel.themes},
    }
    st.caption(f"{t('active_filters')} — " + escape_markdown(sel.describe(lang(), names)))
    st.button(t("clear_filters"), on_click=ui_state.clear_filters, icon="✖️", key="clear_filters")


def vocabulary_box() -> None:
    """The session's vocabulary: dictionary words and stopwords added or removed, as the
    file's text (apply, reset, export, import), and suggested words to add in one click.
    A text that doesn't parse is refused with its line named; the vocabulary in force stays."""
    applied = ui_data.vocabulary_text()
    if st.session_state.get("_vocab_seed") != applied:
        # Seeded only when the vocabulary in force changed, so typing survives reruns.
        st.session_state["w_vocab_text"] = applied
        st.session_state["_vocab_seed"] = applied
    vocabulary = ui_data.current_vocabulary()
    # A constant label: Streamlit would fold a relabelled expander after every change.
    with st.expander(t("vocabulary"), icon=":material/menu_book:"):
        st.caption(t("vocabulary_help").format(n=MAX_VOCABULARY_WORDS))
        if st.session_state.get("_vocab_error"):
            st.error(f"{t('vocab_refused')}: {escape_markdown(st.session_state['_vocab_error'])}")
        st.text_area(
            t("vocabulary_text"), key="w_vocab_text", height=220, max_chars=MAX_VOCABULARY_BYTES
        )
        counts = [len(words) for words in vocabulary.lists()]
        version = ui_data.vocab_version()
        st.caption(t("vocab_status").format(*counts) + (f" · {version}" if version else ""))
        apply, reset = st.columns(2)
        apply.button(t("apply"), key="apply_vocab", type="primary", on_click=_apply_vocabulary)
        reset.button(t("reset_vocab"), key="reset_vocab", on_click=_reset_vocabulary)
        st.download_button(
            t("export_vocab"),
            applied.encode("utf-8"),
            file_name="vocabulary.txt",
            mime="text/plain",
            key="export_vocab",
        )
        st.file_uploader(
            t("import_vocab"),
            type=["txt"],
            key="w_vocab_import",
            on_change=_import_vocabulary,
            max_upload_size=1,
        )
        if st.toggle(t("vocab_suggest"), key="w_vocab_suggest"):
            suggestion_list()


def suggestion_list() -> None:
    """Suggested words (two words jieba splits that the corpus keeps writing together), each
    a button that adds it to the dictionary."""
    min_count = st.number_input(
        t("vocab_min_count"), min_value=2, max_value=50, value=3, step=1, key="w_vocab_min"
    )
    found = ui_data.suggestions(ui_state.selection(), int(min_count))
    if found.empty:
        st.caption(t("vocab_no_suggestions"))
        return
    st.caption(t("vocab_suggest_help"))
    for number, row in enumerate(found.itertuples(index=False)):
        term = getattr(row, s.TERM)
        st.button(
            f"{escape_markdown(term)} · {row.count:,}",
            icon=":material/add:",
            key=f"suggest_{number}",
            on_click=_add_suggestion,
            args=(term,),
            help=t("vocab_suggest_scores").format(
                pmi=row.mi,
                g2=row.g2,
                left=row.left_entropy,
                right=row.right_entropy,
            ),
        )
    uv.download_csv(found, "suggested_words.csv")


def _vocabulary_error(error: Exception) -> None:
    """Keep the refusal to show, in the interface's language when its reason is known."""
    if isinstance(error, VocabularyError):
        where = t("vocab_error_where").format(source=error.source, line=error.line)
        message = where + t(f"vocab_error_{error.reason}").format(**error.values)
    else:
        message = str(error)
    st.session_state["_vocab_error"] = message


def _apply_vocabulary() -> None:
    try:
        ui_data.set_vocabulary(st.session_state.get("w_vocab_text") or "")
    except ConfigError as error:
        _vocabulary_error(error)
    else:
        st.session_state.pop("_vocab_error", None)


def _reset_vocabulary() -> None:
    ui_data.set_vocabulary(None)
    st.session_state.pop("_vocab_error", None)


def _import_vocabulary() -> None:
    upload = st.session_state.get("w_vocab_import")
    if upload is None:
        return
    name = safe_file_name(str(upload.name))
    try:
        data = upload.getvalue()
        decode_vocabulary(data, name)  # refuses what isn't the format, naming the line
        ui_data.set_vocabulary(data.decode("utf-8-sig"), name)
    except ConfigError as error:
        _vocabulary_error(error)
    else:
        st.session_state.pop("_vocab_error", None)


def _add_suggestion(term: str) -> None:
    try:
        ui_data.add_to_vocabulary(term)
    except ConfigError as error:
        _vocabulary_error(error)
    else:
        st.session_state.pop("_vocab_error", None)


def upload_box() -> None:
    st.file_uploader(
        t("upload"),
        type=["txt", "md", "docx"],
        accept_multiple_files=True,
        help=t("upload_help"),
        key="w_upload",
        max_upload_size=ui_data.MAX_UPLOAD_FILE_BYTES // 10**6,
    )
    reading_reports_panel()


@st.cache_data(show_spinner=False, max_entries=ui_data.MAX_UPLOAD_FILES, scope="session")
def _reading_report(file_id: str, name: str, _data: bytes):
    speakers, _ = speakers_or_defaults(ui_data.speakers_file())
    with serial():
        return reading_report(name, _data, speakers)


def reading_reports_panel() -> None:
    """How each uploaded file was read (label styles, speakers and roles, what was not
    speech, what was unsure), so a misread file is obvious at once. Computed for the file
    chosen only; everything in it is the file's text, shown in elements that don't parse it."""
    files = ui_data.upload_files()[: ui_data.MAX_UPLOAD_FILES]
    if not files:
        return
    with st.expander(t("reading_report"), icon=":material/fact_check:"):
        names = {f.file_id: f.name for f in files}
        chosen = st.selectbox(
            t("reading_report_file"), list(names), format_func=names.get, key="w_report_file"
        )
        upload = next(f for f in files if f.file_id == chosen)
        if upload.size > ui_data.MAX_UPLOAD_FILE_BYTES:
            st.caption(t("upload_too_large").format(mb=ui_data.MAX_UPLOAD_FILE_BYTES // 10**6))
            return
        report = _reading_report(upload.file_id, upload.name, upload.getvalue())
        show_reading_report(report)


def show_reading_report(report) -> None:
    if report.error:
        st.error(escape_markdown(report.error))
        return
    role_from = {
        BY_CONFIG: t("role_from_config"),
        BY_PREFIX: t("role_from_prefix"),
        BY_ARTICLE: t("role_from_article"),
        BY_CONVERSATION: t("role_from_conversation"),
    }
    headers = {
        "description": t("col_label_style"),
        "labels": t("col_labels"),
        "example": t("col_example"),
        s.SPEAKER: t("col_speaker"),
        s.ROLE: t("col_role"),
        s.TURNS_COUNT: t("col_turns"),
        s.CHARS: t("col_chars"),
        "role_from": t("col_role_from"),
        "reason": t("col_reason"),
        s.TEXT: t("col_text"),
    }

    def shown(frame: pd.DataFrame) -> None:
        st.dataframe(frame.rename(columns=headers), hide_index=True, width="stretch")

    st.caption(t("reading_report_styles"))
    shown(report.label_styles.drop(columns=["style"]))
    st.caption(t("reading_report_speakers"))
    speakers = report.speakers.assign(
        **{
            s.ROLE: report.speakers[s.ROLE].map(lambda r: t(f"role_{r}")),
            "role_from": report.speakers["role_from"].map(lambda r: role_from.get(r, r)),
        }
    )
    shown(speakers)
    st.caption(t("reading_report_not_speech").format(n=len(report.non_speech)))
    if not report.non_speech.empty:
        reasons = report.non_speech.drop(columns=["description"])
        shown(reasons.assign(reason=reasons["reason"].map(lambda r: t(f"reason_{r}"))))
    st.caption(t("reading_report_unsure").format(n=len(report.unsure)))
    for note in report.unsure:
        st.text(note)


def notices(data: ui_data.Data) -> None:
    """The run's messages: a broken theme file, ignored link values, problems reading files.
    Everything quoted came from a link, a file or a file name: shown as text only."""
    if st.session_state.get("_theme_error"):
        message = escape_markdown(st.session_state["_theme_error"])
        st.error(f"{t('theme_file_broken')}: {message}", icon="🧭")
    ui_state.ignored_notice()
    problems = data.problems
    if not problems.empty:
        with st.expander(f"⚠️ {t('file_problems')} ({len(problems)})"):
            for row in problems.itertuples(index=False):
                text = escape_markdown(f"{getattr(row, s.FILE_NAME)}: {getattr(row, s.MESSAGE)}")
                (st.error if getattr(row, s.LEVEL) == s.ERROR else st.info)(text)
    ui_data.check_themes_version()
    ui_data.check_vocab_version()


def share_box() -> None:
    st.caption(t("share_link"))
    # Inline code, not st.code: st.code's highlighter costs every page load ~0.7 s of browser
    # CPU (bench_pages). A code span shows its text literally; a backtick, the one character
    # that could end it, is percent-encoded (the link still works).
    st.markdown(f"`{ui_state.share_link().replace('`', '%60')}`")
