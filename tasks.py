#!/usr/bin/env python3
"""One command per routine task; each sets up what it needs on a fresh machine.

    python3 tasks.py run     start the dashboard on the bundled seeds (http://localhost:8501)
    python3 tasks.py test    run the whole test suite (unit, page and browser tests)
    python3 tasks.py bench   run the benchmarks in bench/
    python3 tasks.py lint    ruff check and format check

Only the standard library is used here, so it runs before anything is installed.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"
STAMP = VENV / ".installed-pyproject-sha256"
CJK_FONT_PACKAGE = "fonts-noto-cjk"
CHROMIUM = "/usr/bin/chromium"


def say(message: str) -> None:
    print(f"[tasks] {message}", flush=True)


def run(command: list[str], **kwargs) -> None:
    subprocess.run(command, check=True, **kwargs)


def venv_python(venv_dir: Path) -> Path:
    return venv_dir / ("Scripts" if os.name == "nt" else "bin") / "python"


def venv_works(venv_dir: Path = VENV) -> bool:
    """True when the venv is a real folder of this checkout whose Python runs."""
    python = venv_python(venv_dir)
    if venv_dir.is_symlink() or not python.exists():
        return False
    try:
        probe = subprocess.run([str(python), "-c", "import pip"], capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return probe.returncode == 0


def repair_venv(venv_dir: Path = VENV) -> None:
    """Make a working venv: a symlink (dangling or to another checkout), a folder without a
    working Python, or one left half-built by an interrupted run is replaced, not trusted."""
    if venv_works(venv_dir):
        return
    if venv_dir.is_symlink() or venv_dir.is_file():
        venv_dir.unlink()
    elif venv_dir.exists():
        say(f"replacing a broken {venv_dir.name}")
        shutil.rmtree(venv_dir)
    say(f"creating {venv_dir.name}")
    venv.EnvBuilder(with_pip=True).create(venv_dir)


def ensure_venv() -> None:
    """Create .venv and install the project when pyproject.toml changed since the last install."""
    repair_venv()
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == digest:
        return
    say("installing the project and its dependencies into .venv")
    quiet = ["--quiet", "--disable-pip-version-check"]
    run([str(PYTHON), "-m", "pip", "install", *quiet, "--upgrade", "pip"])
    run([str(PYTHON), "-m", "pip", "install", *quiet, "-e", ".[test]"], cwd=ROOT)
    STAMP.write_text(digest)


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def apt_install(packages: list[str]) -> bool:
    """Install Debian packages when running as root; False (with a hint) otherwise."""
    if not packages:
        return True
    if not (is_root() and shutil.which("apt-get")):
        say(f"please install these Debian packages: {' '.join(packages)} (needs root and apt-get)")
        return False
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    say(f"installing {' '.join(packages)} with apt-get")
    run(["apt-get", "update", "-qq"], env=env, stdout=subprocess.DEVNULL)
    run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages],
        env=env,
        stdout=subprocess.DEVNULL,
    )
    return True


def has_cjk_font() -> bool:
    if shutil.which("fc-list"):
        listed = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True)
        if listed.stdout.strip():
            return True
    return (
        any(Path("/usr/share/fonts").glob("**/*CJK*"))
        if Path("/usr/share/fonts").exists()
        else False
    )


def ensure_system_packages(browser: bool) -> None:
    missing = []
    if not has_cjk_font():
        missing.append(CJK_FONT_PACKAGE)
    if browser and not Path(CHROMIUM).exists():
        missing.append("chromium")
    apt_install(missing)


def streamlit_command(port: int = 8501, address: str = "0.0.0.0") -> list[str]:
    """The exact command that serves the dashboard (the Dockerfile runs the same):
    `streamlit run app.py` through `dashboard.serve`, which makes the first page's answers
    as the server starts."""
    return [
        "python",
        "-m",
        "dashboard.serve",
        "app.py",
        f"--server.port={port}",
        f"--server.address={address}",
        "--server.headless=true",
        "--browser.gatherUsageStats=false",
    ]


def cmd_run(args: argparse.Namespace) -> int:
    ensure_venv()
    ensure_system_packages(browser=False)
    env = dict(os.environ)
    if args.corpus:
        env["TRANSCRIPTS_CORPUS"] = str(Path(args.corpus).resolve())
    command = streamlit_command(args.port)
    command[0] = str(PYTHON)
    say(f"dashboard at http://localhost:{args.port}")
    os.chdir(ROOT)
    os.execve(command[0], command, env)
    return 0


def cmd_test(args: argparse.Namespace) -> int:
    ensure_venv()
    ensure_system_packages(browser=True)
    command = [str(PYTHON), "-m", "pytest", *args.pytest_args]
    return subprocess.run(command, cwd=ROOT).returncode


def cmd_bench(args: argparse.Namespace) -> int:
    ensure_venv()
    scripts = sorted((ROOT / "bench").glob("bench_*.py"))
    if args.only:
        scripts = [p for p in scripts if args.only in p.name]
    if not scripts:
        say("no benchmarks found in bench/")
        return 0
    if any("page" in p.name or "load" in p.name for p in scripts):
        ensure_system_packages(browser=True)
    status = 0
    for script in scripts:
        say(f"running {script.relative_to(ROOT)}")
        status |= subprocess.run([str(PYTHON), str(script), *args.bench_args], cwd=ROOT).returncode
    return status


def cmd_lint(args: argparse.Namespace) -> int:
    ensure_venv()
    ruff = str(BIN / "ruff")
    first = subprocess.run([ruff, "check", "."], cwd=ROOT).returncode
    second = subprocess.run([ruff, "format", "--check", "."], cwd=ROOT).returncode
    return first or second


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run_parser = commands.add_parser("run", help="start the dashboard")
    run_parser.add_argument("--corpus", help="folder of articles (default: seeds/)")
    run_parser.add_argument("--port", type=int, default=8501)
    run_parser.set_defaults(func=cmd_run)
    test_parser = commands.add_parser("test", help="run the whole test suite")
    test_parser.add_argument("pytest_args", nargs=argparse.REMAINDER)
    test_parser.set_defaults(func=cmd_test)
    bench_parser = commands.add_parser("bench", help="run the benchmarks")
    bench_parser.add_argument("--only", help="run only scripts whose name contains this")
    bench_parser.add_argument("bench_args", nargs=argparse.REMAINDER)
    bench_parser.set_defaults(func=cmd_bench)
    lint_parser = commands.add_parser("lint", help="ruff check and format check")
    lint_parser.set_defaults(func=cmd_lint)
    # Everything after the subcommand that argparse doesn't know goes to pytest / the bench.
    args, extra = parser.parse_known_args()
    if extra and args.command not in ("test", "bench"):
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if args.command == "test":
        args.pytest_args = [*args.pytest_args, *extra]
    if args.command == "bench":
        args.bench_args = [*args.bench_args, *extra]
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
