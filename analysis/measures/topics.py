"""Data-driven topics (NMF over the turns' words), to set beside the dictionary themes."""

from __future__ import annotations

import warnings

import pandas as pd

from analysis import schema as s


def _identity(words: list[str]) -> list[str]:
    return words


def find_topics(
    tokens: pd.DataFrame, k: int = 8, top_words: int = 10, min_df: int = 2, seed: int = 0
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """NMF on TF-IDF of each turn's kept words: (top words per topic, topic weight per turn).

    Deterministic for a given seed. k shrinks to what the data can carry (documents and
    vocabulary); with fewer than two usable turns a ValueError says so.
    """
    # Imported when topics are asked for: scikit-learn takes seconds to import, which the
    # first page after a server start (and every page without topics) would otherwise pay.
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    keys = [s.ARTICLE_ID, s.TURN]
    docs = tokens.groupby(keys, observed=True, sort=True)[s.TOKEN].agg(
        lambda words: [str(w) for w in words]
    )
    docs = docs[docs.map(len) > 0]
    if len(docs) < 2:
        raise ValueError("too little text for topics: fewer than two turns with words")
    # The most frequent 4,000 words carry the topics; a longer tail only slows NMF down.
    vectorizer = TfidfVectorizer(
        analyzer=_identity, min_df=min(min_df, len(docs)), sublinear_tf=True, max_features=4000
    )
    try:
        matrix = vectorizer.fit_transform(docs.tolist())
    except ValueError as error:
        raise ValueError("too little text for topics: no word occurs often enough") from error
    k = max(1, min(k, matrix.shape[0] - 1, matrix.shape[1]))
    model = NMF(n_components=k, init="nndsvda", random_state=seed, max_iter=400)
    with warnings.catch_warnings():
        # Not converging fully within max_iter changes the topics little; don't alarm users.
        warnings.simplefilter("ignore", category=UserWarning)
        weights = model.fit_transform(matrix)
    vocabulary = vectorizer.get_feature_names_out()
    words = []
    for topic, row in enumerate(model.components_, start=1):
        order = row.argsort()[::-1][:top_words]
        words += [
            {s.TOPIC: topic, s.RANK: rank, s.WORD: vocabulary[i], s.WEIGHT: float(row[i])}
            for rank, i in enumerate(order, start=1)
            if row[i] > 0
        ]
    per_turn = pd.DataFrame(weights, index=docs.index, columns=range(1, k + 1))
    per_turn = per_turn.stack().rename(s.WEIGHT).reset_index().rename(columns={"level_2": s.TOPIC})
    per_turn.columns = [*keys, s.TOPIC, s.WEIGHT]
    per_turn = per_turn[per_turn[s.WEIGHT] > 0].reset_index(drop=True)
    return pd.DataFrame(words, columns=s.TOPIC_WORDS.names), per_turn[s.TURN_TOPICS.names]


def topic_labels(topic_words: pd.DataFrame, n: int = 3) -> dict[int, str]:
    """A short name per topic from its top words: "1 · 模型 推理 o1"."""
    labels = {}
    for topic, group in topic_words.groupby(s.TOPIC):
        labels[topic] = f"{topic} · " + " ".join(group.sort_values(s.RANK)[s.WORD].head(n))
    return labels


def topic_tables(tokens: pd.DataFrame, k: int) -> dict[str, pd.DataFrame]:
    """The NMF topic tables, empty (with their columns) when the text is too small."""
    try:
        topic_words, turn_topics = find_topics(tokens, k=k)
    except ValueError:
        topic_words = pd.DataFrame(columns=s.TOPIC_WORDS.names)
        turn_topics = pd.DataFrame(columns=s.TURN_TOPICS.names)
    return {s.TOPIC_WORDS.name: topic_words, s.TURN_TOPICS.name: turn_topics}
