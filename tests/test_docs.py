"""The documentation is tested: every table column, CLI flag and link parameter is documented."""

from pathlib import Path

import pytest

import ui_state
from analysis.cli import build_parser, tables_markdown

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_tables_md_is_generated_from_the_schema():
    assert (ROOT / "docs" / "tables.md").read_text(encoding="utf-8") == tables_markdown()


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


@pytest.mark.parametrize("name", list(ui_state.LINK_PARAMS))
def test_every_link_parameter_is_documented_in_the_readme(name):
    sharing = README.split("### Sharing a view", 1)[1].split("\n## ", 1)[0]
    assert f"`{name}`" in sharing
