"""The build's kept file hashes (build.FileHashes): a repeat listing reads only changed files."""

from __future__ import annotations

import os
import time

from analysis.store.build import RACY_NS, FileHashes, list_corpus

OLD = time.time_ns() - 3_600_000_000_000  # an hour ago


def write(folder, name: str, text: str) -> None:
    """A file with old times; its change time is now, so a listing keeps its hash only once
    the racy window has passed (`settle`)."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(OLD, OLD))


def settle() -> None:
    time.sleep(RACY_NS / 1e9 + 0.1)


def test_unchanged_file_keeps_its_hash_without_being_read(tmp_path):
    corpus, store = tmp_path / "corpus", tmp_path / "store"
    corpus.mkdir(), store.mkdir()
    write(corpus, "a.txt", "**主持人：** 你好")
    settle()
    hashes = FileHashes.load(store, corpus)
    (first,), _ = list_corpus(corpus, hashes)
    hashes.save(store)
    kept = FileHashes.load(store, corpus)
    # The kept hash is taken at its word: proof the file was not read again.
    kept.known["a.txt"][1] = "0" * 64
    (again,), _ = list_corpus(corpus, kept)
    assert again.sha256 == "0" * 64 and first.sha256 != again.sha256


def test_file_changed_under_its_old_times_is_hashed_again(tmp_path):
    corpus, store = tmp_path / "corpus", tmp_path / "store"
    corpus.mkdir(), store.mkdir()
    write(corpus, "a.txt", "**主持人：** 你好")
    settle()
    hashes = FileHashes.load(store, corpus)
    (first,), _ = list_corpus(corpus, hashes)
    hashes.save(store)
    assert "a.txt" in hashes.found
    write(corpus, "a.txt", "**主持人：** 再见")  # same size, same modification time
    (again,), _ = list_corpus(corpus, FileHashes.load(store, corpus))
    assert again.sha256 != first.sha256


def test_recently_changed_file_is_not_kept(tmp_path):
    corpus, store = tmp_path / "corpus", tmp_path / "store"
    corpus.mkdir(), store.mkdir()
    (corpus / "a.txt").write_text("**主持人：** 你好", encoding="utf-8")
    hashes = FileHashes.load(store, corpus)
    list_corpus(corpus, hashes)
    assert hashes.found == {}


def test_hashes_of_another_folder_are_not_used(tmp_path):
    store = tmp_path / "store"
    store.mkdir()
    for name, text in (("one", "**甲：** 一"), ("two", "**甲：** 二")):
        (tmp_path / name).mkdir()
        write(tmp_path / name, "a.txt", text)
    settle()
    hashes = FileHashes.load(store, tmp_path / "one")
    (first,), _ = list_corpus(tmp_path / "one", hashes)
    hashes.save(store)
    (other,), _ = list_corpus(tmp_path / "two", FileHashes.load(store, tmp_path / "two"))
    assert other.sha256 != first.sha256
