"""Every limit and threshold of the dashboard, in one place: what a visitor may send, and how
much a page draws, measures or lists.

The README's numbers are tested against this module (tests/test_hosting.py, test_docs.py).
Modules read these as `limits.NAME` at call time, so a test can lower one with monkeypatch.
The limits the analysis enforces itself (on a link's values, a themes file, a vocabulary,
the dispersion plot) are defined beside the code that enforces them, which cannot import
the dashboard, and named here too.
"""

from __future__ import annotations

from analysis.config import (  # noqa: F401  (named here: the limits of files a visitor sends)
    MAX_KEYWORD_LENGTH,
    MAX_KEYWORDS,
    MAX_PATTERN_LENGTH,
    MAX_PATTERNS,
    MAX_THEME_FILE_BYTES,
    MAX_THEMES,
    MAX_VOCABULARY_BYTES,
    MAX_VOCABULARY_WORD_LENGTH,
    MAX_VOCABULARY_WORDS,
)
from analysis.measures.dispersion import MAX_ARTICLES as MAX_DISPERSION_ARTICLES  # noqa: F401
from analysis.measures.dispersion import MAX_TICKS as MAX_DISPERSION_TICKS  # noqa: F401
from analysis.store.selection import MAX_VALUE_CHARS, MAX_VALUES  # noqa: F401  (a link's)

# ---- What a visitor may send

# Per file and per session, in bytes (1 MB = 1,000,000 bytes). The uploader refuses larger
# files itself (`max_upload_size`), and `.streamlit/config.toml`'s maxUploadSize says the same.
MAX_UPLOAD_FILE_BYTES = 10_000_000
MAX_UPLOAD_SESSION_BYTES = 20_000_000
MAX_UPLOAD_FILES = 50
MAX_VOCAB_IMPORT_MB = 1  # a vocabulary file imported in the sidebar
MAX_THEME_CHANGES = 30  # per session: each new theme set is counted over the whole corpus
MAX_VOCAB_CHANGES = 30  # per session: each new vocabulary segments its turns again
# Tables and language (issue 22): a vocabulary travels inside a share link (compressed) up to
# this many characters of the link, so the link stays under the ~8 KB servers and browsers
# take; a larger one is named by its version only, and the receiver imports the file.
MAX_LINK_VOCAB_CHARS = 3_000
# What Streamlit's own upload endpoint keeps for one session, whatever sends it (the
# uploaders above, or requests made without a browser): the articles' allowance and room for
# an imported theme file (up to the endpoint's own per-file limit) and vocabulary file. A
# file beyond either is refused (HTTP 413).
SERVER_UPLOAD_SESSION_BYTES = (
    MAX_UPLOAD_SESSION_BYTES + MAX_UPLOAD_FILE_BYTES + MAX_VOCAB_IMPORT_MB * 10**6
)
SERVER_UPLOAD_SESSION_FILES = MAX_UPLOAD_FILES + 5

# ---- Links

MAX_NOTED = 30  # ignored link values named one by one in the notice; the rest are counted
MAX_PROBLEMS_SHOWN = 20  # unread files listed one by one in the sidebar; the CSV has all

# ---- The server's stores

MAX_FOLDER_STORES = 8  # stores of corpus folders kept on disk: the least recently used go first

# ---- What the server keeps in memory (bytes; dashboard/data/pool.py and caches.py)

# Tables of theme sets and vocabularies no live session uses, kept for the next visitor
# (what a live session uses is always kept); the least recently used go first.
UNHELD_TABLE_BYTES = 256 * 2**20
MAX_UNHELD_STORES = 16  # stores no session uses, whatever their size (each has a connection)
SHARED_ANSWER_BYTES = 128 * 2**20  # answers about the shared corpus, for every visitor
SESSION_ANSWER_BYTES = 32 * 2**20  # answers about one visitor's uploads, in their session
# A corpus's own answers (its names and colours), kept by count: one per language, what
# both are made from, and a spare.
CORPUS_ANSWERS_KEPT = 4

# ---- How much a page draws

MAX_ARTICLES_CHARTED = 20  # per-article charts of more are unreadable and slow to draw
MAX_ARTICLES_MEASURED = 200  # measures over every word (phrases, topics …) of at most these
MAX_SCATTER_TERMS = 1000  # more marks turn plotly to WebGL and the page sluggish
MAX_MARKS = 1500  # marks of a chart with one per turn or hit: bytes and the browser's drawing
# Speakers of the dispersion plot with a trace (and legend entry) of their own, those with
# most ticks; the others share one trace, each tick still in its speaker's colour. Plotly
# draws each trace apart: at 10,000 articles a search's 40 rows had 89 speakers, and their
# 89 traces took 260 ms of drawing against 160 ms for 11 (bench/bench_pages.py, #21).
DISPERSION_SPEAKERS = 10
MAX_PEOPLE_CHARTED = 20  # bar groups of the themes-by-speaker chart
MAX_TIMELINE_ARTICLES = 200  # above this the timeline shows accounts per month
# More articles than this: the trends of terms (Terms) and of themes (Themes) go by month;
# a point per article is noise beyond it, and costs a row per article.
MAX_TREND_ARTICLES = 60
MAX_TREND_TERMS = 8  # lines a trend chart can tell apart
KEYNESS_BARS = 15  # terms per side in the keyness chart; the table and CSV have them all
COLLOCATE_BARS = 30  # bars of the collocates chart; the table and CSV have every collocate
SUGGESTIONS_SHOWN = 15  # suggested dictionary words listed in the sidebar

# ---- How much a page lists

MAX_TABLE_ROWS = 100  # rows a table shows; the CSV download has them all
KEYNESS_ROWS = 40  # rows of the keyness table on the page; its CSV has every term
MAX_HITS_SHOWN = 500  # concordance hits listed in the table; the CSV has every one
MAX_READER_CHOICES = 50  # articles offered to read when none is filtered: the most recent
MAX_ARTICLES_LISTED = 200  # a corpus up to this size lists every article in the picker
MAX_ARTICLE_MATCHES = 50  # otherwise the picker offers a search's matches and the chosen ones
MAX_ARTICLES_OFFERED = 200  # a comparison side offers the most recent articles and the chosen

# ---- Comparisons (issue 22)

MAX_SIDE_NAME_CHARS = 40  # a compared side's name (`a_name`, `b_name`): a legend's width
GRID_TERMS = 15  # columns of the terms-by-article-and-speaker grid: the most frequent terms
GRID_GROUPS = 20  # its rows: the article × speaker pairs with the most words

# ---- Questions page
QUESTIONS_LISTED = 200  # questions listed, the first in the list's order; the CSV has the same
MAX_ASKERS_CHARTED = 20  # interviewers (or answerers) in the per-person charts
MAX_PEOPLE_OFFERED = 50  # askers and answerers offered in the list's filters: the most active

# Scale (issue 21): what a page ships stays bounded whatever the corpus's size.
MAX_TIMELINE_ACCOUNTS = 20  # accounts named in the monthly timeline (article_months(accounts=))
MAX_FILTER_LISTED = 200  # a speaker or section filter lists every value up to this many
MAX_FILTER_CHOICES = 50  # beyond that it offers a search's matches (filter_choices) and the chosen
