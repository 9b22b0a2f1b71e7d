"""Benchmarks: they print medians and ratios, and never pass or fail."""

from __future__ import annotations

import statistics
import time


def timed(function, repeats: int) -> float:
    """The median wall time of `repeats` calls of `function`, in seconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
