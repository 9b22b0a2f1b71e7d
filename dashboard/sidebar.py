"""The sidebar every page shares: language, filters, the active filters in words, uploads, link."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import schema as s
from analysis.config import (
    MAX_VOCABULARY_BYTES,
    MAX_VOCABULARY_WORDS,
    ConfigError,
    VocabularyError,
    decode_vocabulary,
)
from analysis.ingest.reader import (
    ARTICLE_SUFFIXES,
    BY_ARTICLE,
    BY_CONFIG,
    BY_CONVERSATION,
    BY_PREFIX,
    FILE_STATUS_TEXT,
    NO_SPEECH_NOTES,
    SKIPPED,
    UNSUPPORTED_WORDS,
    safe_file_name,
)
from analysis.store.selection import Selection
from dashboard import data, filter_search, limits, session, tables, view, widgets
from dashboard.charts.look import Visual, clip
from dashboard.data.stores import folder_messages
from dashboard.file_reasons import translate_message
from dashboard.formatting import escape_markdown
from dashboard.texts import LANGS, lang, t


def draw(run: data.Data, vis: Visual) -> None:
    """Language, filters, uploads, vocabulary and the share link. All is drawn before the
    page runs: the view is final then (widgets and clicks change it in their callbacks,
    before the run), and a page that stops early leaves the sidebar whole."""
    options = view.options_for(run.store)
    widgets.radio(
        "lang",
        t("language"),
        list(LANGS),
        horizontal=True,
        format_func=lambda code: {"zh": "中文", "en": "English"}[code],
    )
    st.header(t("filters"))
    article_picker(options, vis)
    searched_filter(
        "speaker",
        t("filter_speakers"),
        options,
        shown_as=vis.speaker_names,
        format_func=vis.speaker,
    )
    widgets.filter_multiselect(
        "role",
        t("filter_roles"),
        options.roles,
        format_func={r: t(f"role_{r}") for r in options.roles}.get,
    )
    widgets.filter_multiselect("theme", t("filter_themes"), options.themes, format_func=vis.theme)
    searched_filter("section", t("filter_sections"), options)
    summary = data.ask("summary", Selection())
    if summary.first is not None:
        widgets.date_range((summary.first.date(), summary.last.date()))
    filter_summary(vis)
    upload_box()
    vocabulary_box()
    share_box()


SEARCH_KEYS = {"speaker": session.SPEAKER_SEARCH, "section": session.SECTION_SEARCH}


def searched_filter(
    name: str, label: str, options: view.Options, shown_as: dict[str, str] | None = None, **kwargs
) -> None:
    """The speaker or section filter: every value, or for a large corpus a search and its
    matches beside the chosen values (`filter_search.offered`)."""
    field = view.FILTERS[name]
    chosen = getattr(view.selection(), field)
    shown, caption = filter_search.offered(field, options, chosen, SEARCH_KEYS[name], shown_as)
    widgets.filter_multiselect(name, label, shown, **kwargs)
    if caption:
        st.caption(caption)


def article_picker(options: view.Options, vis: Visual) -> None:
    """The article filter. A large corpus is searched (title or id) rather than listed, so
    the page never ships thousands of options: the matches and the chosen articles."""

    def label(a: str) -> str:
        return vis.article(a, 28)

    total = options.count("articles")
    if total <= limits.MAX_ARTICLES_LISTED:
        articles = options.values("articles")
        widgets.filter_multiselect("article", t("filter_articles"), articles, format_func=label)
        return
    typed = st.text_input(t("article_search"), key=session.ARTICLE_SEARCH, max_chars=100)
    needle = typed.strip().casefold()
    if needle:
        matches = [
            a
            for a in options.values("articles")  # read once a visitor searches
            if needle in a.casefold() or needle in vis.title(a).casefold()
        ]
    else:
        matches = data.ask("recent_articles", Selection(), limit=limits.MAX_ARTICLE_MATCHES)
    chosen = list(view.selection().articles)
    shown = list(dict.fromkeys([*chosen, *matches[: limits.MAX_ARTICLE_MATCHES]]))
    widgets.filter_multiselect("article", t("filter_articles"), shown, format_func=label)
    st.caption(t("articles_listed").format(shown=len(shown), total=f"{total:,}"))


def filter_summary(vis: Visual) -> None:
    """One line naming the active filters (titles, not ids), with a clear button."""
    sel = view.selection()
    if sel.is_empty_filter():
        st.caption(t("no_filters"))
        return
    names = {
        "articles": {a: clip(vis.title(a), 16) for a in sel.articles},
        "themes": {th: vis.theme(th) for th in sel.themes},
    }
    st.caption(f"{t('active_filters')} — " + escape_markdown(sel.describe(lang(), names)))
    st.button(t("clear_filters"), on_click=view.clear_filters, icon="✖️", key=session.CLEAR_FILTERS)


def vocabulary_box() -> None:
    """The session's vocabulary: dictionary words and stopwords added or removed, as the
    file's text (apply, reset, export, import), and suggested words to add in one click.
    A text that doesn't parse is refused with its line named; the vocabulary in force stays."""
    applied = data.vocabulary_text()
    if st.session_state.get(session.VOCAB_SEED) != applied:
        # Seeded only when the vocabulary in force changed, so typing survives reruns.
        st.session_state[session.VOCAB_EDIT] = applied
        st.session_state[session.VOCAB_SEED] = applied
    vocabulary = data.current_vocabulary()
    # A popover, not an expander: the browser draws a closed popover's content only once it
    # is opened (a closed expander's is drawn on every page load). A constant label.
    with st.popover(
        t("vocabulary"), icon=":material/menu_book:", width="stretch", key=session.VOCAB_BOX
    ):
        st.caption(t("vocabulary_help").format(n=MAX_VOCABULARY_WORDS))
        if st.session_state.get(session.VOCAB_ERROR):
            st.error(
                f"{t('vocab_refused')}: {escape_markdown(st.session_state[session.VOCAB_ERROR])}"
            )
        st.text_area(
            t("vocabulary_text"), key=session.VOCAB_EDIT, height=220, max_chars=MAX_VOCABULARY_BYTES
        )
        counts = [len(words) for words in vocabulary.lists()]
        version = data.vocab_version()
        st.caption(t("vocab_status").format(*counts) + (f" · {version}" if version else ""))
        apply, reset = st.columns(2)
        apply.button(
            t("apply"), key=session.APPLY_VOCAB, type="primary", on_click=_apply_vocabulary
        )
        reset.button(t("reset_vocab"), key=session.RESET_VOCAB, on_click=_reset_vocabulary)
        st.download_button(
            t("export_vocab"),
            applied.encode("utf-8"),
            file_name="vocabulary.txt",
            mime="text/plain",
            key=session.EXPORT_VOCAB,
            on_click="ignore",
        )
        st.file_uploader(
            t("import_vocab"),
            type=["txt"],
            key=session.VOCAB_IMPORT,
            on_change=_import_vocabulary,
            max_upload_size=limits.MAX_VOCAB_IMPORT_MB,
        )
        if st.toggle(t("vocab_suggest"), key=session.VOCAB_SUGGEST):
            suggestion_list()


def suggestion_list() -> None:
    """Suggested words (two words jieba splits that the corpus keeps writing together), each
    a button that adds it to the dictionary."""
    min_count = st.number_input(
        t("vocab_min_count"), min_value=2, max_value=50, value=3, step=1, key=session.VOCAB_MIN
    )
    found = data.suggestions(view.selection(), int(min_count))
    if found.empty:
        st.caption(t("vocab_no_suggestions"))
        return
    st.caption(t("vocab_suggest_help"))
    for number, row in enumerate(found.itertuples(index=False)):
        term = getattr(row, s.TERM)
        st.button(
            f"{escape_markdown(term)} · {row.count:,}",
            icon=":material/add:",
            key=session.suggestion(number),
            on_click=_add_suggestion,
            args=(term,),
            help=t("vocab_suggest_scores").format(
                pmi=row.mi,
                g2=row.g2,
                left=row.left_entropy,
                right=row.right_entropy,
            ),
        )
    tables.download_csv(found, "suggested_words.csv")


def _vocabulary_error(error: Exception) -> None:
    """Keep the refusal to show, in the interface's language when its reason is known."""
    if isinstance(error, VocabularyError):
        where = t("vocab_error_where").format(source=error.source, line=error.line)
        message = where + t(f"vocab_error_{error.reason}").format(**error.values)
    else:
        message = str(error)
    st.session_state[session.VOCAB_ERROR] = message


def _apply_vocabulary() -> None:
    try:
        data.set_vocabulary(st.session_state.get(session.VOCAB_EDIT) or "")
    except ConfigError as error:
        _vocabulary_error(error)
    else:
        st.session_state.pop(session.VOCAB_ERROR, None)


def _reset_vocabulary() -> None:
    data.set_vocabulary(None)
    st.session_state.pop(session.VOCAB_ERROR, None)


def _import_vocabulary() -> None:
    upload = st.session_state.get(session.VOCAB_IMPORT)
    if upload is None:
        return
    name = safe_file_name(str(upload.name))
    try:
        raw = upload.getvalue()
        decode_vocabulary(raw, name)  # refuses what isn't the format, naming the line
        data.set_vocabulary(raw.decode("utf-8-sig"), name)
    except ConfigError as error:
        _vocabulary_error(error)
    else:
        st.session_state.pop(session.VOCAB_ERROR, None)


def _add_suggestion(term: str) -> None:
    try:
        data.add_to_vocabulary(term)
    except ConfigError as error:
        _vocabulary_error(error)
    else:
        st.session_state.pop(session.VOCAB_ERROR, None)


def suffix_names() -> str:
    """The kinds of file the reader takes, as the uploader's label names them."""
    return " / ".join(ARTICLE_SUFFIXES)


# Streamlit 1.67 writes its uploader's own words in English, with no setting to change
# them: dashboard/styles.py replaces them in the interface's language (the one stylesheet
# tests/test_hosting.py allows). The caption adds the session's limits, which Streamlit
# doesn't show.


def upload_box() -> None:
    """The articles' uploader. It takes a file of any kind, so a PDF or a picture is listed
    with the reason it is not read (in the interface's language), rather than refused by
    Streamlit in English; the reader decides what it reads (`ARTICLE_SUFFIXES`).

    It sits in a popover: the browser draws a closed popover's content only once it is
    opened (an uploader costs every page load ~0.3 s of browser CPU otherwise). It is still
    called on every run, so its files stay in the session while the popover is closed; what
    was read is said below it, outside the popover."""
    count = len(data.upload_files())
    # The popover's key alone names it, so a label counting the files keeps it open.
    label = t("upload_box_count").format(n=count) if count else t("upload_box")
    with st.popover(label, icon=":material/upload_file:", width="stretch", key=session.UPLOAD_BOX):
        st.file_uploader(
            t("upload").format(suffixes=suffix_names()),
            type=None,
            accept_multiple_files=True,
            help=t("upload_help"),
            key=session.UPLOAD,
            max_upload_size=limits.MAX_UPLOAD_FILE_BYTES // 10**6,
        )
        st.caption(
            t("upload_limits").format(
                suffixes=suffix_names(),
                file_mb=limits.MAX_UPLOAD_FILE_BYTES // 10**6,
                session_mb=limits.MAX_UPLOAD_SESSION_BYTES // 10**6,
                n=limits.MAX_UPLOAD_FILES,
            )
        )
        # Closing the popover unmounts the uploader, which drops a file still being sent.
        st.caption(t("upload_keep_open"))
    uploads_read()
    reading_reports_panel()


def uploads_read() -> None:
    """How many of the uploads were read, and how many not (each is listed, with why, under
    the page's "problems reading files")."""
    files = data.upload_files()
    if not files:
        return
    read = sum(
        1
        for upload in files
        if (report := data.reading_report(upload.file_id)) is not None and report.status == s.READ
    )
    st.caption(t("upload_files_read").format(total=len(files), read=read, unread=len(files) - read))


def reading_reports_panel() -> None:
    """How each uploaded file was read (label styles, speakers and roles, what was not
    speech, what was unsure), so a misread file is obvious at once. The report comes from the
    parse that read the upload (`data.reading_report`): nothing is read again to show it;
    everything in it is the file's text, shown in elements that don't parse it."""
    files = data.upload_files()[: limits.MAX_UPLOAD_FILES]
    if not files:
        return
    with st.expander(t("reading_report"), icon=":material/fact_check:"):
        names = {f.file_id: f.name for f in files}
        chosen = st.selectbox(
            t("reading_report_file"), list(names), format_func=names.get, key=session.REPORT_FILE
        )
        upload = next(f for f in files if f.file_id == chosen)
        if upload.size > limits.MAX_UPLOAD_FILE_BYTES:
            st.caption(t("upload_too_large").format(mb=limits.MAX_UPLOAD_FILE_BYTES // 10**6))
            return
        report = data.reading_report(upload.file_id)
        if report is None:  # beyond the session's allowance: not read
            st.caption(t("upload_session_full").format(mb=limits.MAX_UPLOAD_SESSION_BYTES // 10**6))
            return
        show_reading_report(report)


def status_text(status: str) -> str:
    """A file's status (`schema.FILE_STATUSES`) in the interface's language."""
    zh, en = FILE_STATUS_TEXT.get(status, (status, status))
    return en if lang() == "en" else zh


def style_text(style: str) -> str:
    """A label style of the reading report (`style` or `style+stamp_before`) in words."""
    name, _, stamp = style.partition("+stamp_")
    if name == "stamped" and stamp == "before":
        return t("style_stamped_before")
    words = t(f"style_{name}")
    return f"{words}, {t(f'stamp_{stamp}')}" if stamp and name != "stamped" else words


def show_reading_report(report) -> None:
    if report.error:
        st.error(
            escape_markdown(
                f"{status_text(report.status)}: {translate_message(report.error, lang())}"
            )
        )
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
    styles = report.label_styles
    shown(styles.assign(description=styles["style"].map(style_text)).drop(columns=["style"]))
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
        st.text(translate_message(note, lang()))


def problem_line(name: str, level: str, message: str) -> str:
    """One file's problem as a line: its name, what became of it and why, in the
    interface's language (the reader's English words translated, `file_reasons`)."""
    if message.startswith(SKIPPED):
        reason = message.removeprefix(SKIPPED)
        if reason.startswith(UNSUPPORTED_WORDS):  # the reason opens with the status's words
            return f"{name}: {translate_message(reason, lang())}"
        return f"{name}: {status_text(s.UNREADABLE)} — {translate_message(reason, lang())}"
    if level != s.WARNING:
        return f"{name}: {translate_message(message, lang())}"
    if message in NO_SPEECH_NOTES or message.startswith("none of its cues"):
        status = status_text(s.NO_SPEECH)
    else:
        status = t("file_status_noted")
    return f"{name}: {status} — {translate_message(message, lang())}"


def notices(run: data.Data) -> None:
    """The run's messages: a broken theme file, ignored link values, problems reading files.
    Everything quoted came from a link, a file or a file name: shown as text only."""
    if st.session_state.get(session.THEME_ERROR):
        message = escape_markdown(st.session_state[session.THEME_ERROR])
        st.error(f"{t('theme_file_broken')}: {message}", icon="🧭")
    view.ignored_notice()
    problems = run.problems
    # The folder itself (missing, or without a file the reader takes): said at once, not
    # folded away, since the pages then have nothing to show.
    folder = problems[s.MESSAGE].isin(folder_messages())
    for row in problems[folder].itertuples(index=False):
        st.error(escape_markdown(f"{getattr(row, s.FILE_NAME)}: {getattr(row, s.MESSAGE)}"))
    # Files not read first, then files read with a note: the first few shown are the worst.
    problems = problems[~folder].sort_values(
        s.LEVEL, key=lambda level: level != s.ERROR, kind="stable"
    )
    if not problems.empty:
        with st.expander(f"⚠️ {t('file_problems')} ({len(problems)})"):
            # The first few as alerts, every one in the CSV: a folder of 100,000 files can
            # hold thousands (20 kB of alerts on every page).
            lines = [
                problem_line(name, level, message)
                for name, level, message in zip(
                    problems[s.FILE_NAME], problems[s.LEVEL], problems[s.MESSAGE], strict=True
                )
            ]
            most = limits.MAX_PROBLEMS_SHOWN
            for line, level in zip(lines[:most], problems[s.LEVEL].iloc[:most], strict=True):
                (st.error if level == s.ERROR else st.info)(escape_markdown(line))
            if len(lines) > limits.MAX_PROBLEMS_SHOWN:
                st.caption(
                    t("problems_shown").format(
                        shown=limits.MAX_PROBLEMS_SHOWN, total=f"{len(lines):,}"
                    )
                )
            tables.download_csv(
                pd.DataFrame({s.FILE_NAME: problems[s.FILE_NAME].tolist(), s.MESSAGE: lines}),
                "file_problems.csv",
            )
    data.check_themes_version()
    data.check_vocab_version()


def share_box() -> None:
    st.caption(t("share_link"))
    # Inline code, not st.code: st.code's highlighter costs every page load ~0.7 s of browser
    # CPU (bench_pages). A code span shows its text literally; a backtick, the one character
    # that could end it, is percent-encoded (the link still works).
    st.markdown(f"`{view.share_link().replace('`', '%60')}`")
