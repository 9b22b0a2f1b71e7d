"""The command line interface: every table the dashboard shows can be exported."""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from analysis import schema as s
from analysis.config import ConfigError, load_themes
from analysis.csv_safe import to_csv_bytes, write_csv
from analysis.measures.collocations import MAX_SPAN
from analysis.store.export import EXPORTED, TABLE_NAMES
from analysis.store.export import write_tables as export_tables
from analysis.store.selection import Selection
from analysis.text.kwic import MODES

# The range of each numeric option: beyond it a run would be meaningless or unbounded work
# (`kwic --width 100000000` cut every hit's context from a 100-million-character window).
MAX_KWIC_WIDTH = 500  # characters each side; the dashboard shows 30
MAX_MIN_COUNT = 1_000_000  # uses; more than any corpus word has
MAX_TOP = 100_000  # rows printed; the CSV has every one


def whole_number(low: int, high: int):
    """An argparse type: a whole number of ASCII digits from `low` to `high`, or a message in
    words (argparse prints it with the option's name and exits with code 2)."""

    def parse(text: str) -> int:
        digits = text.strip()
        sign = digits[:1] == "-"
        body = digits[1:] if sign else digits
        # int() would also take '٣', '５' and '1_000'; an option is written in ASCII digits.
        if not body or not all("0" <= ch <= "9" for ch in body) or len(body) > 12:
            raise argparse.ArgumentTypeError(
                f"{text!r} is not a whole number; give one from {low:,} to {high:,}"
            )
        value = -int(body) if sign else int(body)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"{value:,} is out of range; give a whole number from {low:,} to {high:,}"
            )
        return value

    parse.__name__ = "whole number"  # argparse names the type in some messages
    return parse


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
    report_files(store)
    return store


def report_files(store) -> None:
    """One line on stderr saying what became of the corpus's files (files.csv lists each)."""
    from analysis.ingest.reader import file_statuses, files_summary

    print(files_summary(file_statuses(store.articles(), store.problems())), file=sys.stderr)


def cmd_export(args: argparse.Namespace) -> int:
    store = corpus_store(args)
    try:
        names = TABLE_NAMES if args.all else [t.name for t in EXPORTED]
        for path in export_tables(store, Path(args.out), names):
            print(path)
        return 0 if store.option_count("articles") else 1
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
    from analysis.measures.collocations import collocates

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


# Why no exchange is listed (analysis.store.exchanges.EMPTY_REASONS), in words.
NO_EXCHANGES = {
    "not_built": "the store was built before exchanges were found; build it again",
    "no_speech": "the filters leave no speech",
    "no_questioner": "nobody in these articles is a host or an audience member, so nobody asks",
    "no_questions": "the hosts and audience in these articles ask nothing (no ？ or ?, no "
    "question words)",
    "no_match": "no exchange passes the filters",
}


def cmd_questions(args: argparse.Namespace) -> int:
    """Print (or write as CSV) every question with its answer: the exchanges table."""
    from analysis.store import exchanges as x

    sel, notes = selection_of(args.filters or "")
    try:
        filt = x.ExchangeFilter(
            terms=tuple(args.term or ()),
            themes=tuple(args.about or ()),
            askers=tuple(args.asker or ()),
            answerers=tuple(args.answerer or ()),
            types=tuple(args.type or ()),
            part=args.part,
            search=args.search or "",
            follow_up=args.follow_ups,
            topic_shift=args.topic_shifts,
        )
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    store = corpus_store(args)
    try:
        sel, dropped = sel.validate(store)
        for note in [*notes, *dropped]:
            print(f"warning: ignored {note}", file=sys.stderr)
        unknown = [t for t in filt.themes if t not in store.values("themes")]
        for theme in unknown:
            print(f"warning: no theme is named {theme!r}", file=sys.stderr)
        summary = x.exchange_summary(store, sel, filt)
        if summary.reason is not None:
            print(f"no exchanges: {NO_EXCHANGES[summary.reason]}", file=sys.stderr)
            return 1
        if args.against is not None:
            return _questions_keyness(store, sel, filt, args)
        limit = None if args.csv else args.top
        table = x.exchanges(store, sel, filt, order=args.order, limit=limit)
    finally:
        store.close()
    if args.csv:
        return print_csv(table)
    for row in table.itertuples(index=False):
        where = f"{getattr(row, s.ARTICLE_ID)}#{getattr(row, s.TURN)}"
        question = " ".join(str(getattr(row, s.QUESTION_TEXT)).split())
        question = question if len(question) <= 60 else question[:59] + "…"
        follow = f" follows on {getattr(row, s.FOLLOW_TERMS) or getattr(row, s.FOLLOW_THEMES)}"
        print(
            f"{where}\t{getattr(row, s.ASKER)}\t{getattr(row, s.QUESTION_TYPE)}\t"
            f"{getattr(row, s.ANSWER_CHARS)}\t{getattr(row, s.ANSWERERS) or '-'}\t{question}"
            + (follow if getattr(row, s.FOLLOW_UP) else "")
        )
    print(
        f"{summary.exchanges} exchanges in {summary.articles} articles, {summary.answered} "
        f"answered; {len(table)} shown (columns: article#turn, asker, type, answer characters, "
        "answerers, question)",
        file=sys.stderr,
    )
    return 0


def _questions_keyness(store, sel, filt, args) -> int:
    """Keyness of the answers to the questions chosen against the answers to questions
    about another theme (or every other answer): the Terms page's comparison."""
    from dataclasses import replace

    from analysis.measures.exchanges import exchange_comparison
    from analysis.store.exchanges import ExchangeSide

    side_a = ExchangeSide(sel, filt)
    side_b = None
    if args.against != "rest":
        side_b = ExchangeSide(sel, replace(filt, themes=(args.against,)))
    sizes, table = exchange_comparison(store, side_a, side_b, min_count=args.min)
    if sizes.problem() is not None:
        print(f"error: A and B can't be compared: {PROBLEMS[sizes.problem()]}", file=sys.stderr)
        return 1
    if args.csv:
        return print_csv(table)
    for row in table.head(args.top).itertuples(index=False):
        print(
            f"{getattr(row, s.TERM)}\t{getattr(row, s.COUNT_A)}\t{getattr(row, s.COUNT_B)}\t"
            f"{getattr(row, s.G2):.2f}\t{getattr(row, s.LOG_RATIO):.2f}\t"
            f"{getattr(row, s.P_ADJUSTED):.3g}"
        )
    print(
        f"{len(table)} terms used at least {args.min} times in the answers; columns: term, "
        "count in A, count in B, signed G2, log ratio, Bonferroni-adjusted p",
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
        report_problems(store.problems())
        report_files(store)
    finally:
        store.close()
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
    command.add_argument("corpus", help="folder of .txt/.md/.docx/.vtt/.srt articles")
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
    kwic.add_argument(
        "--width",
        metavar="N",
        type=whole_number(0, MAX_KWIC_WIDTH),
        default=20,
        help=f"characters of context each side (0-{MAX_KWIC_WIDTH}, default 20)",
    )
    kwic.add_argument("--csv", action="store_true", help="write CSV instead of aligned lines")
    colloc = corpus_command(
        commands,
        "collocates",
        "print the words found near a term, scored by G2 and MI",
        cmd_collocates,
    )
    colloc.add_argument("term", help="a word, matched as a whole jieba word ignoring case")
    colloc.add_argument(
        "--window",
        metavar="N",
        type=whole_number(1, MAX_SPAN),
        default=5,
        help=f"words each side (1-{MAX_SPAN}, default 5)",
    )
    colloc.add_argument(
        "--min",
        metavar="N",
        type=whole_number(1, MAX_MIN_COUNT),
        default=2,
        help=f"least times near the term (1-{MAX_MIN_COUNT:,}, default 2)",
    )
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
    compare.add_argument(
        "--min",
        metavar="N",
        type=whole_number(1, MAX_MIN_COUNT),
        default=3,
        help=f"least uses in A and B together (1-{MAX_MIN_COUNT:,}, default 3)",
    )
    compare.add_argument(
        "--top",
        metavar="N",
        type=whole_number(1, MAX_TOP),
        default=30,
        help=f"rows printed (1-{MAX_TOP:,}, default 30; the CSV has all)",
    )
    compare.add_argument("--csv", action="store_true", help="write the whole table as CSV")
    questions = corpus_command(
        commands,
        "questions",
        "print every question with its answer (the exchanges table)",
        cmd_questions,
    )
    questions.add_argument(
        "--filters",
        metavar="FILTERS",
        help="the shared filters as in a link: 'speaker=Sam Altman&theme=安全与对齐'",
    )
    questions.add_argument(
        "--term", action="append", help="a word the question uses (repeat for any of several)"
    )
    questions.add_argument(
        "--about", action="append", metavar="THEME", help="a theme the question touches"
    )
    questions.add_argument("--asker", action="append", help="who asked (repeatable)")
    questions.add_argument("--answerer", action="append", help="who answered (repeatable)")
    questions.add_argument(
        "--type", action="append", choices=s.QUESTION_TYPES, help="the question's type"
    )
    questions.add_argument(
        "--in",
        dest="part",
        choices=("question", "answer", "either"),
        default="question",
        help="where --term and --about look (default: the question)",
    )
    questions.add_argument("--search", help="text the question contains (ignoring case)")
    questions.add_argument(
        "--follow-ups",
        action=argparse.BooleanOptionalAction,
        help="only follow-ups (--no-follow-ups: only questions that are not)",
    )
    questions.add_argument(
        "--topic-shifts",
        action=argparse.BooleanOptionalAction,
        help="only answers sharing no theme or key term with their question (or, --no-, "
        "only those sharing one)",
    )
    questions.add_argument(
        "--order",
        choices=("conversation", "shortest", "longest"),
        default="conversation",
        help="conversation order (default), or shortest or longest answer first",
    )
    questions.add_argument(
        "--against",
        metavar="THEME",
        help="instead of the list, the keyness of these questions' answers against the "
        "answers to questions about THEME ('rest': every other answer)",
    )
    questions.add_argument(
        "--min",
        metavar="N",
        type=whole_number(1, MAX_MIN_COUNT),
        default=3,
        help=f"--against: least uses in A and B together (1-{MAX_MIN_COUNT:,}, default 3)",
    )
    questions.add_argument(
        "--top",
        metavar="N",
        type=whole_number(1, MAX_TOP),
        default=30,
        help=f"rows printed (1-{MAX_TOP:,}, default 30; the CSV has all)",
    )
    questions.add_argument("--csv", action="store_true", help="write the whole table as CSV")
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
    inspect.add_argument(
        "files", nargs="+", help=".txt, .md, .docx, .vtt or .srt articles (any file is reported)"
    )
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
