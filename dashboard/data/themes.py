"""The themes in force for a visitor: the server's file (its last good version while it is
broken) or the session's edits, and the fingerprint a link carries when they were edited."""

from __future__ import annotations

import hashlib

import streamlit as st

from analysis.config import DEFAULT_THEMES, ConfigError, Theme, parse_themes
from dashboard import limits, session
from dashboard.data.files import hide_paths, themes_file
from dashboard.formatting import escape_markdown
from dashboard.texts import t
from dashboard.view import get, put


def themes_text() -> str:
    """The themes in force for this visitor: edited in the page, or the server's file."""
    edited = st.session_state.get(session.THEMES_TOML)
    return edited if edited is not None else _file_themes_text()


def _file_themes_text() -> str:
    try:
        return themes_file().read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        return f"# {themes_file().name}: cannot be read ({type(error).__name__})"


def themes_version() -> str:
    """A short fingerprint of the themes in force; links carry it when themes were edited."""
    return hashlib.sha256(themes_text().encode()).hexdigest()[:8]


def set_themes(text: str | None) -> None:
    """Use edited themes (TOML text) for this session, or None to go back to the shipped file.

    Raises ConfigError, in words, once a session has changed its themes too often.
    """
    if text is not None:
        changes = st.session_state.get(session.THEME_CHANGES, 0) + 1
        if changes > limits.MAX_THEME_CHANGES:
            raise ConfigError(t("too_many_theme_changes").format(n=limits.MAX_THEME_CHANGES))
        st.session_state[session.THEME_CHANGES] = changes
    st.session_state[session.THEMES_TOML] = (
        None if text is None or text == _file_themes_text() else text
    )
    put("themes_version", themes_version() if st.session_state[session.THEMES_TOML] else "")


def check_themes_version() -> None:
    """A link made with edited themes says so; warn a receiver whose themes differ."""
    wanted = get("themes_version")
    if wanted and wanted != themes_version():
        st.warning(t("themes_edited_notice").format(v=escape_markdown(wanted)), icon="🧭")


# The server file's last good themes, for when someone breaks the file while the server runs.
# Only the file's themes are kept here, never a visitor's edits (those stay in their session).
_LAST_GOOD_FILE_THEMES: list[Theme] = []


def _shipped_themes() -> list[Theme]:
    try:
        return parse_themes(DEFAULT_THEMES.read_text(encoding="utf-8-sig"), "themes.toml")
    except (ConfigError, OSError, UnicodeDecodeError):
        return []


def _parsed(text: str, source: str) -> list[Theme]:
    try:
        themes = parse_themes(text, source)
    except ConfigError as error:
        st.session_state[session.THEME_ERROR] = hide_paths(str(error))
        return list(_LAST_GOOD_FILE_THEMES) or _shipped_themes()
    except Exception:  # noqa: BLE001  a theme file must never break the page for everyone
        st.session_state[session.THEME_ERROR] = t("theme_file_unusable")
        return list(_LAST_GOOD_FILE_THEMES) or _shipped_themes()
    st.session_state.pop(session.THEME_ERROR, None)
    return themes


def file_themes() -> list[Theme]:
    """The server file's themes; a broken file gives a message and the last themes that
    worked (or the shipped ones when it was broken from the start)."""
    themes = _parsed(_file_themes_text(), themes_file().name)
    if session.THEME_ERROR not in st.session_state:
        _LAST_GOOD_FILE_THEMES[:] = themes
    return themes


def current_themes() -> list[Theme]:
    """The themes in force for this visitor."""
    edited = st.session_state.get(session.THEMES_TOML)
    return _parsed(edited, "themes.toml") if edited else file_themes()
