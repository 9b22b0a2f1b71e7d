"""A visitor's uploads: the files in their uploader, within the per-file and per-session
limits (a problem for each file refused), and a key naming them without reading them."""

from __future__ import annotations

import hashlib

import streamlit as st

from analysis import schema as s
from dashboard import limits, session
from dashboard.texts import t


def upload_files() -> list:
    """The files in this visitor's uploader (they live in their session only)."""
    return list(st.session_state.get(session.UPLOAD) or [])


def accepted_uploads() -> tuple[list[tuple[str, str, bytes]], list[dict]]:
    """The uploads within the per-file and per-session limits, as (file id, name, bytes),
    and a problem for each other.

    Read from the widget's state, so the run that follows an upload already includes it.
    """
    kept, problems, total = [], [], 0
    for number, upload in enumerate(upload_files()):
        name, size = str(upload.name), int(upload.size)
        if number >= limits.MAX_UPLOAD_FILES:
            problems.append(
                _upload_problem(name, t("upload_too_many").format(n=limits.MAX_UPLOAD_FILES))
            )
        elif size > limits.MAX_UPLOAD_FILE_BYTES:
            problems.append(
                _upload_problem(
                    name, t("upload_too_large").format(mb=limits.MAX_UPLOAD_FILE_BYTES // 10**6)
                )
            )
        elif total + size > limits.MAX_UPLOAD_SESSION_BYTES:
            problems.append(
                _upload_problem(
                    name,
                    t("upload_session_full").format(mb=limits.MAX_UPLOAD_SESSION_BYTES // 10**6),
                )
            )
        else:
            total += size
            kept.append((str(upload.file_id), name, upload.getvalue()))
    return kept, problems


def _upload_problem(name: str, message: str) -> dict:
    return {s.FILE_NAME: name, s.LEVEL: s.ERROR, s.MESSAGE: message}


def upload_key() -> str:
    """Names the uploads without reading them: Streamlit gives each upload its own id."""
    parts = [f"{f.file_id}:{f.size}" for f in upload_files()]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16] if parts else ""


# ---------------------------------------------------------------- what the server keeps

# Said by the upload endpoint, outside any run (so in both languages).
SERVER_FULL = "本次会话的上传已达服务器上限 · this session's uploads reached the server's limit"


def cap_server_uploads() -> None:
    """Cap what Streamlit's upload endpoint keeps per session, whatever sends it.

    `server.maxUploadSize` bounds one request, and the app's limits only what it reads: a
    client talking to `/_stcore/upload_file/<session>/<id>` directly can store any number of
    files in a session's memory. Streamlit 1.67 has no setting for a session's total, so the
    running server's upload manager (the object its upload route calls) is given a check
    before each file it adds: a file that would take the session beyond
    `limits.SERVER_UPLOAD_SESSION_BYTES` or `SERVER_UPLOAD_SESSION_FILES` is refused with
    HTTP 413 (the uploader shows the file as failed), and the files already kept stay.

    Done at run time when the first script run imports the data layer (nothing in
    site-packages changes); what sessions stored before that (a server's first seconds) is
    cut to the cap then, the files beyond it deleted.
    """
    from streamlit.runtime import Runtime

    if not Runtime.exists():
        return
    manager = Runtime.instance().uploaded_file_mgr
    if getattr(manager, "_transcripts_capped", False) or not hasattr(manager, "file_storage"):
        return
    add_file = manager.add_file

    def capped_add_file(session_id: str, file) -> None:
        with manager._lock:
            kept = [
                len(rec.data)
                for file_id, rec in manager.file_storage.get(session_id, {}).items()
                if file_id != file.file_id
            ]
        if not _within_cap(kept, len(file.data)):
            from starlette.exceptions import HTTPException

            raise HTTPException(status_code=413, detail=SERVER_FULL)
        add_file(session_id, file)

    manager.add_file = capped_add_file
    manager._transcripts_capped = True
    with manager._lock:
        stored = {sid: list(files.items()) for sid, files in manager.file_storage.items()}
    for session_id, files in stored.items():
        kept: list[int] = []
        for file_id, rec in files:
            if _within_cap(kept, len(rec.data)):
                kept.append(len(rec.data))
            else:
                manager.remove_file(session_id, file_id)


def _within_cap(kept: list[int], size: int) -> bool:
    return (
        sum(kept) + size <= limits.SERVER_UPLOAD_SESSION_BYTES
        and len(kept) + 1 <= limits.SERVER_UPLOAD_SESSION_FILES
    )


def server_upload_bytes(session_id: str) -> int:
    """Bytes Streamlit's upload manager keeps for a session (for tests and benches)."""
    from streamlit.runtime import Runtime

    if not Runtime.exists():
        return 0
    manager = Runtime.instance().uploaded_file_mgr
    with manager._lock:
        return sum(len(rec.data) for rec in manager.file_storage.get(session_id, {}).values())
