"""Which visitor's session a run belongs to, and whether a session is still alive.

Streamlit 1.67 clears a session's `scope="session"` caches as soon as its browser
disconnects, while its run may still be going and although the session itself is kept for
`server.disconnectedSessionTTL` seconds (two minutes) so that a reconnecting browser finds
its uploads again. So the data layer does not tie a session's data to those caches: it keeps
it in its own registries (`dashboard.data.pool`, the answers) under a `Session` token, and
frees it when the session truly ends:

- its `SessionState` object is gone (the session was shut down and collected), or
- the server no longer knows the session: neither connected nor kept for reconnection.

A session is named by its id and its `SessionState` object: AppTest gives every session
the same id (and has no server, so its sessions never end here), and a server never reuses
an id.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

NO_SESSION = "no-session"  # a call outside a script run (a test, the CLI): never ends


@dataclass(eq=False)
class Session:
    """One visitor's session: `token` names it (never reused by a server), `session_id` is
    the server's id for it."""

    token: str
    session_id: str

    def alive(self) -> bool:
        return self.session_id == NO_SESSION or known_to_server(self.session_id)


_lock = threading.Lock()
_sessions: dict[str, Session] = {}  # by token, while they live
_outside = Session(NO_SESSION, NO_SESSION)


def current() -> Session:
    """The session of the running script (one session for calls outside a run)."""
    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None:
        return _outside
    state = getattr(ctx.session_state, "_state", ctx.session_state)
    token = f"{ctx.session_id}:{id(state):x}"
    with _lock:
        return _sessions.setdefault(token, Session(token, ctx.session_id))


def forget_dead() -> list[Session]:
    """Drop the sessions that ended from the index and return them."""
    with _lock:
        dead = [s for s in _sessions.values() if not s.alive()]
        for session in dead:
            del _sessions[session.token]
    return dead


def known_to_server(session_id: str) -> bool:
    """False once a Streamlit server no longer holds the session: closed, or disconnected
    for longer than `server.disconnectedSessionTTL`. True without a server (AppTest)."""
    from streamlit.runtime import Runtime

    if not Runtime.exists():
        return True
    try:
        manager = Runtime.instance()._session_mgr
        return manager.get_session_info(session_id) is not None
    except Exception:  # noqa: BLE001  another release's manager: rely on the state's life
        return True


def sweep_uploads() -> None:
    """Remove what Streamlit's upload manager still holds for sessions that ended: a session
    dropped after its reconnection time is never shut down, so its files would stay."""
    from streamlit.runtime import Runtime

    if not Runtime.exists():
        return
    manager = Runtime.instance().uploaded_file_mgr
    for session_id in list(getattr(manager, "file_storage", {})):
        if not known_to_server(session_id):
            manager.remove_session_files(session_id)
