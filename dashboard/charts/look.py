"""Who is who and what colour: the names and colours every chart uses for one corpus and
language. Pure: `Visual` is built from plain tables (`make_visual`), so charts and tests need
no Streamlit; the dashboard builds its `Visual` once per corpus and language
(`dashboard.data.visual`). Colours are derived from the whole corpus (never the filtered
rows), so they stay put while filtering."""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from analysis import schema as s
from analysis.config import Theme
from analysis.ingest.labels import SPEAKER_TAG
from dashboard.texts import text

# Roles in families: hosts blue-violet, guests orange-red, audience green, others grey.
ROLE_COLOURS = {
    s.HOST: ("#1c4e80", "#4c9be8", "#0f8b8d", "#6a51a3", "#9e9ac8", "#74c0c4"),
    s.GUEST: ("#e8590c", "#c92a2a", "#f2a104", "#d6336c", "#9c4a1a", "#ff8a65"),
    s.AUDIENCE: ("#2f9e44", "#82c91e", "#087f5b"),
    s.OTHER: ("#868e96", "#495057", "#adb5bd"),
}


# Themes: no two alike (tested by colour distance); more themes than colours get tints.
THEME_COLOURS = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf", "#0b1f65", "#ffd92f", "#7fe0a3", "#5c3a00", "#c5b0d5", "#9edae5",
)  # fmt: skip


# Articles: Okabe & Ito's qualitative palette (told apart with any colour vision), in an
# order that keeps neighbours far apart; black and yellow left out (text and a white page).
ARTICLE_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999")


LABEL_CHARS = 14  # characters of a title in a chart label: readable at phone width

# A run of Latin letters or digits is one word: a cut never falls inside it.
_WORD_CHAR = re.compile(r"[0-9A-Za-z\u00c0-\u024f'’._-]")
_TRAILING = " \t:：,，、;；|｜-—·"


@functools.lru_cache(maxsize=256)  # a corpus of 60,000 people asks a few dozen tints
def tint(colour: str, step: int) -> str:
    """The colour mixed with white, lighter for each step: more speakers than a family has."""
    if step == 0:
        return colour
    mix = min(0.2 * step, 0.8)
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * mix):02x}" for c in rgb)


def clip(text: str, limit: int) -> str:
    """`text` in at most `limit` characters: cut at a character (Han) or word (Latin)
    boundary, separators at the cut dropped, with "…" when anything was left out. The one
    way a title or name is shortened; the full text goes in the tooltip."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = max(limit - 1, 1)
    # Inside a Latin word: back to its start, unless the word is all there is.
    if _WORD_CHAR.match(text[cut - 1]) and _WORD_CHAR.match(text[cut]):
        start = cut
        while start > 0 and _WORD_CHAR.match(text[start - 1]):
            start -= 1
        if text[:start].strip(_TRAILING):
            cut = start
    return text[:cut].rstrip(_TRAILING) + "…"


def article_tags(article_ids) -> dict[str, str]:
    """A short name per article for labels: the id's part before '_' (003) when that is unique."""
    ids = [str(a) for a in article_ids]
    heads = [a.split("_", 1)[0] or a for a in ids]
    counts = Counter(heads)  # a Series looked up per id took 1.8 s at 100,000 articles
    return {
        a: head if counts[head] == 1 and len(head) <= 10 else clip(a, 16)
        for a, head in zip(ids, heads, strict=True)
    }


@dataclass(frozen=True)
class Visual:
    """Names and colours for one corpus and language; pages get theirs from `visual()`."""

    titles: dict[str, str]  # article id -> title
    tags: dict[str, str]  # article id -> short tag (003)
    generic: frozenset[str]  # speaker names that are a role word: one person per article
    speaker_colours: dict[str, str]  # speaker identity -> colour
    theme_colours: dict[str, str]
    theme_labels: dict[str, str]  # theme name -> name in the interface's language
    lang: str = "zh"  # the interface's language: charts write their texts in it
    # Tables and language (issue 22): role labels the reader gave (主持人, 说话人 1) -> the
    # interface's word for them (Host, Speaker 1); names of people are data and stay.
    speaker_names: dict[str, str] = field(default_factory=dict)

    # ------------------------------------------------------------ names a person reads

    def article(self, article_id: str, limit: int = LABEL_CHARS) -> str:
        """Label of an article: its tag and its title cut to `limit` characters at a word
        boundary (plain text); charts give the full title in the tooltip."""
        tag = self.tags.get(article_id, article_id)
        return f"{tag} · {clip(self.titles.get(article_id, article_id), limit)}"

    def title(self, article_id: str) -> str:
        return self.titles.get(article_id, article_id)

    def theme(self, name: str) -> str:
        return self.theme_labels.get(name, name)

    def identity(self, frame: pd.DataFrame) -> pd.Series:
        """Who each row's speaker is across articles: a named person is one speaker everywhere;
        a role word (主持人) is a different person per article, shown with it (主持人 · 003,
        Host · 003 in English)."""
        speakers = frame[s.SPEAKER].astype(str)
        if frame.empty:
            return speakers
        tags = frame[s.ARTICLE_ID].astype(str).map(self.tags).fillna(frame[s.ARTICLE_ID])
        shown = speakers.map(self.speaker) if self.speaker_names else speakers
        return shown.where(~speakers.isin(self.generic), shown + " · " + tags)

    def speaker(self, name: str) -> str:
        """A speaker as the interface writes it: a role label in its language, a name as is."""
        return self.speaker_names.get(name, name)

    def speaker_label(self, value: str) -> str:
        """`speaker` for a table's cell, which may carry its article (主持人 · 003_…) or
        list several speakers (Sam Altman、主持人)."""
        if not self.speaker_names or not isinstance(value, str):
            return value
        if "、" in value:
            return "、".join(self.speaker_label(part) for part in value.split("、"))
        head, sep, rest = value.partition(" · ")
        return self.speaker(head) + sep + rest

    def is_generic(self, speaker: str) -> bool:
        return speaker in self.generic

    def speaker_colour(self, identity: str) -> str:
        return self.speaker_colours.get(identity, ROLE_COLOURS[s.OTHER][0])

    def in_legend_order(self, identities) -> list[str]:
        """Speakers as legends list them: hosts, guests, audience, others; most talk first."""
        rank = {who: i for i, who in enumerate(self.speaker_colours)}
        return sorted(dict.fromkeys(identities), key=lambda who: (rank.get(who, len(rank)), who))

    def theme_colour(self, name: str) -> str:
        return self.theme_colours.get(name, ROLE_COLOURS[s.OTHER][0])

    def click_speaker(self, speaker: str, article_id: str) -> list[str]:
        """Custom data of a speaker's mark: the name, and for a role word also its article,
        so a click filters to that one person (see `dashboard.clicks`)."""
        return [speaker, article_id] if speaker in self.generic else [speaker]


def _speaker_colours(turns: pd.DataFrame, partial: Visual) -> dict[str, str]:
    """Colours by role family; within a role the speakers who talk most get the first colours."""
    if turns.empty:
        return {}
    talk = (
        turns.assign(_who=partial.identity(turns))
        .groupby(["_who", s.ROLE], observed=True)[s.CHARS]
        .sum()
        .reset_index()
        .sort_values([s.CHARS, "_who", s.ROLE], ascending=[False, True, True])
    )
    main_role = talk.drop_duplicates("_who")  # a person's role where they talk most
    colours: dict[str, str] = {}
    present = set(main_role[s.ROLE].tolist())  # iterating Arrow strings is slow
    roles = [r for r in s.ROLES if r in present]
    roles += sorted(present - set(roles))
    for role in roles:  # hosts, then guests, audience, others: the order legends follow
        who = main_role.loc[main_role[s.ROLE] == role, "_who"].tolist()
        family = ROLE_COLOURS.get(role, ROLE_COLOURS[s.OTHER])
        n = len(family)
        # Past 4 steps every tint is the same (80% white): the i-th speaker's colour is
        # one of 5n, named once each (60,000 people at 100,000 articles).
        palette = [tint(family[i % n], i // n) for i in range(5 * n)]
        ranks = range(len(who))
        colours.update(
            zip(
                who,
                [palette[i] if i < 5 * n else palette[4 * n + i % n] for i in ranks],
                strict=True,
            )
        )
    return colours


_TAG_WORD = re.compile(r"^(?:说话人|发言人|讲话人|Speaker|Spk)\s*", re.IGNORECASE)


def _has_han(name: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in name)


def speaker_names(talk: pd.DataFrame, generic, lang: str) -> dict[str, str]:
    """Tables and language (issue 22): the interface's word for each role label not written
    in its script (主持人 -> Host in English, Host -> 主持人 in Chinese; 说话人 1 -> Speaker
    1): a label the reader assigned is an interface word, a person's name is data."""
    if talk.empty:
        return {}
    foreign = (lambda n: _has_han(n)) if lang == "en" else (lambda n: not _has_han(n))
    names: dict[str, str] = {}
    roles = (
        talk.groupby([s.SPEAKER, s.ROLE], observed=True)[s.CHARS]
        .sum()
        .reset_index()
        # A label's main role first; ties by name and role, whatever order `talk` came in.
        .sort_values([s.CHARS, s.SPEAKER, s.ROLE], ascending=[False, True, True])
        if s.CHARS in talk
        else talk[[s.SPEAKER, s.ROLE]].drop_duplicates()
    )
    roles = roles.drop_duplicates(s.SPEAKER)  # a label's main role
    speakers, main = roles[s.SPEAKER].astype(str).tolist(), roles[s.ROLE].tolist()
    for speaker, role in zip(speakers, main, strict=True):
        if not foreign(speaker):
            continue
        if speaker in generic:
            known = role if role in s.ROLES else s.OTHER
            names[speaker] = text(f"speaker_{known}", lang)
        elif SPEAKER_TAG.match(speaker):
            number = _TAG_WORD.sub("", speaker)
            names[speaker] = text("speaker_tag", lang).format(n=number)
    return names


def _theme_colours(themes: list[Theme]) -> dict[str, str]:
    n = len(THEME_COLOURS)
    return {th.name: tint(THEME_COLOURS[i % n], i // n) for i, th in enumerate(themes)}


def make_visual(
    articles: pd.DataFrame,
    talk: pd.DataFrame,
    generic: frozenset[str],
    themes: list[Theme],
    lang: str,
) -> Visual:
    """The visual language of a corpus: `articles` (id and title), `talk` (characters per
    article, speaker and role, or per person and role as `Store.identity_talk` gives them),
    the speakers who are a role word, its themes, a language."""
    ids = articles[s.ARTICLE_ID].astype(str).tolist()  # iterating Arrow strings is slow
    english = lang == "en"
    names = speaker_names(talk, generic, lang)
    partial = Visual(
        titles=dict(zip(ids, articles[s.TITLE].astype(str).tolist(), strict=True)),
        tags=article_tags(ids),
        generic=frozenset(generic),
        speaker_colours={},
        theme_colours=_theme_colours(themes),
        theme_labels={
            th.name: (th.label_en if english and th.label_en else th.name) for th in themes
        },
        lang=lang,
        speaker_names=names,
    )
    return Visual(**{**partial.__dict__, "speaker_colours": _speaker_colours(talk, partial)})
