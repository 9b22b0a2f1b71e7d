"""The repository installs anywhere: nothing in it points at one machine."""

import ast
import os
import subprocess
from pathlib import Path

import pytest

import tasks

ROOT = Path(__file__).resolve().parent.parent


def tracked_files() -> list[str]:
    listing = subprocess.run(
        ["git", "ls-files", "-s"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return listing.stdout.splitlines()


def test_no_tracked_symlink_points_outside_the_repository():
    for line in tracked_files():
        mode, _, _, path = line.split(maxsplit=3)
        if mode == "120000":  # git's mode for a symlink
            target = (ROOT / path).parent / os.readlink(ROOT / path)
            assert target.resolve().is_relative_to(ROOT), f"{path} -> {target}"


@pytest.mark.parametrize("folder", [".venv", ".cache", "__pycache__", ".pytest_cache"])
def test_machine_local_folders_are_not_tracked(folder):
    paths = [line.split(maxsplit=3)[3] for line in tracked_files()]
    assert not [p for p in paths if p == folder or p.startswith(folder + "/")]


def test_no_tracked_file_names_a_machine_local_path():
    for line in tracked_files():
        path = line.split(maxsplit=3)[3]
        if (
            path.endswith((".py", ".toml", ".txt", ".md", ".cfg", "Dockerfile"))
            and "seeds/" not in path
        ):
            text = (ROOT / path).read_text(encoding="utf-8", errors="replace")
            for local in ("/tmp/fresh", "/work/main", "/root/"):
                assert local not in text or path.startswith("tests/test_repository"), path


def _docstrings(tree: ast.AST) -> set[int]:
    return {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }


def test_no_code_writes_to_a_machine_local_folder():
    # Docstrings may show a command with an example folder; a string the code uses may not
    # (a test once saved its screenshots to a folder that exists only on one machine).
    found = []
    for line in tracked_files():
        path = line.split(maxsplit=3)[3]
        if not path.endswith(".py") or path == "tests/test_repository.py":
            continue
        tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
        skip = _docstrings(tree)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in skip
                and node.value.startswith(("/work/", "/root/", "/home/"))
            ):
                found.append(f"{path}:{node.lineno} {node.value}")
    assert not found


@pytest.mark.parametrize("broken", ["dangling symlink", "empty folder", "python missing"])
def test_tasks_replaces_a_broken_venv(tmp_path, broken):
    venv_dir = tmp_path / ".venv"
    if broken == "dangling symlink":
        venv_dir.symlink_to(tmp_path / "gone" / ".venv")
    elif broken == "empty folder":
        venv_dir.mkdir()
    else:
        (venv_dir / "bin").mkdir(parents=True)
        (venv_dir / "pyvenv.cfg").write_text("home = /nowhere\n")
    assert not tasks.venv_works(venv_dir)
    tasks.repair_venv(venv_dir)
    assert not venv_dir.is_symlink() and tasks.venv_works(venv_dir)
