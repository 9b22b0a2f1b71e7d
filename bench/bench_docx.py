"""Benchmark: reading Word documents, before (python-docx) and after (streamed, issue 18).

1. The inflation bomb: a ~2 MB .docx whose word/document.xml holds 2 GB while its zip
   headers declare 1,000 bytes. Peak memory (RSS) and seconds of one read, each in a fresh
   process; "before" is the python-docx reader as it was (from git history).
2. Many runs: .docx files of ~41 KB and ~200 KB whose thousands of runs each name one of
   3,000 character styles (python-docx scanned every style per run: the issue's 41 KB file
   cost 122 s, a 198 KB one did not finish in 10 minutes). Median seconds, and the ratio.

Prints medians and ratios; nothing here passes or fails.

    .venv/bin/python bench/bench_docx.py [--repeats 3] [--timeout 300] [--part bomb|runs]
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The last commit with the python-docx reader.
BEFORE_COMMIT = "8ab623d"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
if {before!r}:
    import importlib.util
    spec = importlib.util.spec_from_file_location("before_docx", {before!r})
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    read = module.docx_to_text
else:
    from analysis.ingest.docx_text import docx_to_text as read
data = open({path!r}, "rb").read()
start = time.perf_counter()
try:
    outcome = f"{{len(read(data)):,}} characters"
except Exception as error:
    outcome = f"refused: {{str(error)[:90]}}"
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": seconds, "peak_mb": peak, "outcome": outcome}}))
"""


def before_module(folder: Path) -> str | None:
    """The old reader's source, from git history, as a file; None without git."""
    try:
        source = subprocess.run(
            ["git", "show", f"{BEFORE_COMMIT}:analysis/ingest/docx_text.py"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    path = folder / "before_docx.py"
    path.write_text(source, encoding="utf-8")
    return str(path)


def read_once(path: Path, before: str | None, timeout: float) -> dict:
    code = CHILD.format(root=str(ROOT), before=before or "", path=str(path))
    try:
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return {"seconds": None, "peak_mb": None, "outcome": f"killed after {timeout:.0f} s"}
    if done.returncode != 0:
        return {"seconds": None, "peak_mb": None, "outcome": done.stderr.strip()[-90:]}
    return json.loads(done.stdout)


def bomb(path: Path, unpacked: int = 2 * 1024**3) -> Path:
    """The issue's bomb: `unpacked` bytes of document.xml, declared as 1,000 bytes."""
    from tests.test_docx_text import CONTENT_TYPES, PACKAGE_RELS, forge_declared_size

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        head = f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>'
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(head.encode())
            block = b"A" * (8 * 1024 * 1024)
            for _ in range(unpacked // len(block)):
                part.write(block)
    path.write_bytes(forge_declared_size(buffer.getvalue(), "word/document.xml", 1_000))
    return path


def many_runs(path: Path, turns: int) -> Path:
    """A transcript whose every run names one of 3,000 character styles."""
    from tests.test_docx_text import STYLES, document_xml, package, paragraph, run

    styles = STYLES.replace(
        "</w:styles>",
        "".join(
            f'<w:style w:type="character" w:styleId="S{n}"><w:name w:val="s{n}"/>'
            f"<w:rPr>{'<w:b/>' if n % 2 else ''}</w:rPr></w:style>"
            for n in range(3_000)
        )
        + "</w:styles>",
    )
    body = "".join(
        paragraph(
            run(f"{'主持人' if n % 2 else '嘉宾'}：", style=f"S{1 + 2 * (n % 100)}"),
            *(run(ch, style=f"S{2 * (n % 1000)}") for ch in "我们认为这件事很重要。"),
        )
        for n in range(turns)
    )
    path.write_bytes(package(document_xml(body), styles))
    return path


def describe(result: dict) -> str:
    if result["seconds"] is None:
        return result["outcome"]
    return f"{result['seconds']:.2f} s, peak {result['peak_mb']:,.0f} MB ({result['outcome']})"


def median_of(results: list[dict]) -> dict:
    done = sorted((r for r in results if r["seconds"] is not None), key=lambda r: r["seconds"])
    return done[len(done) // 2] if done else results[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("bomb", "runs"), help="run one part only")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=300, help="seconds for one old read")
    args, _ = parser.parse_known_args()  # `tasks.py bench` passes the same arguments to all
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        before = before_module(folder)
        if before is None:
            print("(no git history here: only the new reader is measured)")
        if args.part in (None, "bomb"):
            path = bomb(folder / "bomb.docx")
            print(f"== bomb: {path.stat().st_size / 1e6:.2f} MB file, 2 GB declared as 1,000 B")
            if before:
                print(f"before: {describe(read_once(path, before, args.timeout))}")
            after = median_of([read_once(path, None, args.timeout) for _ in range(args.repeats)])
            print(f"after (median of {args.repeats}): {describe(after)}")
        if args.part in (None, "runs"):
            for turns in (600, 4_500):
                path = many_runs(folder / f"runs{turns}.docx", turns)
                size = path.stat().st_size / 1024
                print(f"== many runs: {size:.0f} KB file, {turns * 12:,} runs, 3,000 styles")
                after = median_of(
                    [read_once(path, None, args.timeout) for _ in range(args.repeats)]
                )
                print(f"after (median of {args.repeats}): {describe(after)}")
                if before:
                    old = read_once(path, before, args.timeout)
                    ratio = (
                        f"; {old['seconds'] / after['seconds']:,.0f}x faster"
                        if old["seconds"]
                        else ""
                    )
                    print(f"before: {describe(old)}{ratio}")


if __name__ == "__main__":
    main()
