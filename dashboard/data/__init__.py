"""Data access for the pages: the run's store (corpus, themes, uploads, vocabulary), answers
from it, cached, and the session's themes, vocabulary and uploads.

Pages and widgets use the names below; the modules are split by job:
`files` (the server's paths), `stores` (the stores and the run's `Data`), `pool` (stores kept
while a live session uses them), `sessions` (whose run this is, and whether a session ended),
`answers` (`ask`: the store's registry of queries, cached), `caches` (the one cache policy,
bounded by bytes), `themes`, `vocabulary`, `uploads` (and the cap on what Streamlit's upload
endpoint keeps), `cloud` (the word cloud), `visual` (names and colours of a corpus) and
`probe` (a memory probe for the benchmarks).
"""

from dashboard.data import probe
from dashboard.data.answers import ask, bounded, compute, later, measure, recent, suggestions
from dashboard.data.cloud import word_cloud
from dashboard.data.files import speakers_file
from dashboard.data.pool import start_sweeper
from dashboard.data.stores import STORES, Data, current, load, reading_report
from dashboard.data.themes import check_themes_version, set_themes, themes_text
from dashboard.data.uploads import cap_server_uploads, upload_files
from dashboard.data.visual import visual
from dashboard.data.vocabulary import (
    add_to_vocabulary,
    check_vocab_version,
    current_vocabulary,
    set_vocabulary,
    vocab_version,
    vocabulary_text,
)

probe.start_if_asked()
cap_server_uploads()
start_sweeper([STORES])

__all__ = [
    "Data",
    "add_to_vocabulary",
    "ask",
    "bounded",
    "check_themes_version",
    "check_vocab_version",
    "compute",
    "later",
    "current",
    "current_vocabulary",
    "load",
    "measure",
    "reading_report",
    "recent",
    "set_themes",
    "set_vocabulary",
    "speakers_file",
    "suggestions",
    "themes_text",
    "upload_files",
    "visual",
    "vocab_version",
    "vocabulary_text",
    "word_cloud",
]
