"""Content keys shared by the table cache and the store build.

Kept apart from both so that a build's worker processes can import them without loading
the whole analysis (pipeline imports scikit-learn).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from analysis.config import Theme, dump_themes

ANALYSIS_DIR = Path(__file__).resolve().parent


def code_version() -> str:
    """Changes whenever the analysis code changes, so old entries are never reused."""
    digest = hashlib.sha256()
    for path in sorted(ANALYSIS_DIR.rglob("*.py")):
        digest.update(
            path.relative_to(ANALYSIS_DIR).as_posix().encode() + b"\0" + path.read_bytes()
        )
    return digest.hexdigest()[:12]


def themes_key(themes: list[Theme]) -> str:
    """The same themes give the same key (and so the same folder of theme hits)."""
    return hashlib.sha256(dump_themes(themes).encode()).hexdigest()[:16]
