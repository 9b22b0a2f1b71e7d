"""The command line interface: every table the dashboard shows can be exported."""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from analysis import schema as s
from analysis.config import ConfigError, load_themes
from analysis.csv_safe import to_csv_bytes, write_csv
from analysis.store.export import EXPORTED, all_tables
from analysis.store.selection import Selection
from analysis.text.kwic import MODES


def write_tables(tables: dict, out: Path) -> list[Path]:
    """Write each table as CSV (UTF-8 with BOM, formula-like cells neutralised); return the paths."""
    out.mkdir(parents=True, exist_ok=True)
    return [write_csv(frame, out / f"{name}.csv") for name, frame in tables.items()]


def print_csv(frame) -> int:
    """A table to standard output as the CSV files are written (BOM, formulas neutralised)."""
    sys.stdout.flush()
    sys.stdout.buffer.write(to_csv_bytes(frame))
    sys.stdout.buffer.flush()
    return 0


def report_problems(problems) -> None:
    for row in problems.itertuples(index=False):
        print(
            f"{getattr(row, s.LEVEL)}: {getattr(row, s.FILE_NAME)}: {getattr(row, s.MESSAGE)}",
            file=sys.stderr,
        )


def themes_or_default(path: str | None):
    """The themes file asked for, or the defaults with a message when it is unusable."""
    try:
        return load_themes(path)
    except ConfigError as error:
        if path is None:
            raise
        print(f"warning: {error}; using the default themes", file=sys.stderr)
        return load_themes()


def corpus_store(args: argparse.Namespace):
    """The corpus's store: built (or reused when nothing changed) in `--store`, or in the
    folder the dashboard uses for this corpus, then opened. Problems go to stderr."""
    from analysis.store.build import build_store, default_store_dir
    from analysis.store.store import Store

    folder = Path(args.store) if args.store else default_store_dir(args.corpus)
    build_store(args.corpus, folder, themes_or_default(args.themes), speakers_path=args.speakers)
    store = Store.open(folder)
    report_problems(store.problems())
    return store


def cmd_export(args: argparse.Namespace) -> int:
    store = corpus_store(args)
    try:
        tables = all_tables(store)
        wanted = tables if args.all else {t.name: tables[t.name] for t in EXPORTED}
        for path in write_tables(wanted, Path(args.out)):
            print(path)
        return 0 if len(tables[s.ARTICLES.name]) else 1
    finally:
        store.close()


def cmd_kwic(args: argparse.Namespace) -> int:
    store = corpus_store(args)
    try:
        lines = store.kwic(
            Selection(), args.term, regex=args.regex, width=args.width, mode=args.match
        )
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    finally:
        store.close()
    if args.csv:
        return print_csv(lines)
    for row in lines.itertuples(index=False):
        where = f"{getattr(row, s.ARTICLE_ID)}#{getattr(row, s.TURN)} {getattr(row, s.SPEAKER)}"
        left, match, right = getattr(row, s.LEFT), getattr(row, s.MATCH), getattr(row, s.RIGHT)
        print(f"{where:<40} {left:>{args.width}} [{match}] {right}")
    print(f"{len(lines)} hits", file=sys.stderr)
    return 0


def cmd_collocates(args: argparse.Namespace) -> int:
    """Print (or write as CSV) the collocates of a term: the table of the Words page."""
    from analysis.measures.collocations import MAX_SPAN, collocates

    if not 0 < args.window <= MAX_SPAN or args.min < 1:
        print(f"error: --window must be 1 to {MAX_SPAN} and --min at least 1", file=sys.stderr)
        return 2
    store = corpus_store(args)
    try:
        table = collocates(store, args.term, left=args.window, min_count=args.min)
    finally:
        store.close()
    if args.csv:
        return print_csv(table)
    for row in table.itertuples(index=False):
        term, count, freq = getattr(row, s.TERM), getattr(row, s.COUNT), getattr(row, s.FREQ)
        g2, mi = getattr(row, s.G2), getattr(row, s.MI)
        print(f"{term}\t{count}\t{freq}\t{g2:.2f}\t{mi:.2f}")
    print(
        f"{len(table)} collocates of {args.term!r} within {args.window} words "
        "(columns: term, count, freq, G2, MI)",
        file=sys.stderr,
    )
    return 0


# Why a comparison can't be made (compare.Overlap.problem), in words.
PROBLEMS = {
    "a_empty": "A holds no speech",
    "b_empty": "B holds no speech",
    "same": "A and B are the same turns",
    "a_in_b": "every turn of A is also in B",
    "b_in_a": "every turn of B is also in A",
}


def selection_of(text: str) -> tuple[Selection, list[str]]:
    """A selection from link-style filters (`speaker=Sam Altman&from=2024-12-01`)."""
    from urllib.parse import parse_qs

    return Selection.from_query(parse_qs(text, keep_blank_values=False))


def cmd_compare(args: argparse.Namespace) -> int:
    """Print (or write as CSV) the keyness of A against B: the Terms page's comparison."""
    from analysis.measures.compare import comparison

    a, notes = selection_of(args.a)
    b, more = (None, []) if args.b == "rest" else selection_of(args.b)
    store = corpus_store(args)
    try:
        a, dropped = a.validate(store)
        if b is not None:
            b, dropped_b = b.validate(store)
            dropped += dropped_b
        for note in [*notes, *more, *dropped]:
            print(f"warning: ignored {note}", file=sys.stderr)
        sizes, table = comparison(store, a, b, min_count=args.min)
    finally:
        store.close()
    if sizes.problem() is not None:
        print(f"error: A and B can't be compared: {PROBLEMS[sizes.problem()]}", file=sys.stderr)
        return 1
    if args.csv:
        return print_csv(table)
    shown = table.head(args.top)
    for row in shown.itertuples(index=False):
        print(
            f"{getattr(row, s.TERM)}\t{getattr(row, s.COUNT_A)}\t{getattr(row, s.COUNT_B)}\t"
            f"{getattr(row, s.G2):.2f}\t{getattr(row, s.LOG_RATIO):.2f}\t{getattr(row, s.P_ADJUSTED):.3g}"
        )
    print(
        f"{len(table)} terms used at least {args.min} times; columns: term, count in A, "
        "count in B, signed G2, log ratio, Bonferroni-adjusted p",
        file=sys.stderr,
    )
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from analysis.store.build import build_store

    client = None
    if args.dask:
        try:
            from dask.distributed import Client
        except ImportError:
            print(
                "error: --dask needs Dask (pip install 'altman-transcripts[cluster]')",
                file=sys.stderr,
            )
            return 2
        client = Client(args.dask)
    try:
        result = build_store(
            args.corpus,
            args.store,
            themes_or_default(args.themes),
            speakers_path=args.speakers,
            client=client,
        )
    finally:
        if client is not None:
            client.close()
    from analysis.store.store import Store

    store = Store.open(result.folder.parent)
    try:
        problems = store.problems()
    finally:
        store.close()
    report_problems(problems)
    state = "unchanged, reused" if result.reused else "built"
    print(
        f"{result.folder} ({state}): {result.articles} articles of {result.files} files, "
        f"{result.turns} turns, {result.tokens} words, {result.seconds:.1f} s"
    )
    return 0 if result.articles else 1


def tables_markdown() -> str:
    """docs/tables.md, written from analysis.schema so the two can't drift apart."""
    lines = [
        "# Tables",
        "",
        "Every table the analysis layer produces, with its columns. Generated from",
        "`analysis/schema.py` by `python -m analysis tables-doc > docs/tables.md`; a test keeps",
        "the two in step. `python -m analysis export` writes the starred tables by default and all",
        "of them with `--all`.",
        "",
    ]
    exported = {table.name for table in EXPORTED}
    for table in s.TABLES.values():
        star = " *" if table.name in exported else ""
        lines += [
            f"## {table.name}{star}",
            "",
            table.doc,
            "",
            "| column | meaning |",
            "| --- | --- |",
        ]
        lines += [f"| `{name}` | {doc} |" for name, doc in table.columns.items()]
        lines.append("")
    return "\n".join(lines)


def cmd_inspect(args: argparse.Namespace) -> int:
    from analysis.ingest.reader import speakers_or_defaults
    from analysis.ingest.reading_report import format_report, reading_report

    config, problems = speakers_or_defaults(args.speakers)
    for problem in problems:
        print(f"{problem[s.LEVEL]}: {problem[s.MESSAGE]}", file=sys.stderr)
    unreadable = 0
    for path in args.files:
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            print(f"== {path}\ncould not be opened: {error.strerror}\n")
            unreadable += 1
            continue
        report = reading_report(Path(path).name, data, config)
        unreadable += bool(report.error)
        print(format_report(report))
    return 1 if unreadable == len(args.files) else 0


def cmd_tables_doc(args: argparse.Namespace) -> int:
    print(tables_markdown(), end="")
    return 0


STORE_HELP = "store folder to build or reuse (default: the dashboard's, under .cache/store)"


def corpus_command(commands, name: str, help: str, run, store: bool = True):
    """A subcommand over a corpus folder, with the options every such command takes."""
    command = commands.add_parser(name, help=help)
    command.add_argument("corpus", help="folder of .txt/.md articles")
    command.add_argument("--speakers", help="speakers file (default: config/speakers.toml)")
    command.add_argument("--themes", help="themes file (default: config/themes.toml)")
    if store:
        command.add_argument("--store", help=STORE_HELP)
    command.set_defaults(run=run)
    return command


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    export = corpus_command(commands, "export", "write the corpus tables as CSV files", cmd_export)
    export.add_argument("--out", required=True, help="folder to write the CSV files into")
    export.add_argument("--all", action="store_true", help="also write every other table")
    kwic = corpus_command(commands, "kwic", "print every hit of a term with its context", cmd_kwic)
    kwic.add_argument("term", help="a word or phrase (or a regular expression with --regex)")
    kwic.add_argument("--regex", action="store_true", help="treat TERM as a regular expression")
    kwic.add_argument(
        "--match",
        choices=MODES,
        help="whole jieba words (the default), any substring, or a regular expression",
    )
    kwic.add_argument("--width", type=int, default=20, help="characters of context each side")
    kwic.add_argument("--csv", action="store_true", help="write CSV instead of aligned lines")
    colloc = corpus_command(
        commands,
        "collocates",
        "print the words found near a term, scored by G2 and MI",
        cmd_collocates,
    )
    colloc.add_argument("term", help="a word, matched as a whole jieba word ignoring case")
    colloc.add_argument("--window", type=int, default=5, help="words each side (1-10)")
    colloc.add_argument("--min", type=int, default=2, help="least times near the term")
    colloc.add_argument("--csv", action="store_true", help="write CSV instead of lines")
    compare = corpus_command(
        commands,
        "compare",
        "keyness of selection A against B (signed G2, log ratio, adjusted p)",
        cmd_compare,
    )
    compare.add_argument(
        "--a", required=True, help="A's filters as in a link: 'speaker=Sam Altman&from=2024-12-01'"
    )
    compare.add_argument(
        "--b", default="rest", help="B's filters in the same form, or 'rest' (the default)"
    )
    compare.add_argument("--min", type=int, default=3, help="least uses in A and B together")
    compare.add_argument("--top", type=int, default=30, help="rows printed (CSV has all)")
    compare.add_argument("--csv", action="store_true", help="write the whole table as CSV")
    build = corpus_command(
        commands,
        "build",
        "build the store of a corpus (DuckDB over Parquet)",
        cmd_build,
        store=False,
    )
    build.add_argument("--store", required=True, help="store folder (made if missing)")
    build.add_argument("--dask", metavar="SCHEDULER_ADDRESS", help="build on a Dask cluster")
    inspect = commands.add_parser(
        "inspect", help="say how each file is read: label styles, speakers, non-speech lines"
    )
    inspect.add_argument("files", nargs="+", help=".txt, .md or .docx articles")
    inspect.add_argument("--speakers", help="speakers file (default: config/speakers.toml)")
    inspect.set_defaults(run=cmd_inspect)
    docs = commands.add_parser("tables-doc", help="print docs/tables.md (table and column docs)")
    docs.set_defaults(run=cmd_tables_doc)
    return parser


def main(argv: list[str] | None = None) -> int:
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `… | head` ends quietly
    args = build_parser().parse_args(argv)
    return args.run(args)
