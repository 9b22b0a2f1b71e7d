"""A bench corpus that looks like real text: the vocabulary, lengths and people of real interviews.

The recombined corpus (`bench/synth.py`) reuses the seeds' turns, so it holds about 2,000
distinct terms at any size and every per-term cost looks small. This one is drawn instead:

- words from jieba's own dictionary (`jieba/dict.txt`), sampled by their frequencies, so the
  vocabulary is Zipf-like and grows with the corpus as real text's does (Heaps' law); each
  article also leans on a topic of its own (a few hundred mid-frequency words), on one to three
  themes of `config/themes.toml` (so theme counts are not trivial), and on Latin terms (product
  and company names, acronyms, a few English phrases) written with spaces around them;
- clauses and sentences with Chinese punctuation, numbers and quotes; host turns are short
  questions, guests' answers long (lognormal, with the odd monologue), articles about 10,000
  characters with a lognormal spread (a few short notes, a few very long transcripts);
- people who recur with Zipf-like popularity: shows (accounts) with their hosts and co-hosts,
  guests drawn from a fixed pool (the most popular, Sam Altman, in many articles; most of
  the rest in one or two), panels, and audience questions under a `## 观众提问` section;
- the layouts the reader understands (the seeds' and tests/articles'): `# title`, header lines
  (文章作者, 发布时间 spread over 2016-2025, 发布地, 原文链接), an editor's intro, a start
  marker, `##` section headings, labels as `**名字：**`, `**名字:**` then a line break, plain
  `名字：` or `[00:12:34] 名字：` with time stamps, and a footer after `往期回顾`.

Everything is decided by the seed and the article's number, never by the corpus size: the
first 1,000 articles of the 100,000-article corpus are the 1,000-article corpus.

    .venv/bin/python -m bench.realistic --articles 10000 --out /work/corpora/real-10k
    .venv/bin/python -m bench.realistic --articles 1000 --out /tmp/real-1k --check
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

GUESTS = 30_000  # the pool guests are drawn from (Zipf by rank)
SHOWS = 1_200  # accounts, each with its hosts (Zipf by rank)
MEDIAN_CHARS = 8_500  # of an article; lognormal, mean about 10,000
CHARS_SIGMA = 0.55
TOPIC_WORDS = 300  # an article's own mid-frequency words
TOPIC_SHARE = 0.05  # of an article's words
THEME_SHARE = 0.012  # its themes' keywords
LATIN_SHARE = 0.015  # Latin terms
# Words an article says again: each word is, this often, one of the article's earlier words
# (picked uniformly, so by how often it came up), which gives real text's burstiness: seeds'
# articles hold about one distinct word in four at 10,000 characters.
REUSE = 0.76
FIRST_DAY, LAST_DAY = date(2016, 1, 1), date(2025, 6, 30)

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝"
)
GIVEN = (
    "伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红娥玲鹏辉宁飞云帆浩然宇轩思源晨曦"
    "子涵一诺欣怡梓睿俊杰志远雨桐嘉懿天佑若溪博文佳琪诗雨文轩昊天语嫣瑾瑜皓月清扬慕白知远"
)
LATIN_FIRST = (
    "Alice Aaron Amara Ben Brian Carla Chris Dana Daniel Diego Elena Emily Ethan Fatima Felix "
    "Grace Hannah Harry Ian Irene Jack James Jenny Julia Karen Leo Lisa Lucas Maria Mark Maya "
    "Nadia Nina Noah Olivia Omar Paul Priya Rachel Raj Rosa Ryan Sara Sofia Tom Victor Wei Yuki "
    "Zoe Arthur Clara Elliot Gabriel Helen Ivan Jonas Lena Marcus Naomi Oscar Peter Quinn Ruth"
).split()
LATIN_LAST = (
    "Adams Baker Brooks Chen Clark Cohen Davis Evans Fischer Garcia Gupta Hall Hughes Ito Jensen "
    "Khan Kim Klein Lee Lopez Martin Meyer Miller Moore Murphy Nakamura Nguyen Novak Park Patel "
    "Perez Reed Rossi Sato Schmidt Shah Silva Singh Smith Stone Suzuki Taylor Tanaka Turner Walker "
    "Wang Weber Wright Young Zhang Hoffman Larsen Morgan Okafor Petrov Ramos Santos Varga Wolfe"
).split()
TRANSLIT_FIRST = (
    "约翰 玛丽 大卫 艾米丽 迈克尔 莎拉 丹尼尔 凯特 安娜 彼得 露西 托马斯 艾伦 朱莉娅 马克 "
    "索菲亚 亚历克斯 汉娜 杰克 奥利维亚 本杰明 克拉拉 埃里克 娜塔莉 詹姆斯 伊丽莎白 理查德 劳拉"
).split()
TRANSLIT_LAST = (
    "史密斯 约翰逊 威廉姆斯 布朗 琼斯 米勒 戴维斯 加西亚 罗德里格斯 威尔逊 马丁内斯 安德森 "
    "泰勒 托马斯 摩尔 杰克逊 怀特 哈里斯 克拉克 刘易斯 罗宾逊 沃克 扬 艾伦 金 赖特 斯科特 格林"
).split()
LATIN_TERMS = (
    "AI GPT-4 GPT-4o ChatGPT OpenAI API LLM AGI GPU CUDA Transformer Scaling Law RLHF SFT Token "
    "Prompt Agent Copilot Claude Gemini Llama Mistral DeepMind Anthropic Nvidia H100 A100 TPU "
    "Microsoft Google Meta Apple Tesla SpaceX iPhone Android Windows Linux GitHub Python PyTorch "
    "TensorFlow Kubernetes AWS Azure SaaS B2B B2C IPO CEO CTO CFO VC PMF ROI KPI MVP DAU MAU "
    "App SDK Benchmark MMLU Sora DALL-E Midjourney Stable Diffusion RAG Embedding Fine-tuning "
    "Y Combinator Sequoia a16z TikTok WeChat Slack Zoom Notion Figma Stripe Shopify Uber Airbnb"
).split()
ENGLISH_PHRASES = (
    "to be honest",
    "that's the point",
    "it just works",
    "move fast",
    "first principles",
    "product-market fit",
    "the bitter lesson",
    "scaling is all you need",
    "long story short",
    "at the end of the day",
)
ACCOUNT_SUFFIXES = "科技 评论 FM 说 研究所 观察 频道 播客 前沿 实验室 时间 笔记".split()
PLACES = "北京 上海 广东 浙江 江苏 四川 湖北 香港 美国 新加坡 日本 福建".split()
START_MARKERS = (
    "# 文稿整理",
    "以下为对话全文：",
    "**完整文字版：**",
    "以下是访谈实录：",
    "## 对话全文",
)
CLAUSE_MARKS = "。" * 35 + "！" * 2 + "、" * 5 + "，" * 58  # after a clause, by how often
AUDIENCE_LABELS = ("观众", "现场提问者", "观众提问", "提问者")
QUESTION_TAILS = ("吗？", "呢？", "？", "，你怎么看？", "，能展开讲讲吗？", "，为什么？")
# How a show writes its labels, and how often shows do it that way.
LABEL_FORMS = {
    "bold": 0.55,  # **名字：** 话
    "bold_break": 0.15,  # **名字:** then the speech on the next line
    "plain": 0.18,  # 名字：话
    "stamped": 0.12,  # [00:12:34] 名字：话
}


# ---------------------------------------------------------------- vocabulary


@dataclass(frozen=True)
class Vocabulary:
    words: np.ndarray  # object array of str, most frequent first
    lengths: np.ndarray  # characters of each word
    cdf: np.ndarray  # cumulative probability, for sampling by frequency


def jieba_dictionary() -> Path:
    import jieba

    return Path(jieba.__file__).parent / "dict.txt"


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """jieba's dictionary words written in Han characters, with their frequencies."""
    words, counts = [], []
    with jieba_dictionary().open(encoding="utf-8") as lines:
        for line in lines:
            word, count, *_ = line.split()
            if all("\u4e00" <= ch <= "\u9fff" for ch in word):
                words.append(word)
                counts.append(int(count))
    order = np.argsort(-np.array(counts), kind="stable")
    freq = np.array(counts, dtype=np.float64)[order]
    array = np.array(words, dtype=object)[order]
    return Vocabulary(
        array,
        np.array([len(w) for w in array], dtype=np.int64),
        np.cumsum(freq / freq.sum()),
    )


@lru_cache(maxsize=1)
def theme_keywords() -> list[list[str]]:
    """Each theme's keywords (config/themes.toml), file order."""
    from analysis.config import load_themes

    return [list(theme.keywords) for theme in load_themes()]


def zipf_weights(n: int, exponent: float = 1.0) -> np.ndarray:
    weights = 1.0 / np.arange(1, n + 1, dtype=np.float64) ** exponent
    return np.cumsum(weights / weights.sum())


def zipf_pick(rng: random.Random, cdf: np.ndarray) -> int:
    return min(int(np.searchsorted(cdf, rng.random(), side="right")), len(cdf) - 1)


# ---------------------------------------------------------------- people


@dataclass(frozen=True)
class Show:
    account: str
    hosts: tuple[str, ...]
    form: str
    generic_host: bool  # labels its host 主持人 rather than by name
    place: str


def _name(rng: random.Random, kind: float) -> str:
    if kind < 0.6:
        return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
    if kind < 0.9:
        return f"{rng.choice(LATIN_FIRST)} {rng.choice(LATIN_LAST)}"
    return f"{rng.choice(TRANSLIT_FIRST)}·{rng.choice(TRANSLIT_LAST)}"


@lru_cache(maxsize=4)
def people(seed: int) -> tuple[tuple[str, ...], tuple[Show, ...]]:
    """The guest pool (most popular first) and the shows, the same for every corpus size."""
    rng = random.Random(f"people:{seed}")
    taken = {"主持人", "Sam Altman"}
    guests = ["Sam Altman"]
    while len(guests) < GUESTS:
        name = _name(rng, rng.random())
        if name not in taken:
            taken.add(name)
            guests.append(name)
    vocab = vocabulary()
    forms, form_weights = list(LABEL_FORMS), list(LABEL_FORMS.values())
    shows, accounts = [], set()
    while len(shows) < SHOWS:
        stem = "".join(vocab.words[rng.randrange(200, 5000)] for _ in range(rng.choice((1, 2))))
        account = stem + rng.choice(ACCOUNT_SUFFIXES)
        if account in accounts:
            continue
        accounts.add(account)
        hosts = []
        while len(hosts) < (2 if rng.random() < 0.25 else 1):
            name = _name(rng, rng.random())
            if name not in taken:
                taken.add(name)
                hosts.append(name)
        shows.append(
            Show(
                account,
                tuple(hosts),
                rng.choices(forms, form_weights)[0],
                rng.random() < 0.25,
                rng.choice(PLACES),
            )
        )
    return tuple(guests), tuple(shows)


# ---------------------------------------------------------------- text


class Writer:
    """Draws one article's words: the dictionary by frequency, its topic, themes and Latin terms."""

    def __init__(self, seed: int, number: int) -> None:
        self.rng = random.Random(f"article:{seed}:{number}")
        self.np = np.random.default_rng([seed, number])
        self.vocab = vocabulary()
        top = len(self.vocab.words)
        self.topic = self.vocab.words[self.np.integers(2_000, min(80_000, top), TOPIC_WORDS)]
        keywords = theme_keywords()
        cdf = zipf_weights(len(keywords), 0.8)
        chosen = {zipf_pick(self.rng, cdf) for _ in range(self.rng.randint(1, 3))}
        self.theme_words = [w for i in sorted(chosen) for w in keywords[i]] or ["AI"]
        self.latin_cdf = zipf_weights(len(LATIN_TERMS), 1.1)
        # The article's words so far, started with a vocabulary of its own so that its
        # first sentences don't repeat their first few words.
        self.said: list[str] = self.words(400, again=False)

    def _latin(self) -> str:
        if self.rng.random() < 0.05:
            return f" {self.rng.choice(ENGLISH_PHRASES)} "
        return f" {LATIN_TERMS[zipf_pick(self.rng, self.latin_cdf)]} "

    def _number(self) -> str:
        kind = self.rng.random()
        if kind < 0.4:
            return f"{self.rng.randint(1990, 2025)}年"
        if kind < 0.7:
            return f"{self.rng.randint(1, 99)}%"
        return f"{self.rng.randint(2, 999)}{self.rng.choice(('万', '亿', '个', '倍', '家', '人'))}"

    def words(self, n: int, again: bool = True) -> list[str]:
        """`n` words: mostly the dictionary by frequency, some topic, theme and Latin words,
        and (`again`) words the article said before."""
        draw = self.np.random(n)
        picked = self.vocab.words[np.searchsorted(self.vocab.cdf, self.np.random(n))]
        out = picked.tolist()
        for i in np.flatnonzero(draw < TOPIC_SHARE + THEME_SHARE + LATIN_SHARE + 0.004).tolist():
            d = draw[i]
            if d < TOPIC_SHARE:
                out[i] = self.topic[int(d / TOPIC_SHARE * TOPIC_WORDS)]
            elif d < TOPIC_SHARE + THEME_SHARE:
                word = self.rng.choice(self.theme_words)
                out[i] = f" {word} " if word.isascii() else word
            elif d < TOPIC_SHARE + THEME_SHARE + LATIN_SHARE:
                out[i] = self._latin()
            else:
                out[i] = self._number()
        if not again:
            return out
        said, draws = self.said, self.np.random(n).tolist()
        for i, word in enumerate(out):
            if draws[i] < REUSE:
                word = out[i] = said[int(draws[i] / REUSE * len(said))]
            said.append(word)
        return out

    def sentences(self, chars: int, question: bool = False) -> str:
        """About `chars` characters of clauses and sentences; a question ends with ？."""
        n = max(3, int(chars / 1.75))
        words = self.words(n)
        parts, i = [], 0
        while i < n:
            clause = max(2, int(self.np.lognormal(1.8, 0.45)))
            chunk = "".join(words[i : i + clause]).strip()
            i += clause
            if self.rng.random() < 0.03:
                chunk = f"“{chunk}”"
            parts.append(chunk)
            if i >= n:
                break
            parts.append(CLAUSE_MARKS[int(self.rng.random() * len(CLAUSE_MARKS))])
        text = "".join(parts).replace("  ", " ")
        if question:
            return text + self.rng.choice(QUESTION_TAILS)
        return text + ("。" if self.rng.random() < 0.95 else "……")

    def heading(self) -> str:
        text = "".join(self.words(self.rng.randint(2, 5))).strip()
        if self.rng.random() < 0.3:
            text = f"{self.rng.choice(('一', '二', '三', '四', '五', '六'))}、{text}"
        return text


# ---------------------------------------------------------------- articles


def _stamp(seconds: int) -> str:
    return f"[{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}]"


def _label(form: str, name: str, text: str, seconds: int) -> str:
    if form == "bold":
        return f"**{name}：** {text}"
    if form == "bold_break":
        return f"**{name}:**\n{text}"
    if form == "plain":
        return f"{name}：{text}"
    return f"{_stamp(seconds)} {name}：{text}"


def _published(rng: random.Random) -> str:
    # More articles in later years: the density of days grows linearly.
    span = (LAST_DAY - FIRST_DAY).days
    day = FIRST_DAY + timedelta(days=int(span * rng.random() ** 0.5))
    return f"{day.isoformat()} {rng.randint(6, 23):02d}:{rng.randint(0, 59):02d}"


def write_article(seed: int, number: int) -> str:
    """The text of article `number`: the same for a given seed whatever the corpus size."""
    guests_pool, shows = people(seed)
    writer = Writer(seed, number)
    rng = writer.rng
    show = shows[zipf_pick(rng, zipf_weights(SHOWS, 1.0))]
    guest_cdf = zipf_weights(GUESTS, 1.0)
    n_guests = 1 if rng.random() < 0.7 else rng.randint(2, 4)
    guests: list[str] = []
    while len(guests) < n_guests:
        name = guests_pool[zipf_pick(rng, guest_cdf)]
        if name not in guests:
            guests.append(name)
    hosts = ["主持人"] if show.generic_host else list(show.hosts)
    target = int(min(80_000, max(1_200, rng.lognormvariate(np.log(MEDIAN_CHARS), CHARS_SIGMA))))
    audience = rng.random() < 0.2 and target > 4_000

    title = rng.choice(("对话{g}：{t}", "{g}最新访谈：{t}", "专访{g}｜{t}", "{t}——{g}谈{w}"))
    topic = "".join(writer.words(rng.randint(3, 6))).strip()
    lines = [
        "# " + title.format(g=guests[0], t=topic, w=writer.topic[0]),
        "",
        f"文章作者: {show.account}",
        f"发布时间: {_published(rng)}",
        f"发布地: {show.place}",
        f"原文链接: https://mp.weixin.qq.com/s?__biz=bench{seed}&mid={number}",
        "",
        f"本期我们邀请到了{'、'.join(guests)}。" + writer.sentences(rng.randint(60, 300)),
        "",
    ]
    if rng.random() < 0.5:
        lines += [writer.sentences(rng.randint(40, 200)), ""]
    lines += [rng.choice(START_MARKERS), ""]
    written, turn, seconds, next_section = 0, 0, 0, rng.randint(4, 14)
    speech = int(target * 0.92)
    audience_from = int(speech * 0.8) if audience else speech + 1
    in_audience = False
    while written < speech:
        if turn == next_section or (written >= audience_from and not in_audience):
            if written >= audience_from and not in_audience:
                in_audience = True
                lines += ["## 观众提问", ""]
            else:
                lines += [f"## {writer.heading()}", ""]
            next_section = turn + rng.randint(6, 16)
        if turn % 2 == 0:  # a question: a host, or someone from the floor
            if in_audience and rng.random() < 0.8:
                name = rng.choice(AUDIENCE_LABELS)
            else:
                name = hosts[(turn // 2) % len(hosts)] if rng.random() < 0.9 else hosts[0]
            text = writer.sentences(int(rng.lognormvariate(np.log(55), 0.6)) + 8, question=True)
        else:
            name = guests[0] if len(guests) == 1 or rng.random() < 0.35 else rng.choice(guests)
            chars = int(min(6_000, rng.lognormvariate(np.log(330), 0.8))) + 20
            text = writer.sentences(chars)
            if chars > 900 and rng.random() < 0.6:  # a long answer runs over paragraphs
                cut = text.find("。", len(text) // 2)
                if 0 < cut < len(text) - 1:
                    text = text[: cut + 1] + "\n\n" + text[cut + 1 :]
        lines += [_label(show.form, name, text, seconds), ""]
        written += len(text)
        seconds += max(5, len(text) // 4)
        turn += 1
    lines += [
        "往期回顾",
        "",
        f"[1、{writer.sentences(20)}](https://mp.weixin.qq.com/s?x={number})",
        "",
        "点击关注，获取更多资讯！",
        "",
    ]
    return "\n".join(lines)


def file_name(number: int) -> str:
    return f"{number:06d}_bench.txt"


def _write_range(args: tuple[Path, int, int, int]) -> int:
    out, seed, start, stop = args
    for number in range(start, stop):
        (out / file_name(number)).write_text(write_article(seed, number), encoding="utf-8")
    return stop - start


def write_realistic_corpus(
    out: Path, n_articles: int, seed: int = 7, jobs: int | None = None
) -> Path:
    """Write `n_articles` articles into `out` (files already there with the same names are
    rewritten with the same text); `jobs` processes share the work."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    jobs = jobs or min(os.cpu_count() or 1, max(1, n_articles // 500))
    step = max(50, min(2_000, n_articles // (jobs * 4) or 1))
    ranges = [(out, seed, i, min(i + step, n_articles)) for i in range(0, n_articles, step)]
    if jobs == 1:
        for part in ranges:
            _write_range(part)
    else:
        with ProcessPoolExecutor(jobs) as pool:
            list(pool.map(_write_range, ranges))
    return out


def corpus_statistics(folder: Path) -> dict:
    """What the reader makes of a corpus: articles, turns, speakers and how they recur, chars."""
    from analysis import schema as s
    from analysis.ingest.reader import read_corpus

    corpus = read_corpus(folder)
    turns = corpus.turns
    per_article = turns.groupby(s.ARTICLE_ID).size()
    spread = turns.groupby(s.SPEAKER)[s.ARTICLE_ID].nunique().sort_values(ascending=False)
    chars = [len(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]
    return {
        "files": len(chars),
        "articles": len(corpus.articles),
        "turns": len(turns),
        "turns_per_article_median": float(per_article.median()),
        "turns_per_article_p10_p90": [
            float(per_article.quantile(0.1)),
            float(per_article.quantile(0.9)),
        ],
        "speech_chars": int(turns[s.CHARS].sum()),
        "file_chars_median": statistics.median(chars),
        "file_chars_mean": round(statistics.fmean(chars)),
        "file_chars_min_max": [min(chars), max(chars)],
        "speakers": int(len(spread)),
        "speakers_in_2_or_more_articles": int((spread >= 2).sum()),
        "busiest_speakers": {name: int(n) for name, n in spread.head(8).items()},
        "roles": {k: int(v) for k, v in turns[s.ROLE].value_counts().items()},
        "problems": len(corpus.problems),
        "sections": int((turns[s.SECTION] != "").sum()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--out", required=True, help="folder to write into (outside the repo)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--jobs", type=int, help="processes (default: the cores)")
    parser.add_argument("--check", action="store_true", help="read it back and print statistics")
    args = parser.parse_args()
    started = time.perf_counter()
    write_realistic_corpus(Path(args.out), args.articles, args.seed, args.jobs)
    print(f"wrote {args.articles} articles to {args.out} in {time.perf_counter() - started:.1f} s")
    if args.check:
        print(json.dumps(corpus_statistics(Path(args.out)), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
