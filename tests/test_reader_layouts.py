"""The layouts of issue 19 on small inline transcripts whose right answer is stated by hand:
unlabelled Q&A, meeting exports, caption files and their breakage, front matter, end markers,
names and roles, dates from every header kind, and every file listed with its status."""

from __future__ import annotations

import codecs
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import schema as s
from analysis.ingest.reader import read_corpus
from analysis.ingest.reading_report import reading_report

ROOT = Path(__file__).resolve().parent.parent


def read(text: str, name: str = "a.md"):
    return read_corpus([(name, text.encode("utf-8"))])


def said(corpus) -> list[tuple[str, str]]:
    return list(zip(corpus.turns[s.SPEAKER], corpus.turns[s.TEXT], strict=True))


def roles(corpus) -> dict[str, str]:
    return dict(zip(corpus.turns[s.SPEAKER], corpus.turns[s.ROLE], strict=True))


def messages(corpus) -> str:
    return " | ".join(corpus.problems[s.MESSAGE])


# ---------------------------------------------------------------- unlabelled Q&A

INTRO = "# 对话｜张三：做一件慢事\n\n文｜王芳\n\n我们在上海见到了张三。\n\n"


@pytest.mark.parametrize(
    "q1, q2, q3",
    [
        ("**你为什么做这件事？**", "**难在哪里？**", "**下一步呢？**"),
        ("问：你为什么做这件事？", "问：难在哪里？", "问：下一步呢？"),
        ("Q：你为什么做这件事？", "Q：难在哪里？", "Q：下一步呢？"),
        ("**问：**你为什么做这件事？", "**问：**难在哪里？", "**问：**下一步呢？"),
        ("——你为什么做这件事？", "——难在哪里？", "——下一步呢？"),
    ],
)
def test_questions_set_off_by_type_and_unlabelled_answers(q1, q2, q3):
    body = f"{q1}\n\n因为喜欢。\n\n也因为没人做。\n\n{q2}\n\n难在时间。\n\n{q3}\n\n继续做。\n"
    corpus = read(INTRO + body)
    # The byline names the reporter, the title the one person interviewed.
    assert said(corpus) == [
        ("王芳", "你为什么做这件事？"),
        ("张三", "因为喜欢。\n也因为没人做。"),
        ("王芳", "难在哪里？"),
        ("张三", "难在时间。"),
        ("王芳", "下一步呢？"),
        ("张三", "继续做。"),
    ]
    assert roles(corpus) == {"王芳": "host", "张三": "guest"}
    assert "read as an interview whose questions are set off by type" in messages(corpus)


def test_bold_questions_before_answers_labelled_da():
    body = "**为什么？**\n\n答：因为。\n\n也因为没人做。\n\n**然后呢？**\n\n答：然后。\n\n**最后呢？**\n\n答：最后。\n"
    corpus = read("# 一次访谈\n\n我们采访了张三。\n\n" + body)
    assert said(corpus)[:2] == [("记者", "为什么？"), ("张三", "因为。\n也因为没人做。")]
    assert list(corpus.turns[s.SPEAKER]) == ["记者", "张三"] * 3


def test_without_a_byline_or_a_named_guest_the_people_are_generic():
    body = "**为什么？**\n\n因为。\n\n**然后呢？**\n\n然后。\n\n**最后呢？**\n\n最后。\n"
    corpus = read("# 一次访谈\n\n" + body)
    assert list(corpus.turns[s.SPEAKER]) == ["记者", "受访者"] * 3
    assert roles(corpus) == {"记者": "host", "受访者": "guest"}


def test_an_outlet_byline_without_a_name_is_the_questioner():
    body = "**为什么？**\n\n因为。\n\n**然后呢？**\n\n然后。\n\n**最后呢？**\n\n最后。\n"
    corpus = read("# 一次访谈\n\n本刊记者\n\n" + body)
    assert list(corpus.turns[s.SPEAKER])[:2] == ["本刊记者", "受访者"]


@pytest.mark.parametrize(
    "body",
    [
        # An essay with bold subheadings: they don't ask.
        "**一个开始**\n\n很久以前。\n\n**一个转折**\n\n后来。\n\n**一个结尾**\n\n最后。\n",
        # Numbered section headings in bold, even ending in a question mark.
        "**一、为什么？**\n\n因为。\n\n**二、怎么办？**\n\n这样办。\n\n**三、然后呢？**\n\n然后。\n",
        # Two bold questions are too few to call it an interview.
        "**为什么？**\n\n因为。\n\n**然后呢？**\n\n然后。\n",
        # Bold lines in a row, with nothing plain between them.
        "**为什么？**\n\n**怎么办？**\n\n**然后呢？**\n\n**还有呢？**\n\n最后一段。\n",
    ],
)
def test_articles_without_the_layout_are_not_read_as_interviews(body):
    corpus = read("# 一篇文章\n\n" + body)
    assert corpus.turns.empty
    assert "no speaker labels were found" in messages(corpus)


def test_labelled_articles_never_become_unlabelled_interviews():
    body = (
        "**主持人：** 为什么？\n\n**张三：** 因为。\n\n**主持人：** 然后呢？\n\n**张三：** 然后。\n"
    )
    body += "\n**还有一个问题？**\n\n这是张三接着说的。\n"
    corpus = read("# 访谈\n\n" + body)
    assert list(corpus.turns[s.SPEAKER]) == ["主持人", "张三", "主持人", "张三"]
    assert "read as an interview whose questions are set off by type" not in messages(corpus)


# ---------------------------------------------------------------- meeting exports

MEETING_HEAD = "会议主题：周会\n会议时间：2025-06-12 10:00\n参会人：张三、李四\n\n文字记录\n\n"


@pytest.mark.parametrize(
    "a, b",
    [
        ("张三 | 00:00:05", "李四 | 00:00:20"),
        ("张三｜00:05", "李四｜00:20"),
        ("张三 00:00:05", "李四 00:00:20"),
        ("00:00:05 张三", "00:00:20 李四"),
        ("[00:00:05] 张三", "[00:00:20] 李四"),
        ("张三(00:00:05)：", "李四(00:00:20)："),
        ("[张三] 00:00:05", "[李四] 00:00:20"),
        ("张三 2025-06-12 00:00:05", "李四 2025-06-12 00:00:20"),
    ],
)
def test_meeting_labels_in_the_forms_the_tools_write(a, b):
    body = f"{a}\n开始吧，进度怎么样？\n\n{b}\n按计划。\n\n{a.replace('05', '40')}\n好。\n"
    corpus = read(MEETING_HEAD + body, "meeting.txt")
    assert said(corpus) == [
        ("张三", "开始吧，进度怎么样？"),
        ("李四", "按计划。"),
        ("张三", "好。"),
    ]
    assert list(corpus.turns[s.START_SECONDS]) == [5, 20, 40]
    row = corpus.articles.iloc[0]
    assert (row[s.TITLE], row[s.PARTICIPANTS]) == ("周会", "张三、李四")
    assert row[s.PUBLISHED] == pd.Timestamp("2025-06-12 10:00")


@pytest.mark.parametrize("tag", ["说话人 1", "说话人1", "发言人1", "Speaker 1"])
def test_an_unidentified_speaker_stays_a_speaker_of_their_own(tag):
    body = f"张三 00:00:05\n进度怎么样？\n\n{tag} 00:00:20\n按计划。\n\n张三 00:00:40\n好。\n"
    corpus = read(MEETING_HEAD + body, "meeting.txt")
    assert list(corpus.turns[s.SPEAKER]) == ["张三", tag, "张三"]


@pytest.mark.parametrize(
    "mapping, label",
    [
        ("说话人1：李四\n\n", "说话人1 00:00:20"),
        ("", "说话人1（李四） 00:00:20"),
        ("参会人：张三、李四（说话人1）\n", "说话人1 00:00:20"),
    ],
)
def test_a_tag_merges_with_a_person_only_when_the_export_maps_the_two(mapping, label):
    head = "会议主题：周会\n" + (mapping if mapping.startswith("参会人") else "\n" + mapping)
    body = f"张三 00:00:05\n进度怎么样？\n\n{label}\n按计划。\n\n张三 00:00:40\n好。\n\n李四 00:00:50\n再见。\n"
    corpus = read(head + "\n" + body, "meeting.txt")
    assert list(corpus.turns[s.SPEAKER]) == ["张三", "李四", "张三", "李四"]


def test_ai_summary_sections_are_not_speech_and_their_kinds_are_kept():
    text = (
        "周会\n2025年6月12日 下午 2:03|47分钟 13秒\n\n关键词：进度、风险\n\n"
        "## 智能纪要\n本周进度正常。\n\n## 待办\n- 张三：周五前交付\n\n## 章节速览\n00:00 开场\n"
        "\n## Action items\n- Li: ship it\n\n## 文字记录\n\n张三 00:00:05\n开始吧？\n\n李四 00:00:20\n好。\n"
        "\n张三 00:00:30\n那就这样。\n\n李四 00:00:35\n好的。\n"
    )
    corpus = read(text, "meeting.txt")
    editorial = list(zip(corpus.editorial[s.KIND], corpus.editorial[s.TEXT], strict=True))
    assert editorial == [
        ("keywords", "进度、风险"),
        ("summary", "本周进度正常。"),
        ("action_items", "张三：周五前交付"),
        ("chapters", "00:00 开场"),
        ("action_items", "Li: ship it"),
        ("intro", "文字记录"),
    ]
    assert said(corpus)[:2] == [("张三", "开始吧？"), ("李四", "好。")]
    row = corpus.articles.iloc[0]
    assert row[s.TITLE] == "周会" and row[s.PUBLISHED] == pd.Timestamp("2025-06-12 14:03")
    assert row[s.RECORDING_SECONDS] == 47 * 60 + 13


def test_summaries_holding_labels_before_a_stamped_record_hold_no_turns():
    text = (
        "XX访谈\n日期：2025-06-12\n时长：00:47:13\n\n全文摘要\n本次访谈讨论了AI。\n\n"
        "要点回顾\n问：AI会取代人吗？\n答：不会。\n\n发言总结\n发言人1：提问。\n发言人2：回答。\n\n"
        "发言人1  00:00\n你好，AI会取代人吗？\n\n发言人2  00:12\n不会。\n\n"
        "发言人1  00:30\n为什么？\n\n发言人2  00:35\n因为人会用AI。\n"
    )
    corpus = read(text, "tingwu.txt")
    assert list(corpus.turns[s.SPEAKER]) == ["发言人1", "发言人2"] * 2
    assert list(corpus.editorial[s.KIND]) == ["summary"] * 5
    assert corpus.articles.iloc[0][s.RECORDING_SECONDS] == 2833


# ---------------------------------------------------------------- caption files

VTT = (
    "WEBVTT - 产品周会\n\nNOTE 由会议软件导出\n\n1\n00:00:01.000 --> 00:00:04.000 align:start\n"
    "<v 张三>大家好，<b>开始</b>吧？</v>\n\n2\n00:00:04.000 --> 00:00:06.500\n<v 张三>先说进度。\n\n"
    "3\n00:00:07.000 --> 00:00:09.000\n<v.loud 李四>进度正常。\n"
)


def test_a_vtt_file_reads_header_notes_voices_and_times():
    corpus = read(VTT, "meeting.vtt")
    assert said(corpus) == [("张三", "大家好，开始吧？先说进度。"), ("李四", "进度正常。")]
    assert list(corpus.turns[s.START_SECONDS]) == [1.0, 7.0]
    assert list(corpus.turns[s.DURATION_SECONDS]) == [5.5, 2.0]
    assert corpus.articles.iloc[0][s.TITLE] == "产品周会"
    assert list(corpus.editorial[s.TEXT]) == ["由会议软件导出"]


@pytest.mark.parametrize(
    "cue_text, speaker",
    [("张三：你好。", "张三"), ("[张三] 你好。", "张三"), ("Zhang San: 你好。", "Zhang San")],
)
def test_srt_name_prefixes(cue_text, speaker):
    other = cue_text.replace("张三", "李四").replace("Zhang San", "Li Si").replace("你好", "好")
    cues = [cue_text, other, cue_text.replace("你好", "再见"), other.replace("好", "再见")]
    text = "".join(
        f"{n}\n00:00:{2 * n:02d},000 --> 00:00:{2 * n + 1:02d},500\n{cue}\n\n"
        for n, cue in enumerate(cues, 1)
    )
    corpus = read(text, "clip.srt")
    assert list(corpus.turns[s.SPEAKER])[0] == speaker
    assert len(corpus.turns) == 4 and corpus.turns[s.TEXT].iloc[0] == "你好。"


def test_a_prefix_that_names_no_one_is_speech_and_sounds_are_not():
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\n[Music]\n\n"
        "2\n00:00:02,000 --> 00:00:05,000\nNote: this is what I said.\n\n"
        "3\n00:00:05,000 --> 00:00:07,000\nAnd then (laughs) I left.\n"
    )
    corpus = read(text, "talk.srt")
    assert said(corpus) == [("未知说话人", "Note: this is what I said. And then I left.")]
    assert "no speaker is named in it" in messages(corpus)
    report = reading_report("talk.srt", text.encode())
    assert sorted(report.non_speech[s.TEXT]) == ["(laughs)", "[Music]"]


def test_a_broken_caption_file_reads_what_is_readable_and_notes_the_rest():
    text = (
        "WEBVTT\r\n\r\n1\r\n00:00:01.000 --> 00:00:03.000\r\n<v 张三>第一句。\r\n\r\n"
        "2\r\n00:00:04.000 00:00:05.000\r\n<v 李四>没有箭头。\r\n\r\n"
        "3\r\n00:00:09.000 --> 00:00:08.000\r\n<v 张三>结束在开始之前。\r\n\r\n"
        "4\r\n00:00:02.000 --> 00:00:03.000\r\n<v 李四>往回走了。\r\n\r\n"
        "5\r\n00:0x:10.000 --> 00:00:11.000\r\n<v 张三>看不懂的时间。\r\n\r\n"
        "一行没有时间的字\r\n"
    )
    corpus = read_corpus([("broken.vtt", codecs.BOM_UTF8 + text.encode())])
    assert said(corpus) == [
        ("张三", "第一句。"),
        ("李四", "没有箭头。"),
        ("张三", "结束在开始之前。"),
        ("李四", "往回走了。"),
        ("张三", "看不懂的时间。一行没有时间的字"),
    ]
    notes = messages(corpus)
    for words in (
        "has no arrow",
        "ends before it starts",
        "starts before the cue above",
        "can't be read",
        "no timing line",
    ):
        assert words in notes
    assert pd.isna(corpus.turns[s.DURATION_SECONDS].iloc[2])


def test_rolling_captions_are_read_once():
    text = (
        "WEBVTT\nKind: captions\nLanguage: en\n\n"
        "00:00:00.320 --> 00:00:02.790 align:start position:0%\n \n"
        "hello<00:00:00.560><c> everyone</c><00:00:01.120><c> and</c><c> welcome</c>\n\n"
        "00:00:02.790 --> 00:00:02.800 align:start position:0%\nhello everyone and welcome\n \n\n"
        "00:00:02.800 --> 00:00:05.190 align:start position:0%\nhello everyone and welcome\n"
        "to<00:00:03.040><c> the</c><00:00:03.200><c> show</c>\n\n"
        "00:00:05.190 --> 00:00:05.200 align:start position:0%\nto the show\n \n"
    )
    corpus = read(text, "youtube.vtt")
    assert said(corpus) == [("未知说话人", "hello everyone and welcome to the show")]
    assert list(corpus.turns[s.DURATION_SECONDS]) == pytest.approx([4.87])


def test_a_caption_file_without_a_single_cue_is_no_speech():
    corpus = read("WEBVTT\n\nNOTE nothing here\n", "empty.vtt")
    files = corpus.files
    assert list(files[s.STATUS]) == ["no_speech"]
    assert "none of its cues has any text" in files[s.REASON].iloc[0]


# ---------------------------------------------------------------- English transcripts


@pytest.mark.parametrize(
    "header, title, published",
    [
        ("Weekly sync\nThu, Jun 12, 2025 10:02AM • 47:13\n", "Weekly sync", "2025-06-12 10:02"),
        ("Weekly sync\nJune 12, 2025\n", "Weekly sync", "2025-06-12"),
        ("Weekly sync\nJun 12, 2025 · Duration: 47m\n", "Weekly sync", "2025-06-12"),
        ("# Weekly sync\n\nDate: 12 June 2025\n", "Weekly sync", "2025-06-12"),
        ("Weekly sync\n日期：2025年6月12日\n", "Weekly sync", "2025-06-12"),
    ],
)
def test_english_headers_are_metadata(header, title, published):
    body = (
        "\nAnna Lee  00:05\nHow was it?\n\nBen Ray  00:09\nGood.\n\nAnna Lee  00:12\nWhy?\n\n"
        "Ben Ray  00:14\nThe weather.\n\nTranscribed by https://otter.ai\n"
    )
    corpus = read(header + body, "sync.txt")
    assert said(corpus) == [
        ("Anna Lee", "How was it?"),
        ("Ben Ray", "Good."),
        ("Anna Lee", "Why?"),
        ("Ben Ray", "The weather."),
    ]
    row = corpus.articles.iloc[0]
    assert (row[s.TITLE], row[s.PUBLISHED]) == (title, pd.Timestamp(published))


@pytest.mark.parametrize("footer", ["Transcribed by https://otter.ai", "Powered by Descript"])
def test_tool_footers_are_not_speech(footer):
    body = "Anna Lee  00:05\nHow was it?\n\nBen Ray  00:09\nGood.\n\nAnna Lee  00:12\nThanks.\n\n"
    corpus = read(f"{body}Ben Ray  00:14\nBye.\n\n{footer}\n", "x.txt")
    assert said(corpus)[-1] == ("Ben Ray", "Bye.")


def test_english_terms_are_folded_without_stopwords_or_punctuation():
    from analysis.store.store import Store

    name = "otter_founders_interview.txt"
    store = Store.from_sources([(name, (ROOT / "tests" / "articles" / name).read_bytes())], [])
    terms = store.term_counts(by=(s.SPEAKER,))
    counts = {
        (who, term): n
        for who, term, n in terms[[s.SPEAKER, s.TERM, s.COUNT]].itertuples(index=False)
    }
    # Counted by hand in the transcript: "database" 3 times by Maya Chen, once by Tom Becker;
    # "People"/"people" 3 times by Maya Chen, one term.
    assert counts[("Maya Chen", "database")] == 3 and counts[("Tom Becker", "database")] == 1
    assert counts[("Maya Chen", "people")] == 3
    words = set(terms[s.TERM])
    assert not words & {"the", "and", "we", "you", "i'm", "that's", "it"}
    assert all(word == word.casefold() and any(ch.isalnum() for ch in word) for word in words)


# ---------------------------------------------------------------- front matter

CLIPPED_BODY = "**甲：** 为什么？\n\n**乙：** 因为。\n\n**甲：** 然后呢？\n\n**乙：** 然后。\n"


def test_front_matter_is_the_metadata():
    front = (
        '---\ntitle: 一次对话\nauthor:\n  - "[[王芳]]"\nsource: https://example.cn/a\n'
        "date: 2025-06-12\ntags: [clippings]\n---\n\n"
    )
    corpus = read(front + CLIPPED_BODY)
    row = corpus.articles.iloc[0]
    assert (row[s.TITLE], row[s.ACCOUNT], row[s.URL]) == (
        "一次对话",
        "王芳",
        "https://example.cn/a",
    )
    assert row[s.PUBLISHED] == pd.Timestamp("2025-06-12")
    assert len(corpus.turns) == 4 and "title" not in " ".join(corpus.editorial[s.TEXT])


@pytest.mark.parametrize(
    "front",
    [
        "---\ntitle: [unclosed\ndate: 2025-06-12\n---\n",
        "---\ntitle: !!python/object/apply:os.system ['echo hacked']\n---\n",
        "---\n- a list\n- not a mapping\n---\n",
    ],
)
def test_front_matter_that_cant_be_used_falls_back_with_a_note(front):
    corpus = read(front + "\n# 备用标题\n\n" + CLIPPED_BODY)
    assert corpus.articles.iloc[0][s.TITLE] == "备用标题"
    assert "its front matter is not" in messages(corpus)
    assert len(corpus.turns) == 4


def test_an_alias_bomb_in_front_matter_is_never_expanded():
    bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, 9):
        bomb.append(f"{chr(97 + n)}: &{chr(97 + n)} [{','.join([f'*{chr(96 + n)}'] * 9)}]")
    bomb.append("title: *i")
    corpus = read("---\n" + "\n".join(bomb) + "\n---\n\n# 标题\n\n" + CLIPPED_BODY)
    assert corpus.articles.iloc[0][s.TITLE] == "标题"
    assert len(corpus.turns) == 4


# ---------------------------------------------------------------- end markers


@pytest.mark.parametrize(
    "ending",
    ["（全文完）", "（完）", "【完】", "END", "本文完", "— END —", "谢谢大家。（全文完）"],
)
def test_end_markers_are_not_speech(ending):
    last = (
        "**主持人：** 谢谢大家。\n\n"
        if not ending.startswith("谢谢")
        else f"**主持人：** {ending}\n\n"
    )
    body = "**主持人：** 为什么？\n\n**张三：** 因为。\n\n" + last
    if not ending.startswith("谢谢"):
        body += ending + "\n\n推荐阅读：另一篇\n"
    corpus = read("# 访谈\n\n" + body)
    assert said(corpus)[-1] == ("主持人", "谢谢大家。")
    assert "完" not in "".join(corpus.turns[s.TEXT]) and "END" not in "".join(corpus.turns[s.TEXT])


def test_a_line_of_speech_ending_in_wan_is_speech():
    corpus = read(
        "# 访谈\n\n**主持人：** 好吗？\n\n**张三：** 好。\n\n**主持人：** 讲完了吗？\n\n**张三：** 完。\n"
    )
    assert said(corpus)[-1] == ("张三", "完。")


# ---------------------------------------------------------------- names and roles


@pytest.mark.parametrize(
    "full, short",
    [
        ("凯特·莫里森", "莫里森"),
        ("凯特·莫里森", "莫里森博士"),
        ("凯特·莫里森", "凯特"),
        ("凯特・莫里森", "莫里森"),
        ("凯特•莫里森", "莫里森教授"),
    ],
)
def test_a_transliterated_name_and_its_short_forms_are_one_person(full, short):
    body = (
        f"**主持人：** 欢迎。您怎么看？\n\n**{full}：** 很好。\n\n**主持人：** 为什么？\n\n"
        f"**{short}：** 因为数据。\n\n**主持人：** 谢谢。\n"
    )
    corpus = read("# 对话\n\n" + body)
    assert list(corpus.turns[s.SPEAKER]) == ["主持人", full] * 2 + ["主持人"]


def test_a_latin_surname_alone_is_the_full_name():
    body = "**Host:** Why?\n\n**Kate Morrison:** Data.\n\n**Host:** And then?\n\n**Morrison:** More data.\n"
    corpus = read("# Talk\n\n" + body)
    assert list(corpus.turns[s.SPEAKER]) == ["主持人", "Kate Morrison"] * 2


@pytest.mark.parametrize(
    "title, intro, answerer",
    [
        ("对话｜张三：慢慢来", "", "张三"),
        ("一次访谈", "本期我们邀请到知名经济学家张三。", "张三"),
        ("一次访谈", "张三日前接受了本报记者的专访。", "张三"),
        ("一次访谈", "近日，记者专访了清华大学教授张三。", "张三"),
        ("An interview", "We spoke with Jane Doe about her work.", "Jane Doe"),
    ],
)
def test_wen_da_resolve_to_the_one_person_the_article_names(title, intro, answerer):
    body = (
        "问：为什么？\n\n答：因为。\n\n问：然后呢？\n\n答：然后。\n\n问：最后呢？\n\n答：最后。\n"
    )
    corpus = read(f"# {title}\n\n{intro}\n\n{body}")
    assert list(corpus.turns[s.SPEAKER]) == ["问", answerer] * 3
    assert roles(corpus)[answerer] == "guest"


def test_wen_takes_the_name_of_the_bylines_reporter():
    body = "问：为什么？\n\n答：因为。\n\n问：然后呢？\n\n答：然后。\n"
    corpus = read(f"# 一次访谈\n\n记者 王芳\n\n我们采访了张三。\n\n{body}")
    assert list(corpus.turns[s.SPEAKER]) == ["王芳", "张三"] * 2


def test_a_panelist_who_only_answers_is_a_guest_however_much_they_talk():
    long_answer = "为什么这么说？" + "因为城市需要时间。" * 30
    body = (
        f"**赵一：** 各位好。先请钱二谈谈？\n\n**钱二：** {long_answer}\n\n"
        f"**孙三：** 我补充一点：难道只是钱的问题吗？不是。\n\n**钱二：** {long_answer}\n\n"
        "**赵一：** 最后一个问题，您有什么建议？\n\n**钱二：** 多走路。你们说呢？\n\n"
        "**孙三：** 同意。\n\n**赵一：** 谢谢。\n"
    )
    corpus = read("# 圆桌\n\n" + body)
    assert roles(corpus) == {"赵一": "host", "钱二": "guest", "孙三": "guest"}


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "text, name, published",
    [
        ("# 标题\n\n日期：2025年6月12日\n\n", "a.md", "2025-06-12"),
        ("标题\nThu, Jun 12, 2025\n\n", "a.md", "2025-06-12"),
        ("会议主题：周会\n会议时间：2025/6/12 下午3:30\n\n", "a.txt", "2025-06-12 15:30"),
        ("---\npublished: 2025-06-12T08:30:00+08:00\n---\n\n", "a.md", "2025-06-12 08:30"),
        ("# 标题\n\n", "2025-06-12_周会.md", "2025-06-12"),
        ("# 标题\n\n", "20250612周会.md", "2025-06-12"),
        ("产品周会 2025-06-12\n\n", "a.txt", "2025-06-12"),
    ],
)
def test_dates_from_every_header_kind(text, name, published):
    corpus = read(text + "**主持人：** 好吗？\n\n**张三：** 好。\n", name)
    assert corpus.articles.iloc[0][s.PUBLISHED] == pd.Timestamp(published)


# ---------------------------------------------------------------- no file skipped in silence

TALK = "**主持人：** 好吗？\n\n**张三：** 好。\n\n**主持人：** 真的吗？\n\n**张三：** 真的。\n"


def test_every_file_of_a_folder_is_listed_with_its_status(tmp_path):
    (tmp_path / "talk.md").write_text(TALK, encoding="utf-8")
    (tmp_path / "essay.md").write_text("# 随笔\n\n没有对话。\n", encoding="utf-8")
    (tmp_path / "slides.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (tmp_path / "empty.srt").write_bytes(b"")
    (tmp_path / "notes").mkdir()
    files = read_corpus(tmp_path).files.set_index(s.FILE_NAME)
    assert files[s.STATUS].to_dict() == {
        "empty.srt": "unreadable",
        "essay.md": "no_speech",
        "notes": "unsupported",
        "photo.txt": "unreadable",
        "slides.pdf": "unsupported",
        "talk.md": "read",
    }
    assert files.loc["talk.md", s.N_TURNS] == 4 and files.loc["talk.md", s.REASON] == ""
    assert "no speaker labels were found" in files.loc["essay.md", s.REASON]
    assert "PNG image" in files.loc["photo.txt", s.REASON]
    assert "it is a folder" in files.loc["notes", s.REASON]


def test_uploads_of_an_unsupported_kind_are_listed_too():
    corpus = read_corpus([("deck.pptx", b"PK\x03\x04"), ("a.md", TALK.encode())])
    files = corpus.files.set_index(s.FILE_NAME)
    assert files.loc["deck.pptx", s.STATUS] == "unsupported"
    assert files.loc["a.md", s.STATUS] == "read"


def test_reports_come_from_the_same_parse_as_the_tables():
    sources = [("a.md", TALK.encode()), ("b.pdf", b"%PDF")]
    corpus = read_corpus(sources, reports=True)
    assert [r.status for r in corpus.reports] == ["read", "unsupported"]
    assert list(corpus.reports[0].speakers[s.SPEAKER]) == ["主持人", "张三"]
    from analysis.store.build import read_tables

    tables = read_tables(sources, [], reports=True)
    assert [r.summary for r in tables.reports] == [r.summary for r in corpus.reports]
    assert read_tables(sources, []).reports == ()


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_export_build_and_inspect_say_what_became_of_every_file(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "talk.md").write_text(TALK, encoding="utf-8")
    (corpus / "slides.pdf").write_bytes(b"%PDF-1.4\n")
    done = run_cli("build", str(corpus), "--store", str(tmp_path / "store"))
    assert done.returncode == 0, done.stderr
    assert "2 files: 1 read, 0 with no speech found, 1 of an unsupported kind" in done.stderr
    assert "slides.pdf: skipped: unsupported kind of file ('.pdf')" in done.stderr
    done = run_cli(
        "export", str(corpus), "--out", str(tmp_path / "out"), "--store", str(tmp_path / "store")
    )
    assert done.returncode == 0, done.stderr
    files = pd.read_csv(tmp_path / "out" / "files.csv", encoding="utf-8-sig")
    assert files[[s.FILE_NAME, s.STATUS]].values.tolist() == [
        ["slides.pdf", "unsupported"],
        ["talk.md", "read"],
    ]
    done = run_cli("inspect", str(corpus / "slides.pdf"))
    assert "not read (unsupported): unsupported kind of file ('.pdf')" in done.stdout
