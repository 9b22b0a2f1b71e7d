"""The build on a Dask cluster sends its file lists to the workers, not inside the task graph."""

import re
import warnings

import pytest

from analysis.config import load_themes
from analysis.store.build import build_store

dask = pytest.importorskip("dask")
GRAPH_SIZE = re.compile(r"Sending large graph of size ([\d.]+ \w+)")
ARTICLE = "# 标题\n\n文章作者: 测试号\n发布时间: 2024-10-01\n\n**主持人：** 你好吗？\n\n**嘉宾：** 很好。\n"


def test_the_task_graph_does_not_grow_with_the_file_names(tmp_path):
    from dask.distributed import Client, LocalCluster
    from dask.utils import parse_bytes

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number in range(40):  # names of ~200 bytes: in the graph, 40 of them weigh 8 KB
        (corpus / f"{number:03d}_{'长名字' * 20}.txt").write_text(ARTICLE, encoding="utf-8")
    names = sum(len(str(path).encode()) + len(path.name.encode()) for path in corpus.iterdir())
    with (
        LocalCluster(
            n_workers=1, processes=True, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
        # Dask's own measure of a graph's size, said in a warning past this threshold.
        dask.config.set({"distributed.admin.large-graph-warning-threshold": "1B"}),
        warnings.catch_warnings(record=True) as caught,
    ):
        warnings.simplefilter("always")
        result = build_store(
            corpus, tmp_path / "store", load_themes(), client=client, batch_files=4
        )
    graphs = [
        parse_bytes(match.group(1))
        for warning in caught
        if (match := GRAPH_SIZE.search(str(warning.message)))
    ]
    assert result.articles == 40 and graphs
    assert sum(graphs) < names / 4, (graphs, names)
