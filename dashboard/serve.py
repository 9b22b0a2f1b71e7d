"""The dashboard's server: `streamlit run` with its arguments passed on, and the first page's
work done before the first visitor needs it (issue 21: at 100,000 articles the first page
after a start took 7 s, 4 s of it the server opening the store and making the corpus's
names, colours and first answers).

    python -m dashboard.serve app.py --server.port=8501 --server.headless=true

- Before the server listens, the modules every page imports (pandas, DuckDB, plotly and
  the dashboard's own) are loaded: about 0.8 s of a first page, and the server would load
  them anyway.
- Once it listens, a thread visits the first page over Streamlit's own websocket, as a
  browser would, once per interface language, then every other page once, each when the
  server has been idle for a moment (a visitor's run goes first). The answers that visit makes about the
  shared corpus are kept for every visitor (`dashboard.data.caches`); a visitor who comes
  meanwhile waits for the same computations rather than repeating them.
- Nothing here changes what a page shows. A host that runs `streamlit run app.py` itself
  (Streamlit Community Cloud) gets the same dashboard, without the warm-up.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
import urllib.request

LOG = logging.getLogger(__name__)

WARM_LANGS = ("zh", "en")  # the first page in each interface language (the Visual is per language)
START_S = 120  # how long the warm-up waits for the server to listen
RUN_S = 600  # and for each visit's run to finish (a first build of a large corpus)
QUIET_S = 2.0  # the other pages are made in windows this long with the server idle …
QUIET_CPU = 0.15  # … using less than this share of one core


def preload() -> None:
    """Import what every page imports, before the server takes visitors. Not
    `dashboard.data`: it sets the running server's upload cap when first imported, and the
    server does not run yet."""
    import pandas as pd
    import plotly.graph_objects as go
    import plotly.io
    import pyarrow

    # The page icon is an emoji: checking it imports Streamlit's emoji list, whose pattern
    # takes a third of a second to compile.
    import streamlit.emojis  # noqa: F401

    import analysis.store.queries  # noqa: F401
    import analysis.store.store  # noqa: F401
    import dashboard.charts.talk  # noqa: F401
    import dashboard.charts.terms  # noqa: F401
    import dashboard.charts.themes  # noqa: F401
    from dashboard.charts.base import article_rows, base_layout

    # Plotly loads each trace type's and property's classes, and its JSON encoder, on first
    # use: a small figure made as the pages make theirs loads them.
    figure = go.Figure(
        [
            go.Bar(
                x=pd.Series([1]),
                y=["a"],
                orientation="h",
                marker={"color": "#1f77b4", "line": {"width": 0}},
                text=["1"],
                textposition="inside",
                textfont={"size": 11},
                hovertemplate="%{x}<extra></extra>",
                customdata=[["a"]],
                name="a",
            ),
            go.Scatter(x=[1], y=[1], mode="markers", marker={"size": 4}),
            go.Heatmap(z=[[1]], colorscale="Blues"),
        ]
    )
    base_layout(figure, 200)
    article_rows(figure, ["a"])
    figure.update_layout(uniformtext={"minsize": 9, "mode": "hide"})
    figure.update_xaxes(title={"text": "a"})
    plotly.io.to_json(figure)
    # Frames to records and to Arrow (answers and tables) load modules of their own.
    frame = pd.DataFrame({"a": [1]})
    frame.to_dict("records")
    pyarrow.Table.from_pandas(frame)


def _base_url() -> str:
    from streamlit import config

    address = config.get_option("server.address") or "127.0.0.1"
    if address in ("0.0.0.0", "::", ""):
        address = "127.0.0.1"  # a server on every interface also listens on loopback
    path = (config.get_option("server.baseUrlPath") or "").strip("/")
    return f"http://{address}:{config.get_option('server.port')}" + (f"/{path}" if path else "")


def _listening() -> str | None:
    """The server's URL once it answers its health check."""
    deadline = time.monotonic() + START_S
    while time.monotonic() < deadline:
        from streamlit.runtime import Runtime

        if not Runtime.exists():  # the command line's options are set before it is made
            time.sleep(0.1)
            continue
        base = _base_url()
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return base
        except OSError:
            pass
        time.sleep(0.1)  # polling the health endpoint while the server starts
    return None


def visit(base: str, query: str, page: str = "") -> bool:
    """One run of a page (its path in the URL, "" the first page) with `query` as its query
    string, as a browser asks for it; True once the run finished."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.sync.client import connect

    url = base.replace("http://", "ws://", 1) + "/_stcore/stream"
    with connect(url, subprotocols=["streamlit"], open_timeout=30, max_size=None) as socket:
        message = BackMsg()
        message.rerun_script.query_string = query
        message.rerun_script.page_script_hash = ""
        message.rerun_script.page_name = page  # the page whose URL path this is
        socket.send(message.SerializeToString())
        deadline = time.monotonic() + RUN_S
        while time.monotonic() < deadline:
            reply = ForwardMsg()
            reply.ParseFromString(socket.recv(timeout=RUN_S))
            if reply.WhichOneof("type") == "script_finished" and (
                reply.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN
            ):
                return True
    return False


def _quiet() -> bool:
    """Wait for a window of `QUIET_S` in which the server's process (every thread: visitors'
    runs, DuckDB's workers) used less than `QUIET_CPU` of a core; False after `RUN_S`."""
    deadline = time.monotonic() + RUN_S
    while time.monotonic() < deadline:
        before = time.process_time()
        time.sleep(QUIET_S)  # sampling the process's CPU over the window
        if time.process_time() - before < QUIET_S * QUIET_CPU:
            return True
    return False


def warm_up() -> None:
    """Visit the first page once per language as soon as the server listens, then every
    other page as a link without settings opens it."""
    from dashboard.pages import PAGES

    try:
        base = _listening()
        if base is None:
            LOG.warning("warm-up skipped: the server did not answer within %s s", START_S)
            return
        started = time.perf_counter()
        for lang in WARM_LANGS:
            visit(base, "" if lang == "zh" else f"lang={lang}")
        # In the server's log, as Streamlit's own start-up lines are.
        print(f"warm-up: first page made in {time.perf_counter() - started:.1f} s", flush=True)
        # At 100,000 articles the Terms page's counts of every word took 21 s for its first
        # visitor; made here, they are waiting for them. One page at a time, each once the
        # server is quiet: a visitor's run goes first.
        for page in PAGES[1:]:
            if not _quiet():
                LOG.warning("warm-up stopped: the server was never quiet for %s s", QUIET_S)
                return
            visit(base, "", page.url_path)
        print(f"warm-up: every page made in {time.perf_counter() - started:.1f} s", flush=True)
    except Exception as error:  # a warm-up that fails leaves a working, colder server
        LOG.warning("warm-up failed: %s", error)


def main(argv: list[str]) -> None:
    from streamlit.web import cli

    preload()
    threading.Thread(target=warm_up, name="warm-up", daemon=True).start()
    sys.argv = ["streamlit", "run", *argv]
    cli.main()


if __name__ == "__main__":
    main(sys.argv[1:])
