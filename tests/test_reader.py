"""The reader on small transcripts whose right answer is stated by hand."""

import codecs

import pandas as pd
import pytest

from analysis import schema as s
from analysis.ingest.reader import read_corpus

HEADER = "# 标题\n\n文章作者: 测试号\n发布时间: 2024-10-01 08:00\n发布地: 北京\n原文链接: http://x.y/z\n\n"


def read(body: str, header: str = HEADER, name: str = "a.txt"):
    return read_corpus([(name, (header + body).encode("utf-8"))])


def speakers_of(corpus):
    return list(zip(corpus.turns[s.SPEAKER], corpus.turns[s.TEXT], strict=True))


@pytest.mark.parametrize(
    "host_label, guest_label",
    [
        ("**主持人：** 你好？", "**Sam Altman：** 你好。"),
        ("**主持人:** 你好？", "**Sam Altman:** 你好。"),
        ("**主持人** 你好？", "**Sam Altman：** 你好。"),
        ("**主持人：**\n你好？", "**Sam Altman：\n**你好。"),
        ("**主持人：** 你好？", "******Sam Altman:**\n你好。"),
        ("**主持人：** 你好？", "****Sam Altman:**** 你好。"),
        ("**主持人：** 你好？", "****Sam Altman:** ** 你好。"),
        ("**主持人：** 你好？", "**嘉宾Sam Altman: **你好。"),
        ("**主持人**\n\n你好？", "**萨姆·奥特曼：**\n\n你好。"),
        ("**主持人**：你好？", "**Sam Altman**：你好。"),
        ("主持人：你好？", "Sam Altman：你好。"),
        ("**主持人（00:01:23）：** 你好？", "**Sam Altman 00:01:40：** 你好。"),
        ("**主持人**（Host）：你好？", "**Sam Altman**（OpenAI CEO）：你好。"),
        ("**🎙️ 主持人：** 你好？", "**▍Sam Altman：** 你好。"),
        ("【主持人】你好？", "【Sam Altman】：你好。"),
    ],
    ids=[
        "full-width colon",
        "half-width colon",
        "no colon",
        "speech on next line",
        "six stars",
        "four stars both sides",
        "stray closing stars",
        "prefix and space",
        "label alone then blank line",
        "colon after bold",
        "plain text labels",
        "time stamps",
        "note after the bold name",
        "symbols before the name",
        "lenticular brackets",
    ],
)
def test_label_forms(host_label, guest_label):
    corpus = read(f"{host_label}\n\n{guest_label}\n")
    assert speakers_of(corpus) == [("主持人", "你好？"), ("Sam Altman", "你好。")]
    assert list(corpus.turns[s.ROLE]) == ["host", "guest"]


def test_paragraph_without_label_continues_the_previous_speaker():
    corpus = read(
        "**主持人：** 问题？\n\n**Sam Altman：** 第一段。\n\n第二段。\n\n**主持人：** 好。\n"
    )
    assert speakers_of(corpus) == [
        ("主持人", "问题？"),
        ("Sam Altman", "第一段。\n第二段。"),
        ("主持人", "好。"),
    ]


def test_labels_on_consecutive_lines_start_separate_turns():
    corpus = read("**主持人：** 问题？\n**Sam Altman：** 回答。\n")
    assert [t for _, t in speakers_of(corpus)] == ["问题？", "回答。"]


def test_bold_emphasis_inside_speech_is_not_a_label():
    body = "**主持人：** 问？\n\n**Sam Altman：** 开头。\n\n**我认为这很重要：**这是重点。\n\n**重点是：** 结尾。\n"
    corpus = read(body)
    assert list(corpus.turns[s.SPEAKER]) == ["主持人", "Sam Altman"]
    assert corpus.turns[s.TEXT].iloc[1] == "开头。\n我认为这很重要：这是重点。\n重点是： 结尾。"


def test_editor_bold_headlines_before_the_transcript_are_editorial():
    body = (
        "**o1：AI 推理能力的重大突破！** 编辑的话。\n\n**数据安全：** Altman 强调安全。\n\n"
        "**完整文字版：**\n\n**主持人：** 问？\n\n**Sam Altman：** 答。\n"
    )
    corpus = read(body)
    assert speakers_of(corpus) == [("主持人", "问？"), ("Sam Altman", "答。")]
    assert corpus.editorial[s.TEXT].tolist()[:2] == [
        "o1：AI 推理能力的重大突破！ 编辑的话。",
        "数据安全： Altman 强调安全。",
    ]


def test_a_bracketed_editor_heading_is_not_a_label():
    corpus = read("【导读】本文讲开源。\n\n**主持人：** 问？\n\n**Sam Altman：** 答。\n")
    assert speakers_of(corpus) == [("主持人", "问？"), ("Sam Altman", "答。")]
    assert corpus.editorial[s.TEXT].tolist() == ["【导读】本文讲开源。"]


def test_a_clock_time_in_speech_stays_speech():
    corpus = read("**主持人：** 几点开始？\n\n**Sam Altman：** 会议在\n10:30\n开始。\n")
    assert corpus.turns[s.TEXT].tolist()[1] == "会议在10:30开始。"


def test_a_quoted_highlight_before_the_transcript_marker_is_editorial():
    body = (
        "本期要点：\n\n**Sam Altman：** 我们会在明年实现智能体。\n\n以下为对话全文（经编辑整理）：\n\n"
        "**主持人：** 问？\n\n**Sam Altman：** 答。\n"
    )
    corpus = read(body)
    assert speakers_of(corpus) == [("主持人", "问？"), ("Sam Altman", "答。")]
    assert "我们会在明年实现智能体。" in " ".join(corpus.editorial[s.TEXT])


def test_host_named_once_with_prefix_names_the_bare_host():
    corpus = read(
        "**主持人Melissa Koide：** 欢迎。\n\n**Sam Altman：** 谢谢。\n\n**主持人** 问？\n"
    )
    assert list(corpus.turns[s.SPEAKER]) == ["Melissa Koide", "Sam Altman", "Melissa Koide"]
    assert set(corpus.turns[s.ROLE]) == {"host", "guest"}


def test_name_with_and_without_prefix_is_one_person():
    corpus = read(
        "**主持人：** 问？\n\n**嘉宾张三：** 答一。\n\n**主持人：** 再问？\n\n**张三：** 答二。\n"
    )
    assert list(corpus.turns[s.SPEAKER]) == ["主持人", "张三", "主持人", "张三"]
    assert list(corpus.turns[s.ROLE]) == ["host", "guest", "host", "guest"]


def test_a_title_before_a_known_name_is_that_person():
    corpus = read(
        "**主持人：** 问？\n\n**OpenAI CEO Sam Altman：** 答。\n\n**主持人：** 再问？\n\n"
        "**OpenAI首席执行官萨姆·奥特曼：** 再答。\n"
    )
    assert list(corpus.turns[s.SPEAKER]) == ["主持人", "Sam Altman", "主持人", "Sam Altman"]


def test_a_title_before_a_name_used_elsewhere_in_the_article_is_that_person():
    corpus = read(
        "**主持人：** 问？\n\n**英伟达CEO黄仁勋：** 答。\n\n**主持人：** 再问？\n\n**黄仁勋：** 再答。\n"
    )
    assert list(corpus.turns[s.SPEAKER]) == ["主持人", "黄仁勋", "主持人", "黄仁勋"]


def test_bold_speech_addressed_to_a_known_person_is_not_a_label():
    corpus = read(
        "**主持人：** 问？\n\n**Sam Altman：** 答。\n\n**我想问Sam Altman：**这是谁的话？\n"
    )
    assert list(corpus.turns[s.SPEAKER]) == ["主持人", "Sam Altman"]


def test_aliases_resolve_to_one_canonical_speaker():
    corpus = read(
        "**凯文·韦尔：** 问？\n\n**萨姆·奥特曼：** 答。\n\n**凯文韦尔：** 好？\n\n**现场提问者：** 我问？\n"
    )
    assert list(corpus.turns[s.SPEAKER]) == ["Kevin Weil", "Sam Altman", "Kevin Weil", "现场提问者"]
    assert list(corpus.turns[s.ROLE]) == ["host", "guest", "host", "audience"]


def test_unconfigured_speakers_get_roles_by_generic_rules():
    body = (
        "**李雷：** 你为什么创业？\n\n**韩梅梅：** 因为我喜欢做产品，这是很长的回答。\n\n"
        "**李雷：** 接下来呢？\n\n**韩梅梅：** 继续做下去。\n\n**观众A：** 我能提问吗？\n"
    )
    corpus = read(body)
    roles = dict(zip(corpus.turns[s.SPEAKER], corpus.turns[s.ROLE], strict=True))
    assert roles == {"李雷": "host", "韩梅梅": "guest", "观众A": "audience"}


def test_sections_come_from_headings_inside_the_transcript():
    body = "## 对话全文\n\n**主持人：** 开场？\n\n## 第一部分\n\n**Sam Altman：** 答。\n"
    corpus = read(body)
    assert list(corpus.turns[s.SECTION]) == ["", "第一部分"]


def test_images_urls_and_markup_are_removed_from_speech():
    body = (
        "**主持人：** 看[这个链接](http://a.b/c)和 https://x.y/z 吧？\n\n"
        "![](https://img.example/1.jpg)\n\n**Sam Altman：** _**好的**_。\n"
    )
    corpus = read(body)
    assert list(corpus.turns[s.TEXT]) == ["看这个链接和 吧？", "好的。"]


def test_picture_captions_are_not_speech():
    body = (
        "**主持人：** 问？\n\n![](https://img.example/1.jpg)\n\n▲ Sam Altman 在现场\n\n"
        "**Sam Altman：** 答。\n\n图片来源：网络\n\n图 2：会场\n\n图片里的人是我。\n"
    )
    corpus = read(body)
    assert speakers_of(corpus) == [("主持人", "问？"), ("Sam Altman", "答。\n图片里的人是我。")]


def test_stage_directions_are_not_speech():
    body = "**主持人：** 你好（笑）？\n\n**Sam Altman：** [掌声] 谢谢 (laughs)。\n\n（笑）\n"
    corpus = read(body)
    assert speakers_of(corpus) == [("主持人", "你好？"), ("Sam Altman", "谢谢。")]


def test_editor_notes_inside_the_transcript_are_not_speech():
    body = (
        "**主持人：** 你怎么看 o1（编者注：OpenAI 的推理模型）？\n\n"
        "编者注：以下回答经过删节。\n\n**Sam Altman：** 很好（注：指推理能力）。\n"
    )
    corpus = read(body)
    assert speakers_of(corpus) == [("主持人", "你怎么看 o1？"), ("Sam Altman", "很好。")]


def test_wrapped_lines_join_with_space_only_between_latin_words():
    corpus = read("**主持人：** 我是Elain\nChaw。我们与T-\nMobile合作，\n继续。\n")
    assert corpus.turns[s.TEXT].iloc[0] == "我是Elain Chaw。我们与T-Mobile合作，继续。"


def test_footer_and_link_list_end_the_transcript():
    body = (
        "**主持人：** 问？\n\n**Sam Altman：** 答。\n\n* * *\n\n原视频链接：https://youtu.be/x\n\n"
        "素材来源官方媒体\n\n**⭐星标本号，好内容不错过**\n\n👇👇\n\n# 往期回顾\n\n[1、[文章](http://a)\n\n"
        "**Sam Altman：** 这是广告区里的假标签。\n"
    )
    corpus = read(body)
    assert speakers_of(corpus) == [("主持人", "问？"), ("Sam Altman", "答。")]


def test_chars_do_not_count_white_space():
    corpus = read("**主持人：** 你好 world\n\n第二段\n")
    assert corpus.turns[s.CHARS].iloc[0] == len("你好world第二段")


def test_a_whole_bold_line_with_a_recurring_name_is_a_question_with_its_label():
    body = (
        "**晚点：你们为什么做医疗？**\n\n**王小川：** 因为医疗最需要智能。\n\n"
        "**晚点：那通用模型呢？**\n\n**王小川：** 还做。\n"
    )
    corpus = read(body)
    assert speakers_of(corpus) == [
        ("晚点", "你们为什么做医疗？"),
        ("王小川", "因为医疗最需要智能。"),
        ("晚点", "那通用模型呢？"),
        ("王小川", "还做。"),
    ]
    assert list(corpus.turns[s.ROLE]) == ["host", "guest", "host", "guest"]


def test_a_bold_quote_of_a_known_speaker_in_the_introduction_is_editorial():
    body = (
        "**Sam Altman：AGI 会比想象中来得早**\n\n这是编辑的导语。\n\n"
        "**主持人：** 问？\n\n**Sam Altman：** 答。\n"
    )
    corpus = read(body)
    assert speakers_of(corpus) == [("主持人", "问？"), ("Sam Altman", "答。")]
    assert corpus.editorial[s.TEXT].tolist() == [
        "Sam Altman：AGI 会比想象中来得早",
        "这是编辑的导语。",
    ]


def test_q_and_a_labels_with_the_question_in_bold():
    corpus = read(
        "**Q：产品是什么？**\n\n**A：** 智能体平台。\n\n**Q：**挑战呢？\n\n**A：**数据。\n"
    )
    assert speakers_of(corpus) == [
        ("Q", "产品是什么？"),
        ("A", "智能体平台。"),
        ("Q", "挑战呢？"),
        ("A", "数据。"),
    ]
    assert list(corpus.turns[s.ROLE]) == ["host", "guest", "host", "guest"]


def test_numbered_q_and_a_are_one_questioner_and_one_answerer():
    corpus = read("**Q1：产品是什么？**\n\n**A1：** 平台。\n\n**Q2：** 挑战？\n\n**A2：** 数据。\n")
    assert list(corpus.turns[s.SPEAKER]) == ["Q", "A", "Q", "A"]
    assert list(corpus.turns[s.ROLE]) == ["host", "guest", "host", "guest"]


def test_numbered_audience_members_are_different_people():
    corpus = read("**观众1：** 你好？\n\n**Sam Altman：** 好。\n\n**观众2：** 再问？\n")
    assert list(corpus.turns[s.SPEAKER]) == ["观众1", "Sam Altman", "观众2"]
    assert list(corpus.turns[s.ROLE]) == ["audience", "guest", "audience"]


def test_a_short_form_announced_in_the_label_is_the_same_person():
    body = (
        "**主持人：** 问？\n\n**黄仁勋（以下简称“黄”）：** 答。\n\n"
        "**主持人：** 再问？\n\n**黄：** 再答。\n"
    )
    corpus = read(body)
    assert list(corpus.turns[s.SPEAKER]) == ["主持人", "黄仁勋", "主持人", "黄仁勋"]
    assert list(corpus.turns[s.TEXT]) == ["问？", "答。", "再问？", "再答。"]


def test_plain_labels_of_a_panel_recurring_twice_join_a_known_plain_label():
    body = (
        "主持人：先谈谈开源？\n\n张三：开源是趋势。\n\n李四：闭源更可控。\n\n"
        "主持人：成本呢？\n\n张三：开源更便宜。\n\n李四：维护不便宜。\n"
    )
    corpus = read(body)
    assert list(corpus.turns[s.SPEAKER]) == ["主持人", "张三", "李四"] * 2
    # Both panelists mostly answer and talk about as much: both are guests.
    assert list(corpus.turns[s.ROLE]) == ["host", "guest", "guest"] * 2


def test_plain_lines_opening_with_比如_第一_or_他说_stay_speech_in_a_plain_article():
    body = (
        "主持人：怎么看？\n\n张三：有三点。\n\n第一：成本。\n\n比如：芯片。\n\n第一：再说一次。\n\n"
        "比如：能源。\n\n比如：电。\n\n他说：好。\n\n他说：走。\n\n主持人：好。\n\n张三：谢谢。\n"
    )
    corpus = read(body)
    assert list(corpus.turns[s.SPEAKER]) == ["主持人", "张三", "主持人", "张三"]
    assert corpus.turns[s.TEXT].iloc[1].startswith("有三点。\n第一：成本。\n比如：芯片。")


def test_a_plain_name_line_twice_is_speech_when_no_plain_label_is_established():
    body = "**主持人：** 问？\n\n**Sam Altman：** 答。\n\n比如：第一点。\n\n比如：第二点。\n"
    corpus = read(body)
    assert list(corpus.turns[s.SPEAKER]) == ["主持人", "Sam Altman"]


def test_a_heading_right_above_the_first_label_is_its_section():
    body = "导语。\n\n## 一、为什么是医疗\n\n**主持人：** 为什么？\n\n## 二、AGI\n\n**Sam Altman：** 答。\n"
    corpus = read(body)
    assert list(corpus.turns[s.SECTION]) == ["一、为什么是医疗", "二、AGI"]
    assert corpus.editorial[s.TEXT].tolist() == ["导语。"]


def test_follow_prompts_after_the_last_turn_are_dropped():
    corpus = read("**主持人：** 问？\n\n**Sam Altman：** 答。\n\n点击关注，获取更多AI资讯！\n")
    assert speakers_of(corpus) == [("主持人", "问？"), ("Sam Altman", "答。")]


def test_articles_table_counts_turns_speakers_and_speech():
    corpus = read("**主持人：** 问？\n\n**Sam Altman：** 答案。\n")
    row = corpus.articles.iloc[0]
    assert (row[s.N_TURNS], row[s.N_SPEAKERS], row[s.SPEECH_CHARS]) == (2, 2, 5)
    assert row[s.ACCOUNT] == "测试号" and row[s.PLACE] == "北京" and row[s.URL] == "http://x.y/z"
    assert str(row[s.PUBLISHED]) == "2024-10-01 08:00:00"


# ---------------------------------------------------------------- bad input

GOOD = ("good.txt", (HEADER + "**主持人：** 问？\n\n**Sam Altman：** 答。\n").encode("utf-8"))
CHINESE = HEADER + "**主持人：** 你好吗？\n\n**Sam Altman：** 我很好，谢谢。\n"


@pytest.mark.parametrize(
    "encoding, data",
    [
        ("gbk", CHINESE.encode("gbk")),
        ("gb18030", CHINESE.encode("gb18030")),
        ("utf-16 with BOM", CHINESE.encode("utf-16")),
        ("utf-16-be with BOM", codecs.BOM_UTF16_BE + CHINESE.encode("utf-16-be")),
        ("utf-8 with BOM", codecs.BOM_UTF8 + CHINESE.encode("utf-8")),
    ],
)
def test_other_encodings_are_decoded(encoding, data):
    corpus = read_corpus([("x.txt", data)])
    assert list(corpus.turns[s.SPEAKER]) == ["主持人", "Sam Altman"]
    assert corpus.turns[s.TEXT].iloc[0] == "你好吗？"
    assert corpus.articles[s.ACCOUNT].iloc[0] == "测试号"


def test_traditional_chinese_in_big5_is_decoded():
    text = "# 標題\n\n文章作者: 測試號\n發布時間: 2024-10-01 08:00\n\n**主持人：** 你們好嗎？\n\n**Sam Altman：** 我很好，謝謝。\n"
    corpus = read_corpus([("big5.txt", text.encode("big5"))])
    assert list(corpus.turns[s.TEXT]) == ["你們好嗎？", "我很好，謝謝。"]
    assert corpus.articles[s.ACCOUNT].iloc[0] == "測試號"
    assert str(corpus.articles[s.PUBLISHED].iloc[0]) == "2024-10-01 08:00:00"


@pytest.mark.parametrize(
    "name, data, words",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\n ", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "PNG image"),
        ("archive.txt", b"PK\x03\x04\x14\x00\x00\x00" + bytes(range(256)) * 4, "zip"),
        ("noise.txt", bytes(range(256)) * 40, "not text"),
    ],
)
def test_unreadable_files_are_skipped_with_a_message_and_the_rest_loads(name, data, words):
    corpus = read_corpus([(name, data), GOOD])
    assert list(corpus.articles[s.FILE_NAME]) == ["good.txt"]
    assert len(corpus.turns) == 2
    problem = corpus.problems[corpus.problems[s.FILE_NAME] == name]
    assert list(problem[s.LEVEL]) == ["error"]
    assert words in problem[s.MESSAGE].iloc[0]


def test_a_plain_essay_is_kept_as_editorial_with_a_note():
    essay = HEADER + "人工智能正在改变世界。\n\n这是一篇没有对话的文章。\n"
    corpus = read_corpus([("essay.txt", essay.encode()), GOOD])
    essay_row = corpus.articles.set_index(s.FILE_NAME).loc["essay.txt"]
    assert essay_row[s.N_TURNS] == 0
    assert len(corpus.editorial[corpus.editorial[s.ARTICLE_ID] == "essay"]) == 2
    note = corpus.problems.set_index(s.FILE_NAME).loc["essay.txt"]
    assert note[s.LEVEL] == "warning" and "no speaker labels" in note[s.MESSAGE]
    assert len(corpus.turns) == 2


def test_a_file_without_header_lines_is_read_with_a_note():
    corpus = read_corpus([("bare.md", "**主持人：** 问？\n\n**Sam Altman：** 答。\n".encode())])
    row = corpus.articles.iloc[0]
    assert row[s.TITLE] == "bare" and row[s.N_TURNS] == 2
    assert row[s.ACCOUNT] == "" and str(row[s.PUBLISHED]) == "NaT"
    messages = " ".join(corpus.problems[s.MESSAGE])
    assert "no '# title' line" in messages and "no header lines" in messages


def test_a_date_that_is_not_a_date_is_reported():
    header = HEADER.replace("2024-10-01 08:00", "昨天下午")
    corpus = read("**主持人：** 问？\n", header=header)
    assert str(corpus.articles[s.PUBLISHED].iloc[0]) == "NaT"
    assert "not a date" in corpus.problems[s.MESSAGE].iloc[0]


def test_nul_bytes_are_removed_with_a_note():
    corpus = read_corpus([("nul.txt", CHINESE.replace("你好", "你\x00好").encode())])
    assert corpus.turns[s.TEXT].iloc[0] == "你好吗？"
    assert "NUL" in corpus.problems[s.MESSAGE].iloc[0]


def test_uploaded_names_lose_their_folders_and_duplicates_get_unique_ids():
    corpus = read_corpus(
        [("../../etc/a.txt", GOOD[1]), ("a.txt", GOOD[1]), ("C:\\x\\b.md", GOOD[1])]
    )
    assert list(corpus.articles[s.FILE_NAME]) == ["a.txt", "a.txt", "b.md"]
    assert list(corpus.articles[s.ARTICLE_ID]) == ["a", "a-2", "b"]


def test_folder_reader_reads_text_files_only(tmp_path):
    (tmp_path / "one.txt").write_bytes(GOOD[1])
    (tmp_path / "two.md").write_bytes(GOOD[1])
    (tmp_path / "picture.png").write_bytes(b"\x89PNG")
    corpus = read_corpus(tmp_path)
    assert list(corpus.articles[s.ARTICLE_ID]) == ["one", "two"]


def test_a_missing_folder_is_a_problem_not_an_exception(tmp_path):
    corpus = read_corpus(tmp_path / "nowhere")
    assert corpus.articles.empty and corpus.turns.empty
    assert "does not exist" in corpus.problems[s.MESSAGE].iloc[0]


def test_a_broken_speakers_file_falls_back_to_the_defaults(tmp_path):
    bad = tmp_path / "speakers.toml"
    bad.write_text('[[person]]\nname = "X"\nrole = "boss"\n', encoding="utf-8")
    corpus = read_corpus([GOOD], speakers=bad)
    assert list(corpus.turns[s.SPEAKER]) == ["主持人", "Sam Altman"]
    message = corpus.problems[s.MESSAGE].iloc[0]
    assert "speakers.toml: line 3" in message and "boss" in message


def test_parallel_reading_gives_the_same_tables(monkeypatch):
    import analysis.ingest.reader as reader

    sequential = read_corpus("seeds")
    monkeypatch.setattr(reader, "PARALLEL_MIN_BYTES", 0)
    parallel = read_corpus("seeds")
    for name in ("articles", "turns", "editorial", "problems"):
        assert getattr(parallel, name).equals(getattr(sequential, name)), name


# ---------------------------------------------------------------- time-stamped transcripts


@pytest.mark.parametrize(
    "host, guest",
    [
        ("陈屹 00:21:54\n你好？", "江屿 00:22:10\n你好。"),
        ("陈屹  21:54\n你好？", "江屿  22:10\n你好。"),
        ("[00:21:54] 陈屹：你好？", "[00:22:10] 江屿：你好。"),
        ("陈屹（00:21:54）：你好？", "江屿（00:22:10）：你好。"),
        ("00:21:54 陈屹\n你好？", "00:22:10 江屿\n你好。"),
        ("**陈屹** 00:21:54\n你好？", "**江屿** 00:22:10\n你好。"),
    ],
    ids=[
        "name then stamp",
        "minutes and seconds",
        "stamp in brackets first",
        "stamp in parentheses",
        "stamp then name",
        "bold name then stamp",
    ],
)
def test_a_time_stamp_beside_a_name_makes_a_label_and_keeps_the_start(host, guest):
    corpus = read(
        f"{host}\n\n{guest}\n\n{host.replace('21:54', '23:00')}\n\n{guest.replace('22:10', '23:30')}\n"
    )
    assert speakers_of(corpus) == [("陈屹", "你好？"), ("江屿", "你好。")] * 2
    assert list(corpus.turns[s.ROLE]) == ["host", "guest"] * 2
    starts = list(corpus.turns[s.START_SECONDS])
    assert starts[1] - starts[0] == 16 and starts[3] - starts[2] == 30


@pytest.mark.parametrize("tag", ["说话人1", "发言人 2", "Speaker 3"])
def test_a_transcription_tools_speaker_tag_is_a_label_even_once(tag):
    corpus = read(f"{tag} 00:00:05\n大家好。\n\n说话人9 00:00:09\n你好？\n")
    assert list(corpus.turns[s.SPEAKER]) == [tag, "说话人9"]


def test_the_same_speaker_stamped_twice_in_a_row_is_one_turn_with_the_first_start():
    body = (
        "陈屹 00:00:05\n一。\n\n陈屹 00:00:20\n二？\n\n江屿 00:01:00\n三。\n\n陈屹 00:01:30\n四？\n"
    )
    corpus = read(body)
    assert speakers_of(corpus) == [("陈屹", "一。\n二？"), ("江屿", "三。"), ("陈屹", "四？")]
    assert list(corpus.turns[s.START_SECONDS]) == [5, 60, 90]
    # Duration runs to the next speaker's stamp; the last turn has none.
    assert list(corpus.turns[s.DURATION_SECONDS].iloc[:2]) == [55, 30]
    assert pd.isna(corpus.turns[s.DURATION_SECONDS].iloc[2])


def test_an_impossible_time_stamp_is_a_note_not_a_crash():
    body = "陈屹 00:00:05\n问？\n\n江屿 99:99:99\n答。\n\n陈屹 00:01:00\n再问？\n\n江屿 00:01:30\n再答。\n"
    corpus = read(body)
    assert list(corpus.turns[s.SPEAKER]) == ["陈屹", "江屿"] * 2
    assert pd.isna(corpus.turns[s.START_SECONDS].iloc[1])
    assert (
        corpus.problems[s.MESSAGE].str.contains("'99:99:99' of 江屿 is not a possible time").any()
    )


def test_time_stamps_going_backwards_are_a_note_and_leave_that_duration_empty():
    body = "陈屹 00:10:00\n问？\n\n江屿 00:05:00\n答。\n\n陈屹 00:11:00\n再问？\n\n江屿 00:12:00\n再答。\n"
    corpus = read(body)
    assert len(corpus.turns) == 4
    durations = corpus.turns[s.DURATION_SECONDS]
    assert pd.isna(durations.iloc[0]) and list(durations.iloc[1:3]) == [360, 60]
    assert corpus.problems[s.MESSAGE].str.contains("go backwards at 江屿").any()


def test_a_chapter_list_of_time_stamps_is_not_a_list_of_speakers():
    body = (
        "本期时间轴：\n00:00 开场\n02:15 为什么离开电台\n11:40 商业化\n\n"
        "陈屹 00:00:05\n欢迎。\n\n江屿 00:00:30\n你好。\n\n陈屹 00:02:15\n为什么？\n\n江屿 00:02:30\n因为。\n"
    )
    corpus = read(body)
    assert list(corpus.turns[s.SPEAKER]) == ["陈屹", "江屿"] * 2
    assert "00:00 开场" in " ".join(corpus.editorial[s.TEXT])


def test_a_speaker_stamped_once_inside_a_stamped_transcript_is_read():
    body = (
        "陈屹 00:00:05\n问？\n\n江屿 00:00:30\n答。\n\n林一 00:01:00\n我插一句。\n\n"
        "陈屹 00:01:20\n再问？\n\n江屿 00:01:40\n再答。\n"
    )
    corpus = read(body)
    assert list(corpus.turns[s.SPEAKER]) == ["陈屹", "江屿", "林一", "陈屹", "江屿"]
    assert dict(zip(corpus.turns[s.SPEAKER], corpus.turns[s.ROLE], strict=False))["林一"] == "guest"


# ---------------------------------------------------------------- non-speech lines


@pytest.mark.parametrize(
    "line",
    [
        "图｜江屿在录音间",
        "图源：视觉中国",
        "图片来源：网络",
        "摄影：李雷",
        "来源：公司官网",
        "▲ 江屿在现场",
        "王小川在发布会现场 摄影：李雷",
        "图｜江屿在录音间 拍摄：小林",
    ],
)
def test_captions_and_credits_are_the_editors_not_speech(line):
    corpus = read(f"**主持人：** 问？\n\n**Sam Altman：** 答。\n\n{line}\n\n接着答。\n")
    assert speakers_of(corpus) == [("主持人", "问？"), ("Sam Altman", "答。\n接着答。")]
    captions = corpus.editorial[corpus.editorial[s.KIND] == "caption"][s.TEXT]
    assert list(captions) == [line]


def test_a_short_line_under_a_picture_names_the_picture():
    body = "**主持人：** 问？\n\n**Sam Altman：** 答。\n\n![](http://x/1.jpg)\n\nSam Altman 在旧金山\n\n接着答。\n"
    corpus = read(body)
    assert corpus.turns[s.TEXT].iloc[1] == "答。\n接着答。"
    assert list(corpus.editorial[s.TEXT]) == ["Sam Altman 在旧金山"]


def test_a_sentence_under_a_picture_stays_speech():
    body = "**主持人：** 问？\n\n**Sam Altman：** 答。\n\n![](http://x/1.jpg)\n\n这张图是我们的第一台服务器。\n"
    corpus = read(body)
    assert corpus.turns[s.TEXT].iloc[1] == "答。\n这张图是我们的第一台服务器。"


def test_a_divider_followed_by_production_credits_is_show_notes():
    body = (
        "**主持人：** 问？\n\n**Sam Altman：** 答。\n\n---\n\n本期嘉宾：Sam Altman\n\n监制：周岚\n\n"
        "剪辑：小林\n\n音乐：Blue Dot\n\n点击关注，获取更多AI资讯！\n"
    )
    corpus = read(body)
    assert speakers_of(corpus) == [("主持人", "问？"), ("Sam Altman", "答。")]
    credits = corpus.editorial[corpus.editorial[s.KIND] == "credits"]
    assert list(credits[s.TEXT]) == [
        "本期嘉宾：Sam Altman",
        "监制：周岚",
        "剪辑：小林",
        "音乐：Blue Dot",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "【编者按】以下内容有删节。",
        "［注：此处指 2023 年。］",
        "〔编者注：此处指 2023 年。〕",
        "(Editor's note: this was in 2023.)",
        "[Editor's note: this was in 2023.]",
        "译者注：原文为英文。",
        "（本文经受访者审阅，有删节）",
    ],
)
def test_editors_notes_in_any_bracket_form_are_not_speech(line):
    corpus = read(f"**主持人：** 问？\n\n**Sam Altman：** 答。\n\n{line}\n\n接着答。\n")
    assert speakers_of(corpus) == [("主持人", "问？"), ("Sam Altman", "答。\n接着答。")]
    assert list(corpus.editorial[corpus.editorial[s.KIND] == "editor_note"][s.TEXT]) == [line]


def test_an_inline_editors_note_with_brackets_inside_it_is_removed_whole():
    corpus = read(
        "**主持人：** 问？\n\n**Sam Altman：** 我们用 4o（编者注：GPT-4o（o 指 omni）是多模态模型）做的。\n"
    )
    assert corpus.turns[s.TEXT].iloc[1] == "我们用 4o做的。"
    notes = corpus.editorial[corpus.editorial[s.KIND] == "editor_note"][s.TEXT]
    assert list(notes) == ["编者注：GPT-4o（o 指 omni）是多模态模型"]


# ---------------------------------------------------------------- whole bold questions


@pytest.mark.parametrize("ending", ["。", "……", "", "？", "…"])
def test_a_whole_bold_line_by_the_questioner_is_a_question_however_it_ends(ending):
    body = (
        "**镜湖科技：你们的产品是什么？**\n\n**江屿：** 一个记账工具。\n\n"
        f"**镜湖科技：说说你们的用户{ending}**\n\n**江屿：** 大多是年轻人。\n"
    )
    corpus = read(body)
    assert speakers_of(corpus) == [
        ("镜湖科技", "你们的产品是什么？"),
        ("江屿", "一个记账工具。"),
        ("镜湖科技", f"说说你们的用户{ending}"),
        ("江屿", "大多是年轻人。"),
    ]
    assert list(corpus.turns[s.ROLE]) == ["host", "guest"] * 2


def test_a_whole_bold_line_by_the_host_opening_the_transcript_is_its_first_question():
    corpus = read("**主持人：先介绍一下你自己。**\n\n**Sam Altman：** 我是 Sam。\n")
    assert speakers_of(corpus) == [("主持人", "先介绍一下你自己。"), ("Sam Altman", "我是 Sam。")]


def test_a_whole_bold_line_by_a_guest_is_an_editors_highlight_not_a_label():
    body = (
        "**江屿：慢就是快**\n\n导语。\n\n**主持人：** 问？\n\n**江屿：** 答。\n\n"
        "**江屿：这句是编辑加粗的金句。**\n"
    )
    corpus = read(body)
    assert list(corpus.turns[s.SPEAKER]) == ["主持人", "江屿"]
    assert corpus.editorial[s.TEXT].iloc[0] == "江屿：慢就是快"


# ---------------------------------------------------------------- who is who


@pytest.mark.parametrize(
    "announcement",
    ["江屿（以下简称“江”）", "江屿，以下简称江，", '江屿（下称"江"）', "江屿（简称：江）"],
)
def test_a_short_form_announced_in_the_introduction_joins_the_full_name(announcement):
    body = f"本期嘉宾是独立开发者{announcement}是记账工具的作者。\n\n**主持人：** 问？\n\n**江：** 答。\n"
    corpus = read(body)
    assert list(corpus.turns[s.SPEAKER]) == ["主持人", "江屿"]


@pytest.mark.parametrize(
    "body",
    [
        "主持人（王芳）：欢迎。\n\n李想远：谢谢。\n\n主持人：再问？\n\n李想远：再答。\n",
        "主持人王芳：欢迎。\n\n李想远：谢谢。\n\n主持人：再问？\n\n李想远：再答。\n",
        "主持人：王芳\n嘉宾：李想远\n\n主持人：欢迎。\n\n李想远：谢谢。\n\n主持人：再问？\n\n李想远：再答。\n",
        "**主持人**（王芳）：欢迎。\n\n**李想远**：谢谢。\n\n**主持人**：再问？\n\n**李想远**：再答。\n",
    ],
    ids=["name in brackets", "name after the role", "roster line", "bold role, name in brackets"],
)
def test_a_host_named_beside_the_role_word_is_that_host(body):
    corpus = read(body)
    assert list(corpus.turns[s.SPEAKER]) == ["王芳", "李想远"] * 2
    assert list(corpus.turns[s.ROLE]) == ["host", "guest"] * 2


@pytest.mark.parametrize(
    "intro, asker, answerer",
    [
        ("编者按：我们采访了青禾医疗创始人赵晴。", "问", "答"),
        ("嘉宾：赵晴（青禾医疗创始人）", "Q", "A"),
        ("对话｜赵晴", "记者", "受访者"),
        ("本期嘉宾：赵晴", "问", "答"),
    ],
)
def test_generic_labels_are_the_one_guest_the_article_names(intro, asker, answerer):
    body = f"{intro}\n\n{asker}：你好？\n\n{answerer}：你好。\n\n{asker}：再问？\n\n{answerer}：再答。\n"
    corpus = read(body)
    assert list(corpus.turns[s.SPEAKER]) == [asker, "赵晴"] * 2
    assert list(corpus.turns[s.ROLE]) == ["host", "guest"] * 2


def test_a_title_naming_the_guest_names_the_answerer():
    header = HEADER.replace("# 标题", "# 专访赵晴：医疗大模型的合规之路")
    corpus = read("问：你好？\n\n答：你好。\n", header=header)
    assert list(corpus.turns[s.SPEAKER]) == ["问", "赵晴"]


def test_generic_labels_stay_generic_when_the_article_names_two_guests():
    body = "嘉宾：赵晴、李想远\n\n问：你好？\n\n答：你好。\n\n问：再问？\n\n答：再答。\n"
    corpus = read(body)
    assert list(corpus.turns[s.SPEAKER]) == ["问", "答"] * 2
    assert list(corpus.turns[s.ROLE]) == ["host", "guest"] * 2


def test_everyone_who_asks_in_the_hosts_position_is_a_host():
    body = (
        "小宇：欢迎收听。今天聊什么？\n\n周周：聊创业。江屿你好？\n\n江屿：你们好，我做了五年。\n\n"
        "小宇：为什么？\n\n江屿：因为喜欢。\n\n周周：还会继续吗？\n\n江屿：会。\n"
    )
    roles = dict(zip(read(body).turns[s.SPEAKER], read(body).turns[s.ROLE], strict=False))
    assert roles == {"小宇": "host", "周周": "host", "江屿": "guest"}


def test_every_panelist_who_answers_is_a_guest_however_little_they_say():
    body = (
        "主持人：请谈谈开源？\n\n张三：开源是趋势，它让更多的开发者参与进来，成本更低，迭代更快。\n\n"
        "李四：同意。\n\n主持人：成本呢？\n\n张三：开源的成本更低，训练一次只要几百万，维护也容易。\n\n"
        "李四：对。\n"
    )
    corpus = read(body)
    roles = dict(zip(corpus.turns[s.SPEAKER], corpus.turns[s.ROLE], strict=False))
    assert roles == {"主持人": "host", "张三": "guest", "李四": "guest"}


def test_a_questioner_who_first_speaks_after_the_audience_is_audience():
    body = (
        "主持人：开源会赢吗？\n\n张三：会的。\n\n主持人：谢谢。现在请观众提问。\n\n观众：请问成本多少？\n\n"
        "张三：几百万。\n\n王五：那小公司怎么办？\n\n张三：先做小模型。\n\n王五：多小？\n\n张三：够用就行。\n"
    )
    corpus = read(body)
    roles = dict(zip(corpus.turns[s.SPEAKER], corpus.turns[s.ROLE], strict=False))
    assert roles == {
        "主持人": "host",
        "张三": "guest",
        "现场提问者": "audience",
        "王五": "audience",
    }


# ---------------------------------------------------------------- Word documents


def word_document(paragraphs: list[list[tuple[str, bool]]]) -> bytes:
    import io

    from docx import Document

    document = Document()
    for runs in paragraphs:
        paragraph = document.add_paragraph()
        for text, bold in runs:
            paragraph.add_run(text).bold = bold
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_bold_runs_in_a_word_document_are_labels_like_markdowns_bold():
    data = word_document(
        [
            [("主持人：", True), ("你好吗？", False)],
            [("Sam Altman", True), ("：", False), ("我很", False), ("好", True), ("。", False)],
            [("我们在谈", False), ("重点：", True), ("不是标签。", False)],
        ]
    )
    corpus = read_corpus([("talk.docx", data)])
    assert speakers_of(corpus) == [
        ("主持人", "你好吗？"),
        ("Sam Altman", "我很好。\n我们在谈重点：不是标签。"),
    ]


def test_a_damaged_word_document_gets_a_message_naming_the_file_and_the_rest_loads(tmp_path):
    good = word_document([[("主持人：", True), ("你好？", False)]])
    (tmp_path / "good.docx").write_bytes(good)
    (tmp_path / "broken.docx").write_bytes(good[: len(good) // 2])
    corpus = read_corpus(tmp_path)
    assert list(corpus.articles[s.FILE_NAME]) == ["good.docx"]
    problem = corpus.problems.set_index(s.FILE_NAME).loc["broken.docx"]
    assert problem[s.LEVEL] == "error" and "damaged Word document" in problem[s.MESSAGE]


@pytest.mark.parametrize(
    "once",
    ["王五：小公司还有机会吗？", "**王五：** 小公司还有机会吗？", "**王五**：小公司还有机会吗？"],
    ids=["plain", "bold", "bold then colon"],
)
def test_a_person_who_speaks_once_in_an_established_transcript_is_a_speaker(once):
    # The others' labels are plain in one article and bold in the next.
    label = "**{}：** " if once.startswith("**") else "{}："
    body = "\n\n".join(
        [
            label.format("主持人") + "开源会赢吗？",
            label.format("张三") + "会的。",
            label.format("主持人") + "成本呢？",
            label.format("张三") + "更低。",
            once,
            label.format("张三") + "有机会。",
        ]
    )
    corpus = read(body + "\n")
    assert list(corpus.turns[s.SPEAKER]) == ["主持人", "张三", "主持人", "张三", "王五", "张三"]


def test_unknown_questioners_in_the_audiences_section_are_audience():
    body = (
        "## 对谈\n\n主持人：开源会赢吗？\n\n张三：会的。\n\n主持人：为什么？\n\n张三：成本。\n\n"
        "## 观众提问\n\n王五：小公司怎么办？\n\n张三：做小模型。\n\n王五：多小？\n\n张三：够用就行。\n"
    )
    roles = dict(zip(read(body).turns[s.SPEAKER], read(body).turns[s.ROLE], strict=False))
    assert roles == {"主持人": "host", "张三": "guest", "王五": "audience"}


def test_show_notes_above_the_credits_after_a_divider_are_the_editors_too():
    body = (
        "**主持人：** 问？\n\n**Sam Altman：** 答。\n\n* * *\n\n本期节目提到的书：《从零到一》\n\n"
        "监制：周岚\n\n点击关注，获取更多AI资讯！\n"
    )
    corpus = read(body)
    credits = corpus.editorial[corpus.editorial[s.KIND] == "credits"]
    assert list(credits[s.TEXT]) == ["本期节目提到的书：《从零到一》", "监制：周岚"]
    assert "点击关注" not in " ".join(corpus.editorial[s.TEXT])


def test_a_divider_between_parts_keeps_the_next_sections_heading():
    body = (
        "## 上篇\n\n**主持人：** 问？\n\n**Sam Altman：** 答。\n\n---\n\n## 下篇\n\n"
        "**主持人：** 再问？\n\n**Sam Altman：** 再答。\n\n---\n\n## 关于我们\n\n一家做播客的公司。\n"
    )
    corpus = read(body)
    assert list(corpus.turns[s.SECTION]) == ["上篇", "上篇", "下篇", "下篇"]
    assert corpus.turns[s.TEXT].iloc[-1] == "再答。"
