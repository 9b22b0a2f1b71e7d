"""The command line interface: every table the dashboard shows can be exported."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis import schema as s
from analysis.reader import Corpus, read_corpus


def write_tables(tables: dict, out: Path) -> list[Path]:
    """Write each table as UTF-8 CSV with a header row; return the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in tables.items():
        path = out / f"{name}.csv"
        frame.to_csv(path, index=False, encoding="utf-8")
        written.append(path)
    return written


def report_problems(corpus: Corpus) -> None:
    for row in corpus.problems.itertuples(index=False):
        print(f"{getattr(row, s.LEVEL)}: {getattr(row, s.FILE_NAME)}: {getattr(row, s.MESSAGE)}",
              file=sys.stderr)


def cmd_export(args: argparse.Namespace) -> int:
    corpus = read_corpus(args.corpus, speakers=args.speakers)
    report_problems(corpus)
    tables = {
        s.ARTICLES.name: corpus.articles,
        s.TURNS.name: corpus.turns,
        s.EDITORIAL.name: corpus.editorial,
        s.PROBLEMS.name: corpus.problems,
    }
    for path in write_tables(tables, Path(args.out)):
        print(path)
    return 0 if len(corpus.articles) else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser("export", help="write the corpus tables as CSV files")
    export.add_argument("corpus", help="folder of .txt/.md articles")
    export.add_argument("--out", required=True, help="folder to write the CSV files into")
    export.add_argument("--speakers", help="speakers file (default: config/speakers.toml)")
    export.set_defaults(run=cmd_export)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)
