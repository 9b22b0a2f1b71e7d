"""The Questions page under AppTest: the list of questions and their answers on the seeds in
both languages, its filters narrowing it and living in the URL, a question opened and sent to
the reader, and the empty states of corpora with no questioner, no question or no answer."""

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import session
from dashboard.texts import text
from tests.test_pages import APP, PAGES

SAFETY = "安全与对齐"
ARTICLE = "001_3dda35de95eb172c"  # Melissa Koide and Sam Altman, in Washington


def run(**query) -> AppTest:
    """The Questions page opened by a link holding `query`."""
    app = AppTest.from_file(APP, default_timeout=120)
    for name, value in query.items():
        app.query_params[name] = value
    app.switch_page(PAGES["questions"]).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def question_list(app: AppTest):
    """The list of questions: the table with a question column."""
    tables = [frame.value for frame in app.dataframe if "question" in frame.value.columns]
    assert len(tables) == 1, [frame.value.columns for frame in app.dataframe]
    return tables[0]


def widget(app: AppTest, key: str):
    return next(w for w in [*app.selectbox, *app.text_input] if w.key == f"w_{key}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_lists_every_article_s_questions_with_their_answers(lang):
    app = run(lang=lang)
    assert app.title[0].value == text("page_questions", lang)
    listed = question_list(app)
    # Every seed is an interview or a talk with questions, each answered by Sam Altman
    # (Kevin Weil answers a few of the audience's questions beside him).
    assert listed["article_id"].nunique() == 5
    answerers = {name for names in listed["answerers"] for name in names.split("、")}
    assert answerers == {"Sam Altman", "Kevin Weil"}
    assert (listed["answer_chars"] > 0).all()
    # The first question of the Washington talk, as the article has it.
    koide = listed[listed["asker"] == "Melissa Koide"]
    assert koide["question"].iat[0].startswith("最近你发布了 o1 模型")
    # The charts' box is shut: the list alone is drawn (a chart costs the browser as much
    # as the rest of the page, issue 21), and says what it holds.
    assert not app.get("plotly_chart")
    box = next(e for e in app.expander if e.label == text("qa_charts_heading", lang))
    assert not app.session_state[session.QA_CHARTS] and not box.children
    # Opened, only the open tab's chart is drawn: the first, headed in the interface's
    # language.
    app = run(lang=lang, qa_charts="1")
    assert len(app.get("plotly_chart")) == 1
    headings = [h.value for h in app.subheader]
    assert text("qa_by_theme_heading", lang) in headings
    assert text("qa_shift_heading", lang) not in headings
    # A link naming another tab (made before the box) opens the box at that tab; a link
    # that shuts the box keeps it shut.
    shift = run(lang=lang, questions_tab="shift")
    assert text("qa_shift_heading", lang) in [h.value for h in shift.subheader]
    assert len(shift.get("plotly_chart")) == 1
    assert not run(lang=lang, questions_tab="shift", qa_charts="0").get("plotly_chart")


def test_a_theme_narrows_the_list_to_questions_touching_it():
    everything = question_list(run())
    app = run()
    widget(app, "qa_theme").set_value(SAFETY).run()
    assert app.query_params["qa_theme"] == SAFETY
    about_safety = question_list(app)
    assert 0 < len(about_safety) < len(everything)
    assert about_safety["question_themes"].str.contains(SAFETY).all()
    # The black-box question of the Washington talk is one of them.
    assert about_safety["question"].str.contains("黑箱问题").any()
    # In English the themes are named in English, the list the same.
    english = question_list(run(lang="en", qa_theme=SAFETY))
    assert english["question_themes"].str.contains("Safety and alignment").all()
    assert english["question"].tolist() == about_safety["question"].tolist()


def test_the_list_s_filters_round_trip_through_the_url():
    link = {
        "qa_theme": SAFETY,
        "qa_asker": "Melissa Koide",
        "qa_type": "open",
        "qa_order": "longest",
        "qa_open": f"{ARTICLE}:5",
    }
    app = run(**link)
    listed = question_list(app)
    assert len(listed) >= 1
    assert (listed["asker"] == "Melissa Koide").all()
    assert listed["answer_chars"].is_monotonic_decreasing
    # The widgets show the link's values, and the URL keeps them (nothing was dropped).
    assert widget(app, "qa_theme").value == SAFETY
    assert widget(app, "qa_asker").value == "Melissa Koide"
    assert widget(app, "qa_type").value == "open"
    assert {name: app.query_params[name] for name in link} == link
    # A second visitor opening the same link sees the same list and the same question.
    again = run(**link)
    assert question_list(again).equals(listed)
    opened = [block.value for block in again.markdown if "#11" in block.value]
    assert opened and "黑箱问题" in opened[0]
    # Clearing the filters empties the URL of them (the opened question stays).
    app.button(key="clear_question_filters").click().run()
    assert set(app.query_params) == {"qa_order", "qa_open"}
    assert len(question_list(app)) > len(listed)


def test_a_question_opens_its_answer_and_the_reader_at_it():
    app = run(qa_open=f"{ARTICLE}:5")
    turns = [block.value for block in app.markdown if block.value.startswith("#")]
    # The question (turn 11, Melissa Koide) and its answer (turn 12, Sam Altman).
    assert turns[0].startswith("#11") and "Melissa Koide" in turns[0]
    assert turns[1].startswith("#12") and "Sam Altman" in turns[1]
    app.button(key="read_exchange").click().run()
    assert not app.exception
    assert app.query_params["hit"] == f"{ARTICLE}:12"
    assert app.title[0].value == text("page_concordance", "zh")


def test_a_filter_that_leaves_nothing_says_so_and_keeps_the_filters():
    app = run(lang="en", qa_search="zzzz", questions_tab="types")
    assert any("No question passes these question filters" in b.value for b in app.info)
    assert widget(app, "qa_search").value == "zzzz"
    # The charts of the selection stay: the open tab's.
    assert [c.proto.id.rsplit("-", 1)[-1] for c in app.get("plotly_chart")] == ["question_types"]


EMPTY_CORPUS = {
    "talk.md": "# 一场演讲\n\n**讲者：** 今天讲三点。什么是智能体？\n\n**讲者：** 谢谢。\n",
    "chat.md": "# 闲聊\n\n**主持人：** 欢迎。\n\n**嘉宾：** 谢谢。\n\n**主持人：** 再见。\n",
    "monologue.md": "# 独白\n\n**主持人：** 你怎么看？\n\n**主持人：** 我来回答：很好。\n",
}


@pytest.fixture
def few_questions(tmp_path, monkeypatch):
    """A corpus of a talk (no questioner), a chat (no question) and a host who asks and
    answers himself (one question, no answer)."""
    for name, body in EMPTY_CORPUS.items():
        (tmp_path / name).write_text(body, encoding="utf-8")
    monkeypatch.setenv("TRANSCRIPTS_CORPUS", str(tmp_path))


@pytest.mark.parametrize(
    ("article", "says"),
    [
        ("talk", "No questioner in this selection"),
        ("chat", "none of their turns asks anything"),
    ],
)
def test_an_article_without_questions_says_why(few_questions, article, says):
    app = run(lang="en", article=article)
    assert any(says in block.value for block in app.info), [b.value for b in app.info]
    assert not [frame for frame in app.dataframe if "question" in frame.value.columns]


def test_a_question_nobody_answered_has_a_zero_character_answer(few_questions):
    app = run(lang="en", article="monologue", qa_open="monologue:1")
    listed = question_list(app)
    assert listed["answer_chars"].tolist() == [0]
    assert any("Nobody answered this question" in c.value for c in app.caption)


def test_answers_about_one_theme_are_compared_with_answers_about_another():
    import json

    app = run(questions_tab="compare", qa_cmp_a=SAFETY, qa_cmp_b="智能体")
    charts = app.get("plotly_chart")
    assert len(charts) == 1  # the compare tab: the keywords chart of A against B
    traces = json.loads(charts[-1].proto.spec)["data"]
    # A bar group for each side's typical terms, named by its theme.
    names = " ".join(trace.get("name", "") for trace in traces)
    assert SAFETY in names and "智能体" in names
    same = run(lang="en", questions_tab="compare", qa_cmp_a=SAFETY, qa_cmp_b=SAFETY)
    assert any("Choose two different themes" in block.value for block in same.info)


def test_more_filters_are_drawn_only_when_their_box_is_open():
    # A closed expander's widgets still cost the browser their drawing (issue 21): the box
    # draws them when open, as a link with one of its settings opens it.
    from dashboard import session
    from tests.test_pages import run_page

    closed = run_page("questions", lang="en")
    assert session.view_widget("qa_term") not in [box.key for box in closed.text_input]
    opened = run_page("questions", lang="en", qa_term="AGI", qa_follow="1")
    assert opened.text_input(key=session.view_widget("qa_term")).value == "AGI"
    assert opened.selectbox(key=session.view_widget("qa_follow")).value == "1"
