"""Worker processes for large corpora start cleanly whatever script hosts them."""

import sys
import types

from analysis.parallel import parallel_map


def test_workers_do_not_rerun_the_host_script(tmp_path, monkeypatch):
    # Under `streamlit run` the dashboard script is __main__; a spawned worker re-running it
    # would load the corpus again and break the pool.
    script = tmp_path / "host_script.py"
    script.write_text("raise SystemExit('the host script ran again in a worker')\n")
    host = types.ModuleType("__main__")
    host.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", host)
    assert parallel_map(len, [["a"], ["b", "c"], []]) == [1, 2, 0]
    assert sys.modules["__main__"] is host
