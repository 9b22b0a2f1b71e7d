"""`dashboard.serve.preload` loads, before the server listens, what a first page would
otherwise load while its first visitor waits (libraries, plotly's trace classes,
Streamlit's emoji list)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import sys
from dashboard.serve import preload
preload()
from streamlit.testing.v1 import AppTest
before = set(sys.modules)
app = AppTest.from_file("app.py", default_timeout=300)
app.run()
assert not app.exception, app.exception
print("\\n".join(sorted(set(sys.modules) - before)))
"""

# What may still load on a first run: the dashboard's own run modules (dashboard.data sets
# the running server's upload cap on import), and small helpers.
HEAVY = ("plotly", "pandas", "duckdb", "numpy", "pyarrow", "jieba", "streamlit.emojis")


def test_a_first_page_after_preload_imports_no_heavy_module(tmp_path):
    env = {"TRANSCRIPTS_CACHE": str(tmp_path / "tables"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    loaded = done.stdout.split()
    assert any(name.startswith("dashboard") for name in loaded)  # the run did run
    late = [name for name in loaded if name.split(".")[0] in HEAVY or name in HEAVY]
    assert late == [], late
