"""The session's vocabulary: dictionary words and stopwords added or removed, kept as its
file's text, and the shared store re-segmented with it (once per vocabulary, whoever uses it).
A vocabulary that would send more speech back to the segmenter than one may is refused
when it is applied, in words (`Store.vocabulary_cost`).

A small vocabulary travels inside the share link (`vocab`: zlib + urlsafe base64), so the
link alone reproduces the view; a larger one is named by `vocab_version` only and its
receiver imports the file."""

from __future__ import annotations

import base64
import binascii
import zlib

import streamlit as st

from analysis import schema as s
from analysis.config import (
    MAX_VOCABULARY_BYTES,
    VOCABULARY_SECTIONS,
    ConfigError,
    Vocabulary,
    dump_vocabulary,
    parse_vocabulary,
)
from analysis.store.store import Store
from dashboard import limits, session
from dashboard.data import sessions, worker
from dashboard.formatting import escape_markdown
from dashboard.texts import t
from dashboard.view import change, get


def vocabulary_text() -> str:
    """The vocabulary in force for this visitor, as its file's text (empty sections when
    nothing was changed), its comments in the interface's language."""
    return dump_vocabulary(current_vocabulary(), header=t("vocab_file_header"))


def pack_vocabulary(vocabulary: Vocabulary) -> str:
    """The vocabulary for a link: its words without comments, zlib-compressed, urlsafe
    base64 without padding; empty when it is empty or longer than the link's allowance."""
    if vocabulary.is_empty():
        return ""
    raw = dump_vocabulary(vocabulary, header="").encode("utf-8")
    packed = base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode("ascii").rstrip("=")
    return packed if len(packed) <= limits.MAX_LINK_VOCAB_CHARS else ""


def unpack_vocabulary(packed: str) -> str:
    """A link's vocabulary text. It is untrusted: at most MAX_VOCABULARY_BYTES are ever
    inflated (a small link can't expand to gigabytes), and anything that isn't the packed
    form raises ConfigError, in words."""
    refused = ConfigError(t("vocab_link_unreadable"))
    if len(packed) > limits.MAX_LINK_VOCAB_CHARS:
        raise refused
    try:
        data = base64.urlsafe_b64decode(packed + "=" * (-len(packed) % 4))
        inflate = zlib.decompressobj()
        raw = inflate.decompress(data, MAX_VOCABULARY_BYTES + 1)
        if len(raw) > MAX_VOCABULARY_BYTES or inflate.unconsumed_tail or not inflate.eof:
            raise refused
        return raw.decode("utf-8")
    except (binascii.Error, ValueError, zlib.error):
        raise refused from None


def adopt_linked_vocabulary() -> None:
    """Take the vocabulary a link carries (`vocab`), once per link, before the run's data
    is made: the link alone reproduces the view. One that can't be read or used is named
    in the sidebar, and the vocabulary in force stays."""
    packed = st.query_params.get("vocab", "")
    if not packed or st.session_state.get(session.VOCAB_LINKED) == packed:
        return
    st.session_state[session.VOCAB_LINKED] = packed
    try:
        vocabulary = parse_vocabulary(unpack_vocabulary(packed), "vocab")
        if vocabulary.key() == current_vocabulary().key():
            return
        changes = st.session_state.get(session.VOCAB_CHANGES, 0) + 1
        if changes > limits.MAX_VOCAB_CHANGES:
            raise ConfigError(t("too_many_vocab_changes").format(n=limits.MAX_VOCAB_CHANGES))
        _refuse_if_costly(vocabulary)
        st.session_state[session.VOCAB_CHANGES] = changes
        st.session_state[session.VOCAB_TEXT] = dump_vocabulary(vocabulary)
    except ConfigError as error:
        st.session_state[session.VOCAB_ERROR] = str(error)


def current_vocabulary() -> Vocabulary:
    """This session's vocabulary: only text that parsed is ever kept, so this parses."""
    text = st.session_state.get(session.VOCAB_TEXT)
    return parse_vocabulary(text, "vocabulary.txt") if text else Vocabulary()


def vocab_version() -> str:
    """8 hex digits naming the vocabulary in force; empty when it is the server's."""
    return current_vocabulary().version()


def set_vocabulary(text: str | None, source: str = "vocabulary.txt") -> None:
    """Use a vocabulary (its text) for this session, or None for the server's words.

    A text that doesn't parse raises ConfigError naming the line, and the vocabulary in
    force stays; so does one over the session's limit of changes.
    """
    if text is not None:
        vocabulary = parse_vocabulary(text, source)
        if vocabulary.key() == current_vocabulary().key():
            return
        changes = st.session_state.get(session.VOCAB_CHANGES, 0) + 1
        if changes > limits.MAX_VOCAB_CHANGES:
            raise ConfigError(t("too_many_vocab_changes").format(n=limits.MAX_VOCAB_CHANGES))
        _refuse_if_costly(vocabulary)
        st.session_state[session.VOCAB_CHANGES] = changes
        text = None if vocabulary.is_empty() else dump_vocabulary(vocabulary)
    st.session_state[session.VOCAB_TEXT] = text
    packed = pack_vocabulary(current_vocabulary())
    st.session_state[session.VOCAB_LINKED] = packed  # the link's own: nothing to take
    change(vocab_version=vocab_version(), vocab=packed)


def _refuse_if_costly(vocabulary: Vocabulary) -> None:
    """Raise `VocabularyCostError` (a ConfigError, in words) before a vocabulary that would
    segment too much of this visitor's corpus is taken: nothing is segmented to find out."""
    data = st.session_state.get(session.DATA)
    store = getattr(data, "base", None)
    if store is not None and not vocabulary.is_empty():
        store.refuse_costly_vocabulary(vocabulary)


def add_to_vocabulary(word: str, section: str = "add words") -> None:
    """One word added to a list of the vocabulary in force (a suggestion's button)."""
    vocabulary = current_vocabulary()
    index = VOCABULARY_SECTIONS.index(section)
    lists = [list(words) for words in vocabulary.lists()]
    lists[index].append(word)
    set_vocabulary(dump_vocabulary(Vocabulary(*map(tuple, lists))))


def check_vocab_version() -> None:
    """A link made with another vocabulary says so; warn a receiver whose vocabulary differs."""
    wanted = get("vocab_version")
    if wanted and wanted != vocab_version():
        st.warning(t("vocab_edited_notice").format(v=escape_markdown(wanted)), icon="📖")


def with_vocabulary(pool, parent: str, store: Store, private: bool):
    """The store with this session's vocabulary (itself when there is none), its privacy,
    and a problem when the vocabulary can't be applied (it is then not applied).

    Kept in the pool (`dashboard.data.pool`) once per vocabulary and store, whoever uses it;
    over a visitor's uploads, theirs alone. Its segmented turns are freed when no session
    uses it and the pool needs the room, and built again when asked for after that."""
    adopt_linked_vocabulary()
    vocabulary = current_vocabulary()
    if vocabulary.is_empty():
        return store, private, []
    key = f"{parent}|vocab:{vocabulary.key()}"

    def build() -> Store:
        return store.with_vocabulary(vocabulary, own=True, segment=worker.segment_in_worker)

    owner = sessions.current() if private else None
    try:
        with st.spinner(t("vocab_applying")):
            made = pool.get(key, build, depends=(parent,), owner=owner)
    except ConfigError as error:  # too costly on this store (e.g. after an upload)
        problem = {s.FILE_NAME: "vocabulary.txt", s.LEVEL: s.ERROR, s.MESSAGE: str(error)}
        return store, private, [problem]
    return made, private, []
