"""Issue 18's attacks before and after a change: tests/e2e/test_attacks.py run against two
checkouts, one table of what each attack did to the server.

Each attack runs on a server of its own while `/_stcore/health` is polled from a thread; the
table gives, per attack and checkout, the slowest health answer, the server's resident
memory (at the start, its peak, at the end), tracebacks in the server's log, and whether the
test passed (else the first line of its failure). The checkout before the change is any
folder with the old code, e.g.

    git worktree add /work/before 093a7cf
    .venv/bin/python bench/bench_attacks.py --before /work/before [-k docx]

Both servers run with this checkout's .venv.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINE = re.compile(
    r"ATTACK (?P<test>\S+): health (?P<answers>\d+) answers, median [\d.]+ s, max "
    r"(?P<max>[\d.]+) s; RSS (?P<start>\d+) -> peak (?P<peak>\d+) -> (?P<end>\d+) MB; "
    r"tracebacks (?P<tracebacks>\d+)"
)
OUTCOME = re.compile(r"^(PASSED|FAILED|ERROR) tests/e2e/test_attacks.py::(\S+)(?: - (.*))?$")


def run(root: Path, selection: str | None) -> dict[str, dict]:
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-p",
        "no:cacheprovider",
        "-s",
        "-rA",
        "--tb=line",
        str(ROOT / "tests" / "e2e" / "test_attacks.py"),
    ]
    if selection:
        command += ["-k", selection]
    done = subprocess.run(
        command,
        cwd=ROOT,
        env={**os.environ, "ATTACKS_ROOT": str(root)},
        capture_output=True,
        text=True,
    )
    found: dict[str, dict] = {}
    for line in done.stdout.splitlines():
        if match := LINE.search(line):
            found.setdefault(match["test"], {}).update(match.groupdict())
        elif match := OUTCOME.match(line.strip()):
            found.setdefault(match[2], {})["outcome"] = (
                "passed" if match[1] == "PASSED" else (match[3] or match[1].lower())[:90]
            )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--before", required=True, help="the checkout before the change")
    parser.add_argument("--after", default=str(ROOT), help="the checkout after (this one)")
    parser.add_argument("-k", dest="selection", help="only the attacks pytest -k selects")
    args = parser.parse_args()
    results = {
        "before": run(Path(args.before), args.selection),
        "after": run(Path(args.after), args.selection),
    }
    tests = sorted({test for found in results.values() for test in found})
    print("| attack | checkout | health max (s) | RSS start/peak/end (MB) | tracebacks | outcome |")
    print("| --- | --- | --- | --- | --- | --- |")
    for test in tests:
        for side, found in results.items():
            row = found.get(test, {})
            rss = "/".join(row[k] for k in ("start", "peak", "end")) if "peak" in row else "-"
            print(
                f"| {test.removeprefix('test_')} | {side} | {row.get('max', '-')} | {rss} | "
                f"{row.get('tracebacks', '-')} | {row.get('outcome', '-')} |"
            )


if __name__ == "__main__":
    main()
