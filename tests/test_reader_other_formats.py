"""Whole articles in other accounts' formats, counted by hand: the reader's rules are general.

The seeds come from one account; these follow other common layouts (LatePost-style bold
questions, numbered Q&A, a plain-text panel, a time-stamped podcast, a transcription tool's
export, a media Q&A whose bold questions end any way, a panel with a named moderator, a 问/答
interview, English labels, bracketed stamps with two hosts, a Word document) with their
furniture (captions, stage directions, editor's notes, credits, follow prompts, link lists).
Every number below was counted by reading the article.
"""

from pathlib import Path

import pandas as pd
import pytest

from analysis import schema as s
from analysis.ingest.reader import read_corpus

ARTICLES = Path(__file__).parent / "articles"


@pytest.fixture(scope="module")
def corpus():
    return read_corpus(ARTICLES)


def turns_of(corpus, article_id: str) -> pd.DataFrame:
    return corpus.turns[corpus.turns[s.ARTICLE_ID] == article_id]


def test_every_file_reads_without_problems(corpus):
    # The articles of issue 19's families are pinned in test_reader_new_families.py.
    ids = ["latepost_style", "panel_style", "qa_style", *GOLDEN]
    assert set(ids) <= set(corpus.articles[s.ARTICLE_ID])
    names = corpus.articles.set_index(s.ARTICLE_ID).loc[ids, s.FILE_NAME]
    assert corpus.problems[corpus.problems[s.FILE_NAME].isin(names)].empty


def test_bold_questions_sections_captions_and_stage_directions(corpus):
    turns = turns_of(corpus, "latepost_style")
    assert list(turns[s.SPEAKER]) == ["晚点", "王小川"] * 4
    assert list(turns[s.ROLE]) == ["host", "guest"] * 4
    assert list(turns[s.SECTION]) == ["一、为什么是医疗"] * 4 + ["二、关于 AGI"] * 4
    assert list(turns[s.TEXT])[:2] == [
        "你们为什么选择医疗？",
        "医疗是一个最需要智能的行业。我们判断，大模型首先会改变看病这件事。\n"
        "而且，这个方向和我们的长期目标一致。",
    ]
    assert (
        turns[s.TEXT].iloc[5]
        == "我觉得 AGI 是能够像医生一样思考的系统。\n比如：它需要推理，也需要记忆。"
    )
    assert turns[s.TEXT].iloc[-1] == "我估计五年之内。"
    article = corpus.articles.set_index(s.ARTICLE_ID).loc["latepost_style"]
    assert (article[s.ACCOUNT], article[s.PLACE]) == ("晚点LatePost", "北京")
    assert article[s.PUBLISHED] == pd.Timestamp("2024-10-15 09:30")
    editorial = corpus.editorial[corpus.editorial[s.ARTICLE_ID] == "latepost_style"]
    assert list(zip(editorial[s.KIND], editorial[s.TEXT], strict=True)) == [
        ("intro", "导读： 王小川认为，医疗是大模型最重要的落地场景。"),
        ("intro", "本文约 3000 字，阅读需要 8 分钟。"),
        ("caption", "▲ 王小川在发布会现场"),
    ]


def test_numbered_questions_and_answers(corpus):
    turns = turns_of(corpus, "qa_style")
    # The introduction names the one person interviewed (我们采访了李明): A is 李明.
    assert list(turns[s.SPEAKER]) == ["Q", "李明"] * 3
    assert list(turns[s.ROLE]) == ["host", "guest"] * 3
    assert list(turns[s.TEXT]) == [
        "你们的产品是什么？",
        "我们做的是智能体平台，帮助企业自动化流程。",
        "和 ChatGPT 有什么不同？",
        "ChatGPT 是通用助手，我们专注在企业。",
        "最大的挑战是什么？",
        "数据。企业的数据很分散。",
    ]
    article = corpus.articles.set_index(s.ARTICLE_ID).loc["qa_style"]
    assert article[s.PUBLISHED] == pd.Timestamp("2024-11-02 18:00")


def test_a_plain_text_panel(corpus):
    turns = turns_of(corpus, "panel_style")
    assert list(turns[s.SPEAKER]) == ["主持人", "张三", "李四", "主持人", "张三", "李四", "主持人"]
    assert list(turns[s.ROLE]) == ["host", "guest", "guest", "host", "guest", "guest", "host"]
    assert turns[s.TEXT].iloc[4] == "开源的成本更低。\n比如：训练一次只要几百万。"
    assert turns[s.TEXT].iloc[-1] == "谢谢两位。"


# article id: ({speaker: (role, turns)}, speakers in order of their turns,
#              (first speaker, first text), (last speaker, last text),
#              [(kind, text) of the editorial table], start seconds of the turns or None)
GOLDEN = {
    "podcast_timestamps": (
        {"陈屹": ("host", 5), "江屿": ("guest", 4)},
        ["陈屹", "江屿"] * 4 + ["陈屹"],
        (
            "陈屹",
            "欢迎收听声动频道，我是陈屹。今天的嘉宾是做了十年声音节目的江屿。\n"
            "江屿，先跟听众打个招呼吧？",
        ),
        ("陈屹", "谢谢江屿。我们下期再见。"),
        [
            ("intro", "本期嘉宾：江屿（独立播客《慢速电台》主理人）主播：陈屹"),
            (
                "intro",
                "【本期时间轴】00:00 开场02:15 江屿为什么离开电台11:40 播客的商业化"
                "18:05 给新人的建议",
            ),
            ("caption", "图｜江屿在录音间 拍摄：小林"),
            ("credits", "监制：周岚"),
            ("credits", "剪辑：小林"),
            ("credits", "制作：声动频道"),
        ],
        # 陈屹 00:00:05 and 00:00:21 are one turn; 00:02:15 is 135 s, 00:19:40 1,180 s.
        [5, 30, 135, 144, 700, 712, 1085, 1093, 1180],
    ),
    "transcript_export": (
        {"说话人1": ("host", 4), "说话人2": ("guest", 3)},
        ["说话人1", "说话人2"] * 3 + ["说话人1"],
        (
            "说话人1",
            "好，那我们开始吧。今天主要复盘一下智能客服这个项目。先请你讲讲上线以后的情况？",
        ),
        ("说话人1", "好，那今天就先到这里。"),
        [("intro", "以下为会议录音的自动转写稿，经人工校对，有删节。")],
        [3, 15, 41, 47, 92, 98, 125],
    ),
    "media_bold_questions": (
        {"深浪": ("host", 4), "沈知远": ("guest", 4)},
        ["深浪", "沈知远"] * 4,
        ("深浪", "先说说你们今年的进展。"),
        ("沈知远", "三年后，我们希望每一辆国产车上都有我们的芯片。"),
        [
            ("intro", "沈知远：芯片的窗口期只有三年"),
            ("intro", "沈知远是芯原微的创始人。我们在深圳和他聊了两个小时。"),
            ("caption", "沈知远在实验室"),
            ("editor_note", "（本文经受访者审阅）"),
        ],
        None,
    ),
    "panel_moderator": (
        {
            "王芳": ("host", 5),
            "李想远": ("guest", 3),
            "赵晴": ("guest", 3),
            "孙一鸣": ("guest", 3),
            "现场提问者": ("audience", 1),
        },
        ["王芳", "李想远", "赵晴", "孙一鸣", "王芳", "赵晴", "李想远", "王芳", "孙一鸣", "赵晴"]
        + ["王芳", "现场提问者", "李想远", "孙一鸣", "王芳"],
        ("王芳", "欢迎三位。先请每位用一句话说说，今年落地最难的是什么？"),
        ("王芳", "谢谢三位嘉宾，也谢谢大家。"),
        [
            (
                "intro",
                "4月10日，在杭州举办的AI应用大会上，三位创业者围绕“大模型落地”展开了讨论。"
                "本场圆桌由财经记者王芳主持。",
            ),
            (
                "intro",
                "嘉宾：李想远（云帆智能CEO）、赵晴（青禾医疗创始人）、孙一鸣（开源社区负责人）",
            ),
            ("intro", "以下为圆桌实录，经编辑整理："),
        ],
        None,
    ),
    "wen_da_interview": (
        {"问": ("host", 4), "杨春梅": ("guest", 4)},
        ["问", "杨春梅"] * 4,
        ("问", "你还记得第一次走进教室的情景吗？"),
        ("杨春梅", "别急。教育是慢的事情。"),
        [
            (
                "intro",
                "编者按：今年教师节，我们采访了在云南山区任教二十年的杨春梅老师。"
                "以下是采访实录，经受访者审阅。",
            ),
            ("editor_note", "（注：杨春梅所在的学校于2018年通了网络。）"),
        ],
        None,
    ),
    "english_labels": (
        {"David Lin": ("host", 5), "Sarah Keller": ("guest", 5)},
        ["David Lin", "Sarah Keller"] * 5,
        ("David Lin", "欢迎来到节目。Sarah，你们的机器人现在能做什么？"),
        ("Sarah Keller", "Thanks for having me."),
        [
            (
                "intro",
                "本文编译自播客 Frontier Talk 的一期访谈，嘉宾是家用机器人公司 Homebot 的"
                "联合创始人 Sarah Keller。",
            ),
            ("editor_note", "[Editor's note: 约合人民币七万元。]"),
        ],
        None,
    ),
    "cohosts_bracket_stamps": (
        {"小宇": ("host", 4), "周周": ("host", 3), "江屿": ("guest", 4), "林一": ("guest", 2)},
        ["小宇", "周周", "江屿", "小宇", "江屿", "周周", "林一", "小宇", "江屿", "周周", "林一"]
        + ["江屿", "小宇"],
        ("小宇", "欢迎来到岔路口，我是小宇。"),
        ("小宇", "谢谢两位，我们下期见。"),
        [
            (
                "intro",
                "本期我们请来了两位“一人公司”的创业者：独立开发者江屿（以下简称“江”）"
                "和插画师林一。主播是小宇和周周。",
            ),
            ("intro", "以下为节目文字版，有删节。"),
        ],
        [8, 12, 25, 100, 112, 190, 198, 302, 309, 390, 396, 435, 460],
    ),
    "traditional_stamp_first": (
        {"吳宗翰": ("host", 4), "林靜": ("guest", 3)},
        ["吳宗翰", "林靜"] * 3 + ["吳宗翰"],
        ("吳宗翰", "林靜你好，先談談為什麼回台東？"),
        ("吳宗翰", "謝謝林靜。"),
        [
            (
                "intro",
                "編按：林靜十年前從台北回到台東，在山上種起了咖啡。以下為訪談逐字稿，經編輯整理。",
            ),
            ("caption", "圖／林靜的咖啡園 攝影：陳昱"),
            # The inline 〔編按：…〕 after 結果, brackets removed.
            ("editor_note", "編按：阿拉比卡種一般需三至四年"),
        ],
        [12, 20, 125, 131, 280, 286, 390],
    ),
}


@pytest.mark.parametrize("article_id", list(GOLDEN))
def test_turns_per_speaker_and_role(corpus, article_id):
    expected, order, *_ = GOLDEN[article_id]
    turns = turns_of(corpus, article_id)
    counted = turns.groupby([s.SPEAKER, s.ROLE]).size().to_dict()
    assert counted == {(who, role): n for who, (role, n) in expected.items()}
    assert list(turns[s.SPEAKER]) == order


@pytest.mark.parametrize("article_id", list(GOLDEN))
def test_first_and_last_words(corpus, article_id):
    _, _, first, last, *_ = GOLDEN[article_id]
    turns = turns_of(corpus, article_id)
    assert (turns[s.SPEAKER].iloc[0], turns[s.TEXT].iloc[0]) == first
    assert (turns[s.SPEAKER].iloc[-1], turns[s.TEXT].iloc[-1]) == last


@pytest.mark.parametrize("article_id", list(GOLDEN))
def test_non_speech_lines_are_the_editors(corpus, article_id):
    editorial = GOLDEN[article_id][4]
    rows = corpus.editorial[corpus.editorial[s.ARTICLE_ID] == article_id]
    assert list(zip(rows[s.KIND], rows[s.TEXT], strict=True)) == editorial
    speech = " ".join(turns_of(corpus, article_id)[s.TEXT])
    for _, text in editorial:
        assert text not in speech


@pytest.mark.parametrize("article_id", list(GOLDEN))
def test_time_stamps_give_starts_and_durations(corpus, article_id):
    starts = GOLDEN[article_id][5]
    turns = turns_of(corpus, article_id)
    if starts is None:
        assert turns[s.START_SECONDS].isna().all() and turns[s.DURATION_SECONDS].isna().all()
        return
    assert list(turns[s.START_SECONDS]) == starts
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    assert list(turns[s.DURATION_SECONDS].iloc[:-1]) == gaps
    assert pd.isna(turns[s.DURATION_SECONDS].iloc[-1])


def test_stage_directions_and_chapter_lists_are_nobodys_speech(corpus):
    podcast = " ".join(turns_of(corpus, "podcast_timestamps")[s.TEXT])
    assert "笑" not in podcast and "开场" not in podcast and "点击关注" not in podcast
    coffee = turns_of(corpus, "traditional_stamp_first")[s.TEXT].iloc[3]
    assert coffee == "是等待。咖啡樹要三年才結果。"
    interview = turns_of(corpus, "wen_da_interview")[s.TEXT].iloc[5]
    assert interview == "他们见过的世界大了。有的孩子会用手机查资料，问我的问题也越来越难。"


# A Word document as an editor hands it out: Title and Heading styles, bold labels as bold
# runs, bold emphasis inside speech, a whole bold question line, a picture credit.
# Each paragraph: (style, [(text, bold), ...]).
DOCX_ARTICLE = [
    ("Title", [("专访江屿：做慢节目的人", False)]),
    (None, [("文章作者: 慢速电台", False)]),
    (None, [("发布时间: 2025-07-01 09:00", False)]),
    (None, [("主持人：林晓", False)]),
    (None, [("本期嘉宾江屿（以下简称“江”），是独立播客《慢速电台》的主理人。", False)]),
    ("Heading 1", [("一、开始", False)]),
    (None, [("林晓：", True), ("你是怎么开始做播客的？", False)]),
    (None, [("江：", True), ("最早是给朋友录的睡前故事。", False)]),
    (None, [("主持人：", True), ("后来呢？", False)]),
    (None, [("江：", True), ("后来听的人多了，就变成了节目。", False)]),
    ("Heading 1", [("二、坚持", False)]),
    (None, [("主持人：为什么一直坚持周更", True)]),
    (
        None,
        [
            ("江", True),
            ("：", True),
            ("因为", False),
            ("节奏", True),
            ("就是节目的一部分。", False),
        ],
    ),
    (None, [("图片来源：慢速电台", False)]),
    (None, [("林晓：", True), ("谢谢江屿。", False)]),
    (None, [("江：", True), ("谢谢。", False)]),
]


def make_docx(paragraphs) -> bytes:
    import io

    from docx import Document

    document = Document()
    for style, runs in paragraphs:
        paragraph = document.add_paragraph(style=style)
        for text, bold in runs:
            paragraph.add_run(text).bold = bold
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def docx_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("docx")
    (folder / "word_interview.docx").write_bytes(make_docx(DOCX_ARTICLE))
    return read_corpus(folder)


def test_a_word_document_reads_like_markdown(docx_corpus):
    assert docx_corpus.problems.empty
    turns = docx_corpus.turns
    # 主持人 is 林晓 (named on the roster line), 江 is 江屿 (the short form in the intro).
    assert list(turns[s.SPEAKER]) == ["林晓", "江屿"] * 4
    assert list(turns[s.ROLE]) == ["host", "guest"] * 4
    assert list(turns[s.SECTION]) == ["一、开始"] * 4 + ["二、坚持"] * 4
    assert list(turns[s.TEXT]) == [
        "你是怎么开始做播客的？",
        "最早是给朋友录的睡前故事。",
        "后来呢？",
        "后来听的人多了，就变成了节目。",
        "为什么一直坚持周更",
        "因为节奏就是节目的一部分。",
        "谢谢江屿。",
        "谢谢。",
    ]
    article = docx_corpus.articles.iloc[0]
    assert article[s.TITLE] == "专访江屿：做慢节目的人"
    assert (article[s.ACCOUNT], article[s.PUBLISHED]) == (
        "慢速电台",
        pd.Timestamp("2025-07-01 09:00"),
    )
    editorial = docx_corpus.editorial
    assert list(zip(editorial[s.KIND], editorial[s.TEXT], strict=True)) == [
        ("intro", "主持人：林晓"),
        ("intro", "本期嘉宾江屿（以下简称“江”），是独立播客《慢速电台》的主理人。"),
        ("caption", "图片来源：慢速电台"),
    ]
