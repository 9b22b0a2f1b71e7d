"""Who talks how much: speaker-time shares, turns, monologues, questions, interactivity."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from analysis import schema as s

# Every question sentence ends in a run of question marks ("真的？？" is one question);
# counting the runs avoids scanning each sentence from every start position.
QUESTION_RUN = re.compile(r"[?？]+")


@dataclass(frozen=True)
class SpeechRate:
    """Characters spoken per minute, to turn text length into estimated speaking time.

    250 is a common estimate for spoken Mandarin (roughly 200-300 characters a minute); these
    are translations of English talk, so minutes are an estimate for comparing speakers.
    """

    chars_per_minute: float = 250.0


def count_questions(text: str) -> int:
    """Question sentences: each run of text ending in ？ or ? counts once."""
    return len(QUESTION_RUN.findall(text))


def turn_minutes(turns: pd.DataFrame, rate: SpeechRate) -> tuple[pd.Series, pd.Series]:
    """Each turn's minutes: its measured duration where time stamps give one, else the
    estimate from its characters; and whether it was measured."""
    estimate = turns[s.CHARS] / rate.chars_per_minute
    if s.DURATION_SECONDS not in turns:
        return estimate, pd.Series(False, index=turns.index)
    seconds = pd.to_numeric(turns[s.DURATION_SECONDS], errors="coerce")
    timed = seconds.notna()
    return (seconds / 60).where(timed, estimate), timed


def minutes_source(timed: pd.Series, turns: pd.Series) -> pd.Series:
    """measured, estimated or mixed, from the number of timed turns out of all."""
    source = pd.Series(s.MIXED, index=timed.index)
    source[timed == 0] = s.ESTIMATED
    source[timed == turns] = s.MEASURED
    return source


PERSON_IN_ARTICLE = "{speaker} · {article}"  # how a generic label is told apart per article


def people(turns: pd.DataFrame, generic: set[str]) -> pd.Series:
    """Who speaks each turn as a person: a named speaker as is, a generic label with its
    article (主持人 in two articles is two people)."""
    speakers = turns[s.SPEAKER].astype(object)
    is_generic = speakers.isin(generic)
    if not is_generic.any():
        return speakers
    labelled = [
        PERSON_IN_ARTICLE.format(speaker=speaker, article=article)
        for speaker, article in zip(
            speakers[is_generic], turns.loc[is_generic, s.ARTICLE_ID], strict=True
        )
    ]
    return speakers.where(~is_generic, pd.Series(labelled, index=speakers.index[is_generic]))


def speaker_summary(
    turns: pd.DataFrame, rate: SpeechRate | None = None, generic: set[str] | None = None
) -> pd.DataFrame:
    """Corpus-wide per person: articles, turns, characters, share of all speech, minutes.

    `generic` names the labels that are a different person in each article (default: the
    role words of the speakers file, see `generic_speakers`).
    """
    if turns.empty:
        return pd.DataFrame(columns=s.SPEAKER_SUMMARY.names)
    rate = rate or SpeechRate()
    if generic is None:
        from analysis.ingest.reader import speakers_or_defaults

        generic = generic_speakers(turns[s.SPEAKER].unique(), speakers_or_defaults()[0])
    minutes, _ = turn_minutes(turns, rate)
    grouped = (
        turns.assign(**{s.MINUTES: minutes, s.SPEAKER: people(turns, generic)})
        .groupby(s.SPEAKER, observed=True)
        .agg(
            **{
                s.ROLE: (s.ROLE, lambda roles: roles.mode().iat[0]),
                s.N_ARTICLES: (s.ARTICLE_ID, "nunique"),
                s.TURNS_COUNT: (s.TURN, "size"),
                s.CHARS: (s.CHARS, "sum"),
                s.LONGEST_TURN_CHARS: (s.CHARS, "max"),
                s.MINUTES: (s.MINUTES, "sum"),
            }
        )
        .reset_index()
    )
    grouped[s.SHARE] = grouped[s.CHARS] / max(grouped[s.CHARS].sum(), 1)
    grouped[s.EST_MINUTES] = grouped[s.CHARS] / rate.chars_per_minute
    return grouped.sort_values(s.CHARS, ascending=False, ignore_index=True)[s.SPEAKER_SUMMARY.names]


def generic_speakers(names, config) -> set[str]:
    """Speaker names that are only a role word (主持人, 嘉宾, 观众, 问, 答, or a person entry named
    like one, 现场提问者): a different person in each article, so never merged across articles.

    `config` is a `SpeakerConfig`; its [prefixes] are the role words.
    """
    from analysis.config import name_key

    role_words = {name_key(word) for word, _ in config.prefixes}
    return {name for name in names if name_key(str(name)) in role_words}
