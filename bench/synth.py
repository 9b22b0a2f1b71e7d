"""The benches' corpora: realistic text by default, the seeds' turns recombined as an extra.

`bench/realistic.py` draws articles that look like real text (a Zipf vocabulary, people who
recur, real lengths); every bench runs on it unless asked for the recombined corpus, whose
articles shuffle the seeds' turns (about 2,000 distinct terms at any size, so per-term costs
look small) while keeping the WeChat layout (title, header lines, editor's intro, bold
labels, `##` sections, footer) so the reader does its full work on it.
"""

from __future__ import annotations

import json
import random
import shutil
import tempfile
from pathlib import Path

from analysis import schema as s
from analysis.ingest.reader import read_corpus

ROOT = Path(__file__).resolve().parent.parent
REALISTIC, RECOMBINED = "real", "recombined"
SPEC_HELP = (
    "seeds, real:N (N articles of realistic text, bench/realistic.py; N alone or synth:N "
    "mean the same), recombined:N (N articles recombined from the seeds' turns) or a folder"
)

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


def write_bench_corpus(out: Path, n_articles: int, kind: str = REALISTIC, seed: int = 7) -> Path:
    """Write the bench corpus of `n_articles`: realistic text, or the seeds' turns recombined."""
    if kind == RECOMBINED:
        return write_synthetic_corpus(ROOT / "seeds", out, n_articles, seed)
    from bench.realistic import write_realistic_corpus

    return write_realistic_corpus(out, n_articles, seed)


def cached_bench_corpus(n_articles: int, kind: str = REALISTIC, seed: int = 7) -> Path:
    """The bench corpus in the temporary folder, written once and reused by later runs (a
    10,000-article corpus takes a minute to write); a note beside it says it is complete."""
    folder = Path(tempfile.gettempdir()) / f"transcripts-{kind}-{n_articles}-seed{seed}"
    done = folder.with_name(folder.name + ".json")
    wanted = {"kind": kind, "articles": n_articles, "seed": seed}
    try:
        if json.loads(done.read_text(encoding="utf-8")) == wanted:
            return folder
    except (OSError, ValueError):
        pass
    shutil.rmtree(folder, ignore_errors=True)
    write_bench_corpus(folder, n_articles, kind, seed)
    done.write_text(json.dumps(wanted), encoding="utf-8")
    return folder


def parse_spec(spec: str) -> tuple[str, int] | None:
    """(kind, articles) of a generated corpus's spec (real:N, N, synth:N, recombined:N);
    None for `seeds` or a folder."""
    kind, _, count = spec.rpartition(":")
    if not count.isdigit() or kind not in ("", "synth", REALISTIC, RECOMBINED):
        return None
    return (RECOMBINED if kind == RECOMBINED else REALISTIC), int(count)


def corpus_folder(spec: str) -> Path:
    """The folder of articles a spec names (see SPEC_HELP); generated ones are cached."""
    if spec == "seeds":
        return ROOT / "seeds"
    generated = parse_spec(spec)
    if generated is None:
        return Path(spec)
    kind, count = generated
    return cached_bench_corpus(count, kind)


def served_env(spec: str) -> tuple[dict, str]:
    """The dashboard's environment to serve a corpus spec (see SPEC_HELP) or `store:DIR`: a
    generated corpus or a folder is built into a store first (reused while its files and the
    code are unchanged), so the server starts on it without building; the seeds as they are."""
    if spec == "seeds":
        return {}, "seeds (5 articles)"
    if spec.startswith("store:"):
        folder = spec.removeprefix("store:")
        return {"TRANSCRIPTS_STORE": folder}, f"the store in {folder}"
    from analysis.config import load_themes
    from analysis.store.build import build_store

    folder = corpus_folder(spec)
    store = folder.with_name(folder.name + "-store")
    build_store(folder, store, load_themes())
    generated = parse_spec(spec)
    described = f"{generated[1]} {generated[0]} articles" if generated else str(folder)
    return {"TRANSCRIPTS_STORE": str(store)}, described
