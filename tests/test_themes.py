"""Themes: the file, the hits per turn, and the tables counted from them."""

import re

import pytest

from analysis import schema as s
from analysis.config import (
    MAX_KEYWORDS,
    MAX_THEME_FILE_BYTES,
    MAX_THEMES,
    ConfigError,
    Theme,
    dump_themes,
    load_themes,
    parse_themes,
)
from analysis.text.themes import speaker_theme_share, theme_hits
from tests.conftest import make_store, make_turns
from tests.hostile import HOSTILE_TEXT, HOSTILE_THEME_FILES

THEMES = [
    Theme("安全", ("安全", "对齐")),
    Theme("智能体", ("智能体", "agent")),
    Theme("接口", ("API",)),
]
TURNS = make_turns(
    [
        ("主持人", "host", "安全和对齐重要吗？", "一"),
        ("Sam Altman", "guest", "安全很重要。Agent 也是，智能体要对齐。", "一"),
        ("主持人", "host", "谢谢。capital 不是 API。", "二"),
    ]
)


def test_hits_count_every_keyword_occurrence_case_insensitively():
    hits = theme_hits(TURNS, THEMES)
    assert sorted(map(tuple, hits[[s.TURN, s.THEME, s.HITS]].values.tolist())) == [
        (1, "安全", 2),
        (2, "安全", 2),
        (2, "智能体", 2),
        (3, "接口", 1),
    ]


def test_latin_keywords_match_whole_words_only():
    hits = theme_hits(make_turns([("A", "guest", "capital apis")]), [Theme("接口", ("API",))])
    assert hits.empty


def test_counts_per_article_and_speaker():
    counts = make_store(TURNS, hits=theme_hits(TURNS, THEMES)).theme_counts()
    row = counts.set_index([s.SPEAKER, s.THEME]).loc[("主持人", "安全")]
    assert (row[s.TURNS_COUNT], row[s.HITS]) == (1, 2)
    assert list(counts.columns) == s.THEME_COUNTS.names


def test_flow_positions_scale_turn_order_to_0_1():
    flow = make_store(TURNS, hits=theme_hits(TURNS, THEMES)).theme_flow()
    assert sorted(set(zip(flow[s.TURN], flow[s.POSITION], strict=True))) == [
        (1, 0.0),
        (2, 0.5),
        (3, 1.0),
    ]


def test_speaker_share_per_theme():
    share = speaker_theme_share(theme_hits(TURNS, THEMES), TURNS).set_index([s.SPEAKER, s.THEME])
    host_chars = TURNS[TURNS[s.SPEAKER] == "主持人"][s.CHARS].sum()
    assert share.loc[("主持人", "安全"), s.SHARE_OF_SPEAKER] == pytest.approx(9 / host_chars)


def test_sections_count_turns_and_talk_per_heading():
    table = make_store(TURNS).section_counts()
    assert table[[s.SECTION, s.SPEAKER, s.TURNS_COUNT]].values.tolist() == [
        ["一", "主持人", 1],
        ["一", "Sam Altman", 1],
        ["二", "主持人", 1],
    ]


def test_the_default_file_has_at_least_ten_themes_and_round_trips():
    themes = load_themes()
    assert len(themes) >= 10
    assert parse_themes(dump_themes(themes)) == themes


def test_every_default_theme_occurs_in_the_seeds(seeds):
    hits = theme_hits(seeds.turns, load_themes())
    assert set(hits[s.THEME]) == {t.name for t in load_themes()}


@pytest.mark.parametrize(
    "text, words",
    [
        ('[[theme]]\nname = "x"\nkeywords = ["a"\n', "line"),
        ('[[theme]]\nname = "x"\n', "line 2: theme 'x' has no keywords"),
        (
            '[[theme]]\nname = "x"\nkeywords = ["a"]\n[[theme]]\nname = "x"\nkeywords = ["b"]\n',
            "line 2: the theme name 'x' is used twice",
        ),
        ('[[theme]]\nname = "x"\npatterns = ["(unclosed"]\n', "line 3: pattern '(unclosed'"),
        ('[[theme]]\nkeywords = ["a"]\n', "line 1: theme number 1 has no name"),
        ('title = "no themes"\n', "no [[theme]] entries"),
    ],
    ids=["bad syntax", "no keywords", "duplicate name", "broken regex", "no name", "empty"],
)
def test_bad_theme_files_name_the_file_and_line(tmp_path, text, words):
    path = tmp_path / "themes.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_themes(path)
    assert str(path) in str(error.value) and words in str(error.value)


# Hostile theme files: refused quickly in words naming file and line, or loaded and searched in
# linear time.


@pytest.mark.parametrize(
    "text, words", list(HOSTILE_THEME_FILES.values()), ids=list(HOSTILE_THEME_FILES)
)
def test_hostile_theme_files(tmp_path, text, words):
    path = tmp_path / "themes.toml"
    path.write_text(text, encoding="utf-8")
    if words:
        with pytest.raises(ConfigError) as error:
            load_themes(path)
        assert str(path) in str(error.value) and words in str(error.value)
        assert re.search(r": line \d+: ", str(error.value))
        return
    themes = load_themes(path)
    turns = make_turns([("A", "guest", HOSTILE_TEXT), ("B", "guest", "AGI 和 agi，通用人工智能")])
    hits = theme_hits(turns, themes)
    assert set(hits[s.TURN]) <= {1, 2}


def test_a_flag_in_a_pattern_applies_to_that_pattern_only_and_the_theme_still_counts():
    themes = parse_themes(
        HOSTILE_THEME_FILES["global flag not at the start of the combined pattern"][0]
    )
    hits = theme_hits(make_turns([("A", "guest", "AGI、agi 与通用人工智能")]), themes)
    assert hits[s.HITS].tolist() == [3]


def test_patterns_that_fit_alone_but_not_together_are_refused():
    patterns = ", ".join(f'"[\\\\w\\\\s]{{1,30}}x{i}"' for i in range(6))
    text = f'[[theme]]\nname = "x"\npatterns = [{patterns}]\n'
    one = '[[theme]]\nname = "x"\npatterns = ["[\\\\w\\\\s]{1,30}x"]\n'
    assert parse_themes(one)[0].patterns == (r"[\w\s]{1,30}x",)
    with pytest.raises(ConfigError, match="line 2: the keywords and patterns of 'x' together"):
        parse_themes(text)


def _themes_file(themes: int, keywords: int) -> str:
    words = ", ".join(f'"w{j}"' for j in range(keywords))
    return "".join(f'[[theme]]\nname = "t{i}"\nkeywords = [{words}]\n' for i in range(themes))


def test_the_limits_are_the_ones_stated():
    assert len(parse_themes(_themes_file(MAX_THEMES, 1))) == MAX_THEMES
    assert len(parse_themes(_themes_file(1, MAX_KEYWORDS))[0].keywords) == MAX_KEYWORDS
    with pytest.raises(ConfigError, match=f"at most {MAX_THEMES}"):
        parse_themes(_themes_file(MAX_THEMES + 1, 1))
    with pytest.raises(ConfigError, match=f"at most {MAX_KEYWORDS}"):
        parse_themes(_themes_file(1, MAX_KEYWORDS + 1))
    with pytest.raises(ConfigError, match=f"at most {MAX_THEME_FILE_BYTES // 1024} KB"):
        parse_themes(_themes_file(1, 1) + "#" * MAX_THEME_FILE_BYTES)


def test_latin_keywords_are_whole_words_next_to_chinese():
    turns = make_turns([("A", "guest", "用API做产品，capital 和 apis 不算，api。")])
    assert theme_hits(turns, [Theme("接口", ("API",))])[s.HITS].tolist() == [2]


def test_theme_patterns_use_python_classes_on_chinese_text():
    # RE2's own \w is ASCII; the pattern means what it means in Python.
    turns = make_turns([("A", "guest", "三级：推理者来了")])
    hits = theme_hits(turns, [Theme("级", patterns=(r"\w级[：:]\s*\w+",))])
    assert hits[s.HITS].tolist() == [1]


def test_the_readme_states_the_theme_file_limits():
    from pathlib import Path

    from analysis.config import MAX_KEYWORD_LENGTH, MAX_PATTERN_LENGTH, MAX_PATTERNS

    readme = " ".join((Path(__file__).parent.parent / "README.md").read_text("utf-8").split())
    for stated in (
        f"{MAX_THEME_FILE_BYTES // 1024} KB",
        f"{MAX_THEMES} themes",
        f"{MAX_KEYWORDS} keywords ({MAX_KEYWORD_LENGTH} characters each)",
        f"{MAX_PATTERNS} patterns ({MAX_PATTERN_LENGTH} characters each)",
    ):
        assert stated in readme
