"""Whole articles of the families issue 19 adds, counted by hand (tests/articles/).

A meeting-minutes export with an AI summary, a Teams caption file (.vtt) with voice tags, a
podcast clip (.srt) with name prefixes, an Otter transcript in English with its header and
footer, a web-clipped Markdown interview with front matter, pull quotes and footnotes, a
panel with a transliterated name and an end marker, an unlabelled bold-question Word
interview (made by tests/make_word_articles.py), a newspaper Q&A whose answers carry no
label, and a file of a kind the reader does not take. Every number was counted by reading
the article.
"""

from pathlib import Path

import pandas as pd
import pytest

from analysis import schema as s
from analysis.ingest.reader import read_corpus
from analysis.ingest.reading_report import REASON, reading_report

ARTICLES = Path(__file__).parent / "articles"


@pytest.fixture(scope="module")
def corpus():
    return read_corpus(ARTICLES, reports=True)


def turns_of(corpus, article_id: str) -> pd.DataFrame:
    return corpus.turns[corpus.turns[s.ARTICLE_ID] == article_id]


def article(corpus, article_id: str) -> pd.Series:
    return corpus.articles.set_index(s.ARTICLE_ID).loc[article_id]


MEETING = "meeting_minutes_export"
VTT = "2025-06-12_platform_sync"
SRT = "2025-05-30_慢慢说第12期"
OTTER = "otter_founders_interview"
CLIPPED = "clipped_architect_interview"
PANEL = "panel_city_renewal"
WORD = "unlabelled_bold_interview"
NEWSPAPER = "newspaper_wen_qa"

# article id: ({speaker: (role, turns)}, speakers in order of their turns,
#              (first speaker, first text), (last speaker, last text))
TURNS = {
    MEETING: (
        {
            "陈思远": ("host", 6),
            "周晓婷": ("guest", 3),
            "林浩": ("guest", 3),
            "说话人 4": ("guest", 2),
        },
        ["陈思远", "周晓婷", "陈思远", "周晓婷", "林浩", "说话人 4", "陈思远", "说话人 4", "陈思远"]
        + ["林浩", "周晓婷", "陈思远", "林浩", "陈思远"],
        (
            "陈思远",
            "好，人差不多齐了，我们开始吧。今天主要复盘一下二期上线这两周的情况。晓婷，你先讲讲数据？",
        ),
        ("陈思远", "好，那今天就到这里，谢谢大家。"),
    ),
    VTT: (
        {"Priya Raman": ("host", 6), "Marcus Lee": ("guest", 4), "Elena Novak": ("guest", 3)},
        ["Priya Raman", "Marcus Lee", "Priya Raman", "Marcus Lee", "Elena Novak", "Priya Raman"]
        + ["Elena Novak", "Marcus Lee", "Priya Raman", "Elena Novak", "Priya Raman", "Marcus Lee"]
        + ["Priya Raman"],
        (
            "Priya Raman",
            "Morning everyone, let's keep this short today. Marcus, how did the database "
            "migration go over the weekend?",
        ),
        ("Priya Raman", "Thanks, everyone. Talk tomorrow."),
    ),
    SRT: (
        {"林夏": ("host", 5), "苏明远": ("guest", 5)},
        ["林夏", "苏明远"] * 5,
        (
            "林夏",
            "欢迎收听《慢慢说》，我是林夏。今天的嘉宾是拍了十五年纪录片的苏明远导演。"
            "苏导，先跟大家打个招呼？",
        ),
        ("苏明远", "谢谢林夏。"),
    ),
    OTTER: (
        {"Tom Becker": ("host", 7), "Maya Chen": ("guest", 6)},
        ["Tom Becker", "Maya Chen"] * 6 + ["Tom Becker"],
        (
            "Tom Becker",
            "Welcome back to Founders at Work. I'm Tom Becker, and today I'm talking with Maya "
            "Chen, who runs an open source database company called Tidepool. Maya, thanks for "
            "coming on.",
        ),
        (
            "Tom Becker",
            "Maya, thanks so much for doing this. That's it for this week's Founders at Work.",
        ),
    ),
    CLIPPED: (
        {"许知行": ("host", 5), "梁晚舟": ("guest", 5)},
        ["许知行", "梁晚舟"] * 5,
        ("许知行", "你为什么会去云南的乡村做设计？"),
        (
            "梁晚舟",
            "想把这些年的做法写成一本小册子，免费发给各地的乡村工匠。房子会老，但手艺可以传下去。",
        ),
    ),
    PANEL: (
        {
            "何静": ("host", 4),
            "艾琳·卡特": ("guest", 3),
            "吴启明": ("guest", 2),
            "唐宁": ("guest", 2),
        },
        ["何静", "艾琳·卡特", "何静", "吴启明", "唐宁", "艾琳·卡特", "何静", "艾琳·卡特", "吴启明"]
        + ["唐宁", "何静"],
        ("何静", "欢迎三位。先请卡特教授谈谈，伦敦这些年的城市更新，对我们有什么可以借鉴的？"),
        ("何静", "谢谢三位嘉宾，也谢谢现场的朋友们。"),
    ),
    WORD: (
        {"周屿": ("host", 5), "方岚": ("guest", 5)},
        ["周屿", "方岚"] * 5,
        ("周屿", "你第一次上冰川是什么时候？"),
        (
            "方岚",
            "冰川是慢的，研究它也要有耐心。十年测一次的数据，可能要等你退休以后才看得出意义。",
        ),
    ),
    NEWSPAPER: (
        {"韩雪": ("host", 4), "郑立平": ("guest", 4)},
        ["韩雪", "郑立平"] * 4,
        ("韩雪", "十年前您刚到县医院的时候，最大的困难是什么？"),
        ("郑立平", "把村卫生室连起来。老百姓头疼脑热不用进城，在村里就能和县医院的医生视频问诊。"),
    ),
}

# article id: (title, published, account, url, participants, recording seconds)
METADATA = {
    MEETING: ("智能客服二期上线复盘", "2025-06-12 14:03", "", "", "陈思远、周晓婷、林浩", 2833.0),
    VTT: (VTT, "2025-06-12", "", "", "", 85.1),
    SRT: (SRT, "2025-05-30", "", "", "", 69.0),
    OTTER: (
        "Founders at Work: Maya Chen on building in public",
        "2025-06-12 10:02",
        "",
        "",
        "Tom Becker、Maya Chen",
        1427.0,
    ),
    CLIPPED: (
        "“房子应该让人慢下来”：对话建筑师梁晚舟",
        "2025-03-18",
        "许知行",
        "https://www.example-review.cn/articles/2025/liang-wanzhou-interview",
        "",
        None,
    ),
    PANEL: ("圆桌实录｜城市更新，钱从哪里来？", "2025-04-22 20:15", "城市观察", "", "", None),
    WORD: ("冰川学家方岚：冰川会说话", "2025-08-06", "", "", "", None),
    NEWSPAPER: ("县医院的十年：专访县人民医院院长郑立平", "2025-06-12", "临江日报", "", "", None),
}

# article id: [(kind, text) of the editorial table, in order]
EDITORIAL = {
    MEETING: [
        (
            "summary",
            "本次会议复盘了智能客服二期上线两周以来的数据。转人工率从38%降到21%，用户满意度基本持平；"
            "退换货流程的自动化是主要贡献。夜间咨询量超出预期，会议决定下周起试点夜间无人值守，"
            "并补齐发票类问题的知识库。",
        ),
        ("summary", "陈思远：主持复盘，确定夜间试点和知识库补齐两项安排。"),
        ("summary", "周晓婷：汇报上线两周的数据，指出发票类问题是转人工的主要来源。"),
        ("action_items", "周晓婷：6月19日前整理发票类问题的知识库缺口清单"),
        ("action_items", "林浩：评估夜间无人值守的监控方案，下周一同步"),
        ("action_items", "陈思远：与客服组确认试点期间的值班安排"),
        ("chapters", "00:00 开场与二期上线数据"),
        ("chapters", "05:41 退换货流程为什么见效"),
        ("chapters", "18:22 夜间咨询量超预期"),
        ("chapters", "31:05 发票类问题的缺口"),
        ("chapters", "40:12 下周试点安排"),
        ("keywords", "转人工率、退换货、夜间咨询、知识库、发票"),
        # The heading over the record, like 以下为对话全文 in a WeChat article.
        ("intro", "文字记录"),
    ],
    VTT: [
        (
            "editor_note",
            "Transcript exported from Microsoft Teams. Speaker names come from the meeting roster.",
        )
    ],
    SRT: [],
    OTTER: [("keywords", "open source, community, license, hosted service, pricing, burnout")],
    CLIPPED: [
        ("caption", "梁晚舟在她设计的山村图书馆前，2024 年秋天。"),
        (
            "intro",
            "梁晚舟是一位在云南乡村做了十年设计的建筑师，她的作品大多是小学、图书馆和村民活动室。"
            "今年春天，我们在昆明和她聊了一个下午。",
        ),
        ("pull_quote", "“房子应该让人慢下来。”"),
        ("pull_quote", "夯土墙冬暖夏凉，它本身就是一种技术。"),
        ("caption", "半山书屋的阅读角，屋顶用的是当地烧的青瓦。"),
        ("footnote", "这座老房子后来成为她的第一个作品“半山书屋”。"),
        ("footnote", "夯土墙的土、砂、石灰配比因地而异，当地通常为六比三比一。"),
    ],
    PANEL: [
        (
            "intro",
            "4月20日，在上海举办的城市更新论坛上，三位嘉宾围绕“城市更新的钱从哪里来”展开了讨论。"
            "圆桌由《城市观察》主编何静主持。",
        ),
        (
            "intro",
            "嘉宾：艾琳·卡特（伦敦大学学院城市规划教授）、吴启明（某地产基金合伙人）、唐宁（社区规划师）",
        ),
        ("intro", "以下为圆桌实录，经编辑整理，有删节。"),
        ("caption", "论坛现场"),
    ],
    WORD: [
        ("intro", "文｜本刊记者 周屿"),
        (
            "intro",
            "方岚在青藏高原研究冰川已经二十二年。今年夏天，她带队完成了对念青唐古拉山一条冰川的"
            "第十次测量。我们在拉萨见到了刚下山的她。",
        ),
        ("caption", "图｜方岚在冰川末端测量冰面高程 摄影：周屿"),
        ("editor_note", "（本文经受访者审阅）"),
    ],
    NEWSPAPER: [
        ("intro", "本报记者 韩雪"),
        ("intro", "日前，本报记者专访了县人民医院院长郑立平，请他谈谈县域医疗这十年的变化。"),
    ],
}

# article id: {reason: count} of the reading report's lines that are not speech
NOT_SPEECH = {
    MEETING: {"summary": 3, "action_items": 3, "chapters": 5, "keywords": 1},
    VTT: {"editor_note": 1},
    SRT: {"stage_direction": 2},
    OTTER: {"keywords": 1, "footer": 1},
    CLIPPED: {"caption": 1, "pull_quote": 2, "footnote": 2},
    PANEL: {"footer": 1},
    WORD: {"editor_note": 1},
    NEWSPAPER: {"footer": 1},
}

# article id: (start seconds, duration seconds) per turn, or None without times
TIMES = {
    MEETING: (
        [3, 15, 62, 70, 341, 390, 412, 421, 1102, 1115, 1865, 2412, 2440, 2445],
        # to the next stamp; the last turn has none
        [12, 47, 8, 271, 49, 22, 9, 681, 13, 750, 547, 28, 5, None],
    ),
    # Caption files: from the turn's first cue to its last cue's end (speaking time).
    VTT: (
        [2.14, 10.5, 22.0, 25.1, 32.4, 44.2, 48.0, 56.1, 59.5, 65.0, 76.8, 80.5, 82.3],
        [6.88, 10.7, 2.6, 6.7, 11.1, 3.1, 7.6, 2.8, 4.7, 11.0, 3.1, 1.5, 2.8],
    ),
    SRT: (
        [3.5, 15.6, 20.5, 24.9, 36.8, 40.9, 48.0, 52.0, 59.0, 64.2],
        [11.5, 4.3, 3.8, 11.2, 3.4, 6.6, 3.3, 6.4, 4.7, 1.8],
    ),
    OTTER: (
        [4, 14, 17, 23, 72, 77, 160, 166, 242, 246, 1378, 1385, 1415],
        [10, 3, 6, 49, 5, 83, 6, 76, 4, 1132, 7, 30, None],
    ),
    CLIPPED: None,
    PANEL: None,
    WORD: None,
    NEWSPAPER: None,
}


@pytest.mark.parametrize("article_id", list(TURNS))
def test_turns_per_speaker_and_role(corpus, article_id):
    expected, order, _, _ = TURNS[article_id]
    turns = turns_of(corpus, article_id)
    counted = turns.groupby([s.SPEAKER, s.ROLE]).size().to_dict()
    assert counted == {(who, role): n for who, (role, n) in expected.items()}
    assert list(turns[s.SPEAKER]) == order


@pytest.mark.parametrize("article_id", list(TURNS))
def test_first_and_last_words(corpus, article_id):
    _, _, first, last = TURNS[article_id]
    turns = turns_of(corpus, article_id)
    assert (turns[s.SPEAKER].iloc[0], turns[s.TEXT].iloc[0]) == first
    assert (turns[s.SPEAKER].iloc[-1], turns[s.TEXT].iloc[-1]) == last


@pytest.mark.parametrize("article_id", list(METADATA))
def test_title_date_and_header(corpus, article_id):
    title, published, account, url, participants, seconds = METADATA[article_id]
    row = article(corpus, article_id)
    assert row[s.TITLE] == title
    assert row[s.PUBLISHED] == pd.Timestamp(published)
    assert (row[s.ACCOUNT], row[s.URL], row[s.PARTICIPANTS]) == (account, url, participants)
    if seconds is None:
        assert pd.isna(row[s.RECORDING_SECONDS])
    else:
        assert row[s.RECORDING_SECONDS] == pytest.approx(seconds)


@pytest.mark.parametrize("article_id", list(EDITORIAL))
def test_non_speech_lines_are_the_editors_or_the_tools(corpus, article_id):
    rows = corpus.editorial[corpus.editorial[s.ARTICLE_ID] == article_id]
    assert list(zip(rows[s.KIND], rows[s.TEXT], strict=True)) == EDITORIAL[article_id]
    speech = "\n".join(turns_of(corpus, article_id)[s.TEXT])
    for kind, text in EDITORIAL[article_id]:
        if kind not in ("intro", "pull_quote"):  # a pull quote repeats speech, once
            assert text not in speech


@pytest.mark.parametrize("article_id", list(NOT_SPEECH))
def test_the_reading_report_counts_what_is_not_speech(corpus, article_id):
    report = next(r for r in corpus.reports if r.file_name.startswith(article_id + "."))
    assert report.non_speech[REASON].value_counts().to_dict() == NOT_SPEECH[article_id]


@pytest.mark.parametrize("article_id", list(TIMES))
def test_times_of_the_turns(corpus, article_id):
    turns = turns_of(corpus, article_id)
    if TIMES[article_id] is None:
        assert turns[s.START_SECONDS].isna().all() and turns[s.DURATION_SECONDS].isna().all()
        return
    starts, durations = TIMES[article_id]
    assert list(turns[s.START_SECONDS]) == pytest.approx(starts)
    got = [None if pd.isna(d) else d for d in turns[s.DURATION_SECONDS]]
    assert [d is None for d in got] == [d is None for d in durations]
    assert [d for d in got if d is not None] == pytest.approx([d for d in durations if d])


def test_the_meeting_tools_speaker_it_could_not_name_stays_a_speaker_of_their_own(corpus):
    turns = turns_of(corpus, MEETING)
    assert set(turns[s.SPEAKER]) == {"陈思远", "周晓婷", "林浩", "说话人 4"}
    # 周晓婷's two labels in a row (00:00:15, 00:00:41) are one turn.
    assert turns[s.TEXT].iloc[1] == (
        "好的。上线两周，日均对话量是两万三千左右，转人工的比例从百分之三十八降到了百分之二十一。\n"
        "还有一个数据，用户满意度基本持平，没有因为自动化变差。"
    )
    # The to-dos and the speakers' summary name people with a colon, before 文字记录: no turns.
    assert "6月19日前" not in "".join(turns[s.TEXT]) and "主持复盘" not in "".join(turns[s.TEXT])


def test_caption_cues_lose_their_tags_entities_and_sounds(corpus):
    vtt = turns_of(corpus, VTT)
    assert vtt[s.TEXT].iloc[7] == "I agree. I'll write up the runbook today."
    assert vtt[s.TEXT].iloc[8] == "Great. Elena, where are we with the Q&A bot?"
    srt = turns_of(corpus, SRT)
    # A cue's two lines join without a space between Chinese characters.
    assert srt[s.TEXT].iloc[3] == (
        "是一部关于黄河船工的片子，前前后后拍了整整三年。那时候没有经费，全靠朋友借的一台摄像机。"
    )
    assert "音乐" not in "".join(srt[s.TEXT])


def test_caption_times_give_measured_minutes():
    from analysis.store.store import Store

    name = SRT + ".srt"
    store = Store.from_sources([(name, (ARTICLES / name).read_bytes())], [])
    stats = store.speaker_stats().set_index(s.SPEAKER)
    assert stats.loc["苏明远", s.MINUTES_SOURCE] == "measured"
    # 4.3 + 11.2 + 6.6 + 6.4 + 1.8 seconds of 苏明远's cues.
    assert stats.loc["苏明远", s.MINUTES] == pytest.approx(30.3 / 60)


def test_the_otter_header_and_footer_are_not_speech(corpus):
    speech = " ".join(turns_of(corpus, OTTER)[s.TEXT])
    for furniture in ("SUMMARY KEYWORDS", "SPEAKERS", "Transcribed by", "otter.ai", "23:47"):
        assert furniture not in speech
    # Two blocks in a row by Maya Chen (02:46, 03:30) are one turn.
    assert turns_of(corpus, OTTER)[s.TEXT].iloc[7].count("\n") == 1


def test_clipped_footnote_markers_are_dropped_and_the_only_copy_of_a_quote_stays_speech(corpus):
    turns = turns_of(corpus, CLIPPED)
    assert "[^" not in "".join(turns[s.TEXT])
    assert turns[s.TEXT].iloc[1].endswith("房子应该让人慢下来，让人愿意在里面坐一个下午。")
    assert turns[s.TEXT].iloc[7] == (
        "是山村图书馆。我们没有装空调，整个夏天都靠穿堂风，孩子们说那是全村最凉快的地方。"
    )


def test_the_panel_reads_short_forms_as_the_full_name_and_drops_the_end_marker(corpus):
    turns = turns_of(corpus, PANEL)
    assert "全文完" not in "".join(turns[s.TEXT])
    report = next(r for r in corpus.reports if r.file_name == PANEL + ".md")
    assert "the labels '卡特', '卡特博士' are read as 艾琳·卡特" in report.unsure


def test_unlabelled_interviews_are_read_so_and_the_report_says_it(corpus):
    for article_id, suffix in ((WORD, ".docx"), (NEWSPAPER, ".txt")):
        report = next(r for r in corpus.reports if r.file_name == article_id + suffix)
        assert report.layout == "unlabelled_qa"
        assert any(
            "read as an interview whose questions are set off by type" in note
            for note in report.unsure
        )
    word = turns_of(corpus, WORD)
    # A question in two bold runs is one question; a question ending in 。 is a question too.
    assert word[s.TEXT].iloc[4] == "很多人觉得冰川离生活很远。真的是这样吗？"
    assert word[s.TEXT].iloc[8] == "最后，想对年轻的研究者说些什么。"
    # Bold emphasis inside an answer is no question.
    assert word[s.TEXT].iloc[7].endswith("我们每次上山都要先演练一遍救援。")


def test_the_file_of_an_unsupported_kind_is_listed_not_skipped(corpus):
    files = corpus.files.set_index(s.FILE_NAME)
    assert files.loc["采访提纲.pdf", s.STATUS] == "unsupported"
    assert "'.pdf'" in files.loc["采访提纲.pdf", s.REASON]
    assert set(files[s.STATUS]) == {"read", "unsupported"}
    assert len(files) == len(list(ARTICLES.iterdir()))
    report = reading_report("采访提纲.pdf", (ARTICLES / "采访提纲.pdf").read_bytes())
    assert report.status == "unsupported" and "'.pdf'" in report.error


def test_reports_from_the_same_parse_are_the_reports_read_alone(corpus):
    for name in ("meeting_minutes_export.txt", "2025-06-12_platform_sync.vtt"):
        alone = reading_report(name, (ARTICLES / name).read_bytes())
        together = next(r for r in corpus.reports if r.file_name == name)
        assert together.summary == alone.summary
        assert together.unsure == alone.unsure
        pd.testing.assert_frame_equal(together.speakers, alone.speakers)


def test_the_report_summaries(corpus):
    summary = {r.file_name: r.summary for r in corpus.reports}
    assert summary["meeting_minutes_export.txt"] == (
        "read as speaker labels: 14 turns by 4 speakers (陈思远 (host) 6, 周晓婷 (guest) 3, "
        "林浩 (guest) 3, 说话人 4 (guest) 2); not speech: summary 3, action_items 3, chapters 5, "
        "keywords 1; 4 unsure"
    )
    assert summary["采访提纲.pdf"].startswith("unsupported: unsupported kind of file ('.pdf')")
