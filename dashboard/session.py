"""Every `st.session_state` key the dashboard uses, declared once.

The view (filters and settings) is not kept here: it lives in the URL (`dashboard.view`).
What a session holds is its data and edits (themes, vocabulary, uploads), and the widgets'
own state: a widget's key is a session key. tests/test_session_keys.py runs every page and
reads the source, and fails on a key this module does not declare (`declared`).
"""

from __future__ import annotations

# ---- The view (dashboard/view.py, dashboard/clicks.py)
VIEW = "_view"  # the last query string parsed and its View: a parse, never written back
GOTO = "_goto"  # (page name, link values) a chart click asked to open; followed, then removed

# ---- The session's data (dashboard/data)
DATA = "_data"  # the run's `Data` (store, problems), set by `data.load()`
SEEN_FILES = "_seen_files"  # the corpus folder's files seen in this session (to name removals)
THEMES_TOML = "themes_toml"  # the session's edited themes (TOML text); None: the server's file
THEME_ERROR = "_theme_error"  # why the themes in force could not be read
THEME_CHANGES = "_theme_changes"  # how often this session changed its themes
VOCAB_TEXT = "vocab_text"  # the session's vocabulary (its file's text); None: the server's
VOCAB_CHANGES = "_vocab_changes"  # how often this session changed its vocabulary
# Tables and language (issue 22): the vocabulary a link carried, taken once per link; the
# theme editor's confirmation, shown on the run after a change.
VOCAB_LINKED = "_vocab_linked"
THEMES_APPLIED = "_themes_applied"


# ---- Widgets bound to the view (dashboard/widgets.py): one per link parameter a widget sets
def view_widget(name: str) -> str:
    """The key of the widget that sets link parameter `name` (`dates`: from and to)."""
    return f"w_{name}"


VIEW_WIDGETS = frozenset(
    view_widget(name)
    for name in (
        *("lang", "article", "speaker", "role", "theme", "section", "dates"),
        *("q", "match", "sort", "read", "mark", "kwic_more"),  # concordance and reader
        *("measure", "trend_terms", "trend_by", "talk_view", "trend_split"),
        *("colloc", "span_left", "span_right", "colloc_min", "colloc_by"),
        *("net_terms", "ngram_n", "ngram_min"),
        # Questions page
        *("qa_search", "qa_term", "qa_theme", "qa_asker", "qa_answerer", "qa_type"),
        *("qa_in", "qa_follow", "qa_shift", "qa_order", "qa_cmp_a", "qa_cmp_b"),
        # Pages' open tabs (dashboard/tabs.py, view.TABS)
        *("overview_tab", "speakers_tab", "terms_tab", "themes_tab", "questions_tab"),
        *("words_tab", "concordance_tab"),
    )
)


# The comparison's two sides (dashboard/compare_widgets.py): a widget per side and filter.
def compare_widget(side: str, field: str) -> str:
    return f"w_cmp_{side}_{field}"


COMPARE_WIDGETS = frozenset(
    compare_widget(side, field)
    for side in ("a", "b")
    for field in ("articles", "speakers", "roles", "themes", "sections", "dates")
)


def compare_search(side: str, field: str) -> str:
    """A side's speaker or section search, for a large corpus (dashboard/filter_search.py)."""
    return f"w_cmp_{side}_{field}_search"


COMPARE_SEARCHES = frozenset(
    compare_search(side, field) for side in ("a", "b") for field in ("speakers", "sections")
)
B_REST = "w_b_rest"  # B is the rest of the corpus
COMPARE_RESET = "compare_reset"
# Comparisons (issue 22): the sides' names, the presets and their choices, the clear buttons.
COMPARE_NAMES = frozenset(compare_widget(side, "name") for side in ("a", "b"))
COMPARE_PRESET = "w_cmp_preset"


def preset_widget(choice: str) -> str:
    """A preset's choice (person, month, against, role_a …)."""
    return f"w_cmp_preset_{choice}"


def clear_widget(side: str) -> str:
    """The button that clears the filter that emptied a side."""
    return f"cmp_clear_{side}"


# ---- The sidebar's other widgets (dashboard/sidebar.py)
CLEAR_FILTERS = "clear_filters"
ARTICLE_SEARCH = "w_article_search"  # the article picker's search, for a large corpus
SPEAKER_SEARCH = "w_speaker_search"  # the speaker filter's search, for a large corpus
SECTION_SEARCH = "w_section_search"  # the section filter's search
UPLOAD = "w_upload"  # the articles' uploader
UPLOAD_BOX = "upload_box"  # the popover holding it (a container's key: names it only)
VOCAB_BOX = "vocab_box"  # the popover holding the vocabulary's widgets
REPORT_FILE = "w_report_file"  # the file whose reading report is shown
VOCAB_EDIT = "w_vocab_text"  # the vocabulary's text area
VOCAB_SEED = "_vocab_seed"  # the vocabulary the text area was last seeded with
VOCAB_ERROR = "_vocab_error"  # why the last vocabulary was refused
VOCAB_IMPORT = "w_vocab_import"
VOCAB_SUGGEST = "w_vocab_suggest"
VOCAB_MIN = "w_vocab_min"
APPLY_VOCAB = "apply_vocab"
RESET_VOCAB = "reset_vocab"
EXPORT_VOCAB = "export_vocab"


def suggestion(number: int) -> str:
    """The button adding suggested word `number` to the vocabulary."""
    return f"suggest_{number}"


# ---- The pages' own widgets (the concordance, dashboard/theme_editor.py)
KWIC_TABLE = "kwic_table"  # the concordance's table (its selected row opens the turn)
CLOSE_TURN = "close_turn"
DOWNLOAD_CLOUD = "download_cloud"
THEME_EDITOR = "w_theme_editor"
THEME_IMPORT = "w_import_themes"
THEME_IMPORTED = "_imported_id"  # the theme file last imported (each is applied once)
APPLY_THEMES = "apply_themes"
RESET_THEMES = "reset_themes"
EXPORT_THEMES = "export_themes"
# Questions page
QUESTIONS_TABLE = "questions_table"  # the list of questions (its selected row opens one)
READ_EXCHANGE = "read_exchange"  # opens the answer in the concordance's reader
CLOSE_EXCHANGE = "close_exchange"
CLEAR_QUESTION_FILTERS = "clear_question_filters"
QA_MORE_FILTERS = "qa_more_filters"  # the Questions page's more filters (drawn when open)
QA_CHARTS = "qa_charts_box"  # the Questions page's charts (drawn when open, `qa_charts`)


def download(file_name: str) -> str:
    """The CSV download button of a table (dashboard/tables.py)."""
    return f"download_{file_name}"


# ---- Clickable charts (dashboard/clicks.py): each chart's key holds its clicked points.
CHARTS = frozenset(
    {
        *("timeline", "who_talks", "article_theme"),  # overview
        *("speaker_shares", "conversation_strip"),  # speakers
        *("top_terms", "who_says_what", "keyness", "term_trends", "term_grid"),  # terms
        *("theme_by_article", "theme_by_speaker", "theme_flow", "theme_trends"),  # themes
        "dispersion",  # concordance
        *("collocates", "network"),  # words
        *("answer_lengths", "answers_by_theme", "question_types"),  # Questions page
        *("follow_up_rates", "topic_shift_rates", "qa_keyness"),
    }
)

# Families of keys made by the functions above: a prefix each.
FAMILIES = (
    download(""),
    suggestion(0).removesuffix("0"),
    preset_widget(""),  # Comparisons (issue 22)
    clear_widget(""),
)


def declared(key: str) -> bool:
    """Whether `key` is a session key this module declares."""
    names = {value for value in globals().values() if isinstance(value, str)}
    return (
        key in names - {__doc__}
        or key in VIEW_WIDGETS
        or key in COMPARE_WIDGETS
        or key in COMPARE_SEARCHES
        or key in COMPARE_NAMES
        or key in CHARTS
        or key.startswith(FAMILIES)
    )
