"""The documentation is tested: every table column, CLI flag and link parameter is documented."""

from pathlib import Path

import pytest

from analysis.cli import build_parser, tables_markdown
from dashboard import view

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_tables_md_is_generated_from_the_schema_and_the_dashboards_headers():
    from dashboard.tables import tables_doc

    written = (ROOT / "docs" / "tables.md").read_text(encoding="utf-8")
    assert written.startswith(tables_markdown()) and written == tables_doc()


def cli_flags() -> list[str]:
    flags = []
    parser = build_parser()
    for action in parser._subparsers._group_actions:
        for sub in action.choices.values():
            for option in sub._actions:
                flags += [f for f in option.option_strings if f.startswith("--") and f != "--help"]
    return sorted(set(flags))


@pytest.mark.parametrize("flag", cli_flags())
def test_every_cli_flag_is_documented(flag):
    assert f"`{flag}`" in (ROOT / "docs" / "analysis.md").read_text(encoding="utf-8")


def test_readme_quick_start_has_exactly_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = quick.split("```bash", 1)[1].split("```", 1)[0]
    commands = [line for line in block.splitlines() if line.strip()]
    assert [c.split("#")[0].strip() for c in commands] == [
        "python3 tasks.py run",
        "python3 tasks.py test",
    ]


@pytest.mark.parametrize("name", list(view.LINK_PARAMS))
def test_every_link_parameter_is_documented_in_the_readme(name):
    sharing = README.split("### Sharing a view", 1)[1].split("\n## ", 1)[0]
    assert f"`{name}`" in sharing


def readme_numbers() -> dict[str, str]:
    """What the README says of each limit, written from dashboard/limits.py."""
    from dashboard import limits as x

    return {
        "charted": f"the {x.MAX_ARTICLES_CHARTED} most recent conversations when the selection",
        "strip": f"as many of them as fit in {x.MAX_MARKS:,} segments",
        "scatter": f"every term used at least 3 times in A and B (up to {x.MAX_SCATTER_TERMS:,})",
        "keyness": f"the {x.KEYNESS_BARS} terms with the highest G² on each side",
        "trend terms": f"chosen terms (up to {x.MAX_TREND_TERMS}, comma-separated",
        "flow": f"(the {x.MAX_ARTICLES_CHARTED} most recent when there are more, as many as fit"
        f" in {x.MAX_MARKS:,} marks)",
        "theme file": f"at most {x.MAX_THEME_FILE_BYTES // 1024} KB, {x.MAX_THEMES} themes, and"
        f" per theme {x.MAX_KEYWORDS} keywords ({x.MAX_KEYWORD_LENGTH} characters each) and"
        f" {x.MAX_PATTERNS} patterns ({x.MAX_PATTERN_LENGTH} characters each)",
        "theme changes": f"a session may change its themes {x.MAX_THEME_CHANGES} times",
        "dispersion": f"the {x.MAX_DISPERSION_ARTICLES} articles with most hits are drawn (at"
        f" most {x.MAX_DISPERSION_TICKS:,} ticks)",
        "measured": f"over its {x.MAX_ARTICLES_MEASURED} most recent articles",
        "timeline": f"above {x.MAX_TIMELINE_ARTICLES} articles the timeline draws one bubble",
        "picker": f"offering its {x.MAX_ARTICLE_MATCHES} best matches",
        "trends": f"themes go by month above {x.MAX_TREND_ARTICLES} articles",
        "rows": f"tables show their first {x.MAX_TABLE_ROWS} rows",
        "marks": f"draw at most {x.MAX_MARKS:,} marks each",
        "hits": f"the concordance lists its first {x.MAX_TABLE_ROWS} hits, up to"
        f" {x.MAX_HITS_SHOWN} on a toggle",
        "every word": f"use the {x.MAX_ARTICLES_MEASURED} most recent articles of the selection",
        "vocabulary": f"2–{x.MAX_VOCABULARY_WORD_LENGTH} characters for a dictionary word; at"
        f" most {x.MAX_VOCABULARY_WORDS} words in all and {x.MAX_VOCABULARY_BYTES // 1024} KB"
        f" per file; a session may change its vocabulary {x.MAX_VOCAB_CHANGES} times",
    }


@pytest.mark.parametrize("limit", list(readme_numbers()))
def test_the_readmes_numbers_are_the_limits_in_force(limit):
    assert readme_numbers()[limit] in " ".join(README.split())
