"""A speaker or section filter of a large corpus as a search: the sidebar's and each
comparison side's. 10,000 articles hold some 24,000 sections and 5,700 speakers; listing
them all would ship half a megabyte of options with every page."""

from __future__ import annotations

import streamlit as st

from dashboard import data, limits
from dashboard.texts import t

# The store's column each filter field searches.
COLUMNS = {"speakers": "speaker", "sections": "section"}


def offered(
    field: str, options, chosen, search_key: str, shown_as: dict[str, str] | None = None
) -> tuple[list[str], str]:
    """The values a filter's multiselect offers, and the caption to draw under it ("" when
    every value is listed). Up to `MAX_FILTER_LISTED` values are all listed; beyond, a text
    box searches them (a plain substring, case-folded: `Store.filter_choices`) and the
    multiselect offers the chosen values and at most `MAX_FILTER_CHOICES` matches, the ones
    with most turns first (with nothing typed, the busiest). `options`: the corpus's
    (`view.Options`); a large corpus's values are never listed here. `shown_as`: values
    the widget shows in other words (主持人 as Host), found by those words too."""
    total = options.count(field)
    if total <= limits.MAX_FILTER_LISTED:
        return options.values(field), ""
    typed = st.text_input(t(f"filter_search_{field}"), key=search_key, max_chars=100)
    matches = data.ask("filter_choices", COLUMNS[field], typed or "", limits.MAX_FILTER_CHOICES)
    needle = " ".join(typed.split()).casefold()
    named = [
        value for value, words in (shown_as or {}).items() if needle and needle in words.casefold()
    ]
    known = options.known(field, named) if named else set()
    renamed = [value for value in named if value in known]
    shown = list(dict.fromkeys([*chosen, *renamed, *matches]))
    caption = t("filter_listed").format(shown=len(shown), total=f"{total:,}")
    return shown, caption
