"""The Terms page's two compared selections, A and B: what each is, and the widgets that set them.

Left alone, A and B are the page's old comparison of two roles (`group_a`, `group_b`, guest
and host by default) within the sidebar's filters, so older links keep their meaning. Once
the visitor changes a side's filters, that side is a `Selection` of its own, carried in the
link with the side's prefix (`a_speaker=…`) and read back by `view.compared`; `b=rest`
makes B every turn that A leaves out.

Presets (issue 22) set both sides, and their names, in one change of the link: a person in
one month against the months before (or one other month), person against person, role
against role. Which preset a link is, and with what choices, is read back from its sides
(`preset_of`), so the URL stays the one source of truth.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

import streamlit as st

from analysis import schema as s
from analysis.measures import compare
from analysis.store.selection import Selection
from dashboard import data, filter_search, limits, session, view
from dashboard.formatting import escape_markdown
from dashboard.texts import lang, t

FIELDS = ("articles", "speakers", "roles", "themes", "sections")
GROUP_PARAMS = {"a": "group_a", "b": "group_b"}
NAME_PARAMS = {"a": "a_name", "b": "b_name"}
# The date pickers take any date (the corpus's range is only their default): Streamlit's own
# range error, in English, then shows only for dates nobody means.
EARLIEST, LATEST = date(1900, 1, 1), date(2100, 12, 31)

PERSON_MONTH = "person_month"
PERSON_PERSON = "person_person"
ROLE_ROLE = "role_role"
PRESETS = (PERSON_MONTH, PERSON_PERSON, ROLE_ROLE)
BEFORE = "before"  # a person-month preset's B: every earlier month


def is_rest() -> bool:
    """Whether B is the rest of the corpus (every turn not in A)."""
    return view.get("b") == view.REST


def default(side: str, base: Selection) -> Selection:
    """A side before the visitor sets it: the sidebar's filters narrowed to the side's role."""
    return replace(base, roles=(view.get(GROUP_PARAMS[side]),))


def side_selection(side: str, base: Selection) -> Selection | None:
    """The selection of side `a` or `b`; None for B when B is the rest of the corpus."""
    if side == "b" and is_rest():
        return None
    return view.compared(side) or default(side, base)


def side_name(side: str) -> str:
    """How charts name a side: the name the visitor gave it, else its role while it is the
    default, else A or B."""
    typed = view.get(NAME_PARAMS[side])
    if typed:
        return typed
    if side == "b" and is_rest():
        return t("compare_rest_named")
    if view.compared(side) is None:
        return t(f"role_{view.get(GROUP_PARAMS[side])}")
    return side.upper()


def describe(sel: Selection | None, vis) -> str:
    """A side's filters in words (titles and theme labels, not ids), escaped for markdown."""
    if sel is None:
        return escape_markdown(t("compare_rest_named"))
    names = {
        "articles": {a: vis.title(a) for a in sel.articles},
        "speakers": {who: vis.speaker(who) for who in sel.speakers},
        "themes": {theme: vis.theme(theme) for theme in sel.themes},
    }
    return escape_markdown(sel.describe(lang(), names))


def clean_name(typed: str) -> str:
    """A side's name as the link carries it: printable characters, bounded."""
    printable = "".join(ch for ch in str(typed) if ch.isprintable())
    return " ".join(printable.split())[: limits.MAX_SIDE_NAME_CHARS]


# ---------------------------------------------------------------- presets (pure)


def month_span(month: str) -> tuple[date, date]:
    """The first and last day of a month written `YYYY-MM`."""
    first = date(int(month[:4]), int(month[5:7]), 1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def month_of(day: date | None) -> str | None:
    """`YYYY-MM` of a date that is a month's first day, else None."""
    if day is None or day.day != 1:
        return None
    return f"{day:%Y-%m}"


@dataclass(frozen=True)
class Preset:
    """A preset and its choices: `first`, `second` are the persons, roles or (for a person's
    months) the month of A and B's month or `BEFORE`; `person` only for PERSON_MONTH."""

    kind: str
    first: str
    second: str
    person: str = ""


def preset_sides(preset: Preset) -> dict[str, Selection | None]:
    """The two sides a preset sets (None: the default side, of a role)."""
    if preset.kind == ROLE_ROLE:
        return {"a": None, "b": None}
    if preset.kind == PERSON_PERSON:
        return {"a": Selection(speakers=(preset.first,)), "b": Selection(speakers=(preset.second,))}
    who = (preset.person,)
    start, end = month_span(preset.first)
    a = Selection(speakers=who, date_from=start, date_to=end)
    if preset.second == BEFORE:
        b = Selection(speakers=who, date_to=start - timedelta(days=1))
    else:
        other_start, other_end = month_span(preset.second)
        b = Selection(speakers=who, date_from=other_start, date_to=other_end)
    return {"a": a, "b": b}


def preset_names(preset: Preset, translate=t) -> dict[str, str]:
    """The names a preset gives A and B (a role preset: none, the roles name themselves)."""
    if preset.kind == ROLE_ROLE:
        return {"a": "", "b": ""}
    if preset.kind == PERSON_PERSON:
        return {"a": preset.first, "b": preset.second}
    against = (
        translate("preset_before_named").format(month=preset.first)
        if preset.second == BEFORE
        else preset.second
    )
    return {"a": f"{preset.person} · {preset.first}", "b": f"{preset.person} · {against}"}


def preset_of(current: view.View) -> Preset | None:
    """The preset a view's sides are, with its choices; None: the visitor's own sides."""
    if current.get("b") == view.REST:
        return None
    a, b = current.compared("a"), current.compared("b")
    if a is None and b is None:
        return Preset(ROLE_ROLE, current.get("group_a"), current.get("group_b"))
    if a is None or b is None or len(a.speakers) != 1 or len(b.speakers) != 1:
        return None
    if a == Selection(speakers=a.speakers) and b == Selection(speakers=b.speakers):
        return Preset(PERSON_PERSON, a.speakers[0], b.speakers[0])
    person, month = a.speakers[0], month_of(a.date_from)
    if b.speakers != a.speakers or month is None:
        return None
    if b.date_from is None:
        candidate = Preset(PERSON_MONTH, month, BEFORE, person)
    else:
        candidate = Preset(PERSON_MONTH, month, month_of(b.date_from) or "", person)
    try:
        sides = preset_sides(candidate)
    except ValueError:
        return None
    return candidate if sides == {"a": a, "b": b} else None


def _apply(preset: Preset) -> None:
    """Both sides and their names in one change of the link (one history entry)."""
    names = preset_names(preset)
    values = {"b": "", "a_name": names["a"], "b_name": names["b"]}
    if preset.kind == ROLE_ROLE:
        values |= {"group_a": preset.first, "group_b": preset.second}
    view.change(sides=preset_sides(preset), **values)


# ---------------------------------------------------------------- presets (widgets)


def _speakers_by_speech() -> list[tuple[str, str]]:
    """(speaker, role) of the corpus, most characters first."""
    totals = data.ask("turn_totals", Selection(), by=("speaker", "role"))
    ranked = totals.sort_values(["chars", "speaker"], ascending=[False, True], kind="stable")
    return list(zip(ranked["speaker"], ranked["role"], strict=True))


def _months_of(person: str) -> list[str]:
    """The publish months in which `person` speaks, latest first."""
    months = data.ask("article_months", Selection(speakers=(person,)))
    return sorted({f"{m:%Y-%m}" for m in months["month"]}, reverse=True)


def _person_month(person: str, month: str | None = None, against: str = BEFORE) -> Preset:
    """A person-month preset whose month is one the person speaks in (latest by default)."""
    months = _months_of(person)
    if month not in months:
        month = months[0] if months else f"{date.today():%Y-%m}"
    if against != BEFORE and (against == month or against not in months):
        against = BEFORE
    return Preset(PERSON_MONTH, month, against, person)


def _default_preset(kind: str, options: view.Options) -> Preset:
    """A preset as first chosen: the person who talks most, their latest month; the top
    speakers of two roles; guest against host."""
    if kind == ROLE_ROLE:
        return Preset(ROLE_ROLE, "guest", "host")
    ranked = _speakers_by_speech()
    first, role = ranked[0] if ranked else ((options.values("speakers") or [""])[0], "")
    if kind == PERSON_MONTH:
        return _person_month(first)
    others = [who for who, r in ranked if who != first and r != role] or [
        who for who, _ in ranked if who != first
    ]
    return Preset(PERSON_PERSON, first, others[0] if others else first)


def presets(options: view.Options) -> None:
    """The preset picker and the chosen preset's choices; each change sets both sides."""
    current = preset_of(view.current())
    key = session.COMPARE_PRESET
    st.session_state[key] = current.kind if current else None

    def choose() -> None:
        kind = st.session_state[key]
        if kind is not None:
            _apply(_default_preset(kind, options))

    st.selectbox(
        t("compare_preset"),
        PRESETS,
        key=key,
        on_change=choose,
        # Labels made now, in this run's language: AppTest formats a value again later.
        format_func={kind: t(f"preset_{kind}") for kind in PRESETS}.get,
        placeholder=t("compare_preset_own"),
    )
    if current is None:
        return
    if current.kind == PERSON_MONTH:
        months = _months_of(current.person)
        against = [BEFORE, *(m for m in months if m != current.first)]
        _choices(
            current,
            [
                ("person", "preset_person", _people(options), current.person, str),
                ("first", "preset_month", months, current.first, str),
                ("second", "preset_against", against, current.second, _month_label),
            ],
        )
    elif current.kind == PERSON_PERSON:
        _choices(
            current,
            [
                ("first", "preset_person_a", _people(options), current.first, str),
                ("second", "preset_person_b", _people(options), current.second, str),
            ],
        )
    else:
        roles = list(options.roles)
        _choices(
            current,
            [
                ("first", "preset_role_a", roles, current.first, _role_names()),
                ("second", "preset_role_b", roles, current.second, _role_names()),
            ],
        )


def _role_names():
    """Roles in words, made now in this run's language (AppTest formats values later)."""
    return {role: t(f"role_{role}") for role in s.ROLES}.get


def _people(options: view.Options) -> list[str]:
    """The persons a preset offers: all of a small corpus; of a large one (thousands) the
    MAX_FILTER_CHOICES who talk most (the chosen one is added by `_choices`), so a preset
    never ships every name. Anyone else is picked in a side's speaker search."""
    if options.count("speakers") <= limits.MAX_FILTER_LISTED:
        return options.values("speakers")
    return [who for who, _ in _speakers_by_speech()[: limits.MAX_FILTER_CHOICES]]


def _month_label(month: str) -> str:
    return t("preset_before") if month == BEFORE else month


def _choices(current: Preset, rows: list) -> None:
    """One selectbox per choice of the preset, side by side; a change applies the preset."""
    columns = st.columns(len(rows))
    for column, (choice, label, offered, value, name) in zip(columns, rows, strict=True):
        key = session.preset_widget(choice)
        offered = list(offered)
        if value not in offered:
            offered = [value, *offered]
        st.session_state[key] = value

        def changed(choice=choice, key=key) -> None:
            picked = st.session_state[key]
            updated = replace(current, **{choice: picked})
            if current.kind == PERSON_MONTH:  # keep the months valid for the person
                updated = _person_month(updated.person, updated.first, updated.second)
            _apply(updated)

        column.selectbox(t(label), offered, key=key, on_change=changed, format_func=name)


# ---------------------------------------------------------------- each side's own filters


def _from_widgets(side: str, bounds: tuple[date, date] | None) -> Selection:
    """The side's selection as its widgets now hold it."""
    values = {
        field: tuple(st.session_state.get(session.compare_widget(side, field)) or ())
        for field in FIELDS
    }
    picked = st.session_state.get(session.compare_widget(side, "dates"))
    start = end = None
    if bounds is not None and isinstance(picked, tuple | list) and len(picked) == 2:
        start = None if picked[0] == bounds[0] else picked[0]
        end = None if picked[1] == bounds[1] else picked[1]
    return Selection(**values, date_from=start, date_to=end)


def _own_side(side: str, new: Selection, field: str) -> None:
    """The side the visitor changed, in the link. Picking a person drops the side's preset
    role (a person has one role: guest and host together hold nobody); a preset's name no
    longer names the changed side, so it goes too."""
    if field == "speakers" and new.speakers and new.roles == (view.get(GROUP_PARAMS[side]),):
        new = replace(new, roles=())
    values = {}
    preset = preset_of(view.current())
    if preset is not None and view.get(NAME_PARAMS[side]) == preset_names(preset)[side]:
        values[NAME_PARAMS[side]] = ""
    view.change(sides={side: new}, **values)


def name_box(side: str) -> None:
    """The side's name: any text, bounded, shown as text wherever the side is named."""
    key = session.compare_widget(side, "name")
    st.session_state[key] = view.get(NAME_PARAMS[side])

    def write() -> None:
        view.put(NAME_PARAMS[side], clean_name(st.session_state[key]))

    st.text_input(
        t("compare_name").format(side=side.upper()),
        key=key,
        on_change=write,
        max_chars=limits.MAX_SIDE_NAME_CHARS,
        placeholder=side.upper(),
        help=t("compare_name_help").format(side=side.upper()),
    )


def editor(side: str, base: Selection, options, vis, bounds: tuple[date, date] | None) -> None:
    """The filters of one side in an expander, seeded from its selection; a change makes
    the side the visitor's own."""
    sel = side_selection(side, base) or Selection()

    def copy(field: str) -> None:
        _own_side(side, _from_widgets(side, bounds), field)

    articles = options.values("articles")
    if len(articles) > limits.MAX_ARTICLES_OFFERED:
        articles = list(dict.fromkeys([*sel.articles, *articles[-limits.MAX_ARTICLES_OFFERED :]]))
    choices = {
        "articles": (t("filter_articles"), articles, lambda a: vis.article(a, 28)),
        "speakers": (t("filter_speakers"), None, vis.speaker),
        "roles": (t("filter_roles"), options.roles, _role_names()),
        "themes": (t("filter_themes"), options.themes, vis.theme),
        "sections": (t("filter_sections"), None, str),
    }
    with st.expander(t("compare_side").format(side=side.upper())):
        for field, (label, offered, name) in choices.items():
            caption = ""
            if field in filter_search.COLUMNS:  # speakers, sections: searched when many
                offered, caption = filter_search.offered(
                    field,
                    options,
                    getattr(sel, field),
                    session.compare_search(side, field),
                    vis.speaker_names if field == "speakers" else None,
                )
            allowed = set(offered)
            st.session_state[session.compare_widget(side, field)] = [
                v for v in getattr(sel, field) if v in allowed
            ]
            st.multiselect(
                label,
                offered,
                key=session.compare_widget(side, field),
                on_change=copy,
                args=(field,),
                format_func=name,
                placeholder=t("choose_all"),
            )
            if caption:
                st.caption(caption)
        if bounds is not None:
            low, high = bounds
            st.session_state[session.compare_widget(side, "dates")] = (
                sel.date_from or low,
                sel.date_to or high,
            )
            st.date_input(
                t("compare_dates"),
                min_value=EARLIEST,
                max_value=LATEST,
                key=session.compare_widget(side, "dates"),
                on_change=copy,
                args=("dates",),
                format="YYYY-MM-DD",
            )


# ---------------------------------------------------------------- an empty side


def _what(sel: Selection, field: str, vis) -> str:
    """One filter of a selection in words; dates as their span only (`from 2030-01-01`)."""
    words = describe(compare.only(sel, field), vis)
    if field == compare.DATES:
        return words.split("：" if lang() == "zh" else ": ", 1)[-1]
    return words


def named_columns(name_a: str, name_b: str) -> dict:
    """The comparison table's count and rate headers, each naming its side (its CSV's
    headers are the same)."""
    number = st.column_config.NumberColumn
    return {
        s.COUNT_A: number(t("col_count_named").format(name=name_a), format="localized"),
        s.COUNT_B: number(t("col_count_named").format(name=name_b), format="localized"),
        s.RATE_A: number(t("col_rate_named").format(name=name_a), format="%.1f"),
        s.RATE_B: number(t("col_rate_named").format(name=name_b), format="%.1f"),
    }


def empty_side(side: str, sel: Selection, vis, bounds: tuple[date, date] | None) -> None:
    """Say which filter emptied a side, in words, with a button that clears it."""
    emptied = data.ask("why_empty", sel)
    label = side.upper()
    if emptied is None:  # words were removed by the vocabulary: no filter to blame
        st.info(t(f"compare_{side}_empty"))
        return
    if emptied.field is None:
        st.info(t("compare_empty_together").format(side=label, what=describe(sel, vis)))
        return
    field = t(f"cmp_field_{emptied.field}")
    what = _what(sel, emptied.field, vis)
    if emptied.field == compare.DATES and emptied.alone and bounds is not None:
        message = t("compare_empty_dates").format(
            side=label, what=what, first=bounds[0], last=bounds[1]
        )
    elif emptied.alone or emptied.rest.is_empty_filter():
        message = t("compare_empty_alone").format(side=label, what=what, field=field)
    else:
        message = t("compare_empty_filter").format(
            side=label, rest=describe(emptied.rest, vis), what=what, field=field
        )
    st.info(message)

    def clear() -> None:
        view.change(sides={side: emptied.rest})

    st.button(
        t("compare_clear_filter").format(side=label, field=field),
        key=session.clear_widget(side),
        on_click=clear,
    )


def rest_toggle(container=st) -> bool:
    """The switch that makes B the rest of the corpus."""
    widget_key = session.B_REST
    st.session_state[widget_key] = is_rest()

    def copy() -> None:
        view.put("b", view.REST if st.session_state[widget_key] else "")

    container.checkbox(t("compare_rest"), key=widget_key, on_change=copy)
    return is_rest()


def reset() -> None:
    """Back to the default comparison: the two roles, B not the rest, no names."""
    view.change(sides=dict.fromkeys(view.COMPARE_SIDES), b="", a_name="", b_name="")
