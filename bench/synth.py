"""A synthetic corpus for benchmarks: articles recombined from the seeds' turns.

Each synthetic article keeps the WeChat layout (title, header lines, editor's intro,
bold labels, `##` sections, footer) so the reader does its full work on it.
"""

from __future__ import annotations

import random
from pathlib import Path

from analysis import schema as s
from analysis.ingest.reader import read_corpus

LABEL_FORMS = (
    "**{name}：** {text}",
    "**{name}:**\n{text}",
    "****{name}：**** {text}",
    "**{name}**\n\n{text}",
)


def write_synthetic_corpus(seeds: Path, out: Path, n_articles: int, seed: int = 7) -> Path:
    """Write `n_articles` articles built by shuffling and recombining the seeds' turns."""
    corpus = read_corpus(seeds)
    rng = random.Random(seed)
    turns = corpus.turns
    by_role = {
        role: group[[s.SPEAKER, s.TEXT]].values.tolist() for role, group in turns.groupby(s.ROLE)
    }
    editorial = corpus.editorial[s.TEXT].tolist()
    out.mkdir(parents=True, exist_ok=True)
    for number in range(n_articles):
        n_turns = rng.randint(20, 90)
        lines = [
            f"# 合成访谈 {number}：{rng.choice(editorial)[:20]}",
            "",
            f"文章作者: 合成号{number % 7}",
            f"发布时间: 2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} 08:00",
            "发布地: 上海",
            f"原文链接: http://mp.weixin.qq.com/s?__biz=synthetic{number}",
            "",
            rng.choice(editorial),
            "",
            "# 文稿整理",
            "",
        ]
        form = rng.choice(LABEL_FORMS)
        for index in range(n_turns):
            if index % 15 == 0:
                lines += [f"## 第{index // 15 + 1}部分", ""]
            role = "host" if index % 2 == 0 else rng.choice(["guest", "guest", "guest", "audience"])
            speaker, text = rng.choice(by_role.get(role) or by_role["guest"])
            lines += [form.format(name=speaker, text=text), ""]
        lines += ["# 往期回顾", "", "[1、[别的文章](https://mp.weixin.qq.com/s?x=1)", ""]
        (out / f"{number:04d}_synthetic.txt").write_text("\n".join(lines), encoding="utf-8")
    return out
