"""The reading report: how a file was understood, stated per file (analysis.ingest.reading_report)."""

from pathlib import Path

from analysis import schema as s
from analysis.ingest.reading_report import (
    DESCRIPTION,
    EXAMPLE,
    LABELS,
    REASON,
    ROLE_FROM,
    reading_report,
    reading_reports,
)

ARTICLES = Path(__file__).parent / "articles"


def report_of(name: str):
    return reading_report(name, (ARTICLES / name).read_bytes())


def test_the_report_names_the_label_styles_with_an_example():
    report = report_of("podcast_timestamps.md")
    assert list(report.label_styles[LABELS]) == [10]
    assert "time stamp" in report.label_styles[DESCRIPTION].iloc[0]
    assert report.label_styles[EXAMPLE].iloc[0] == "陈屹 00:00:05"


def test_the_report_lists_speakers_with_turns_roles_and_where_the_role_came_from():
    report = report_of("panel_moderator.md")
    rows = report.speakers.set_index(s.SPEAKER)
    assert rows[s.TURNS_COUNT].to_dict() == {
        "王芳": 5,
        "李想远": 3,
        "赵晴": 3,
        "孙一鸣": 3,
        "现场提问者": 1,
    }
    assert rows.loc["王芳", s.ROLE] == "host"
    assert "role word" in rows.loc["王芳", ROLE_FROM]
    assert "roster" in rows.loc["赵晴", ROLE_FROM]
    assert "the label '主持人' is read as 王芳" in report.unsure


def test_the_report_groups_non_speech_lines_by_reason():
    report = report_of("podcast_timestamps.md")
    grouped = report.non_speech.groupby(REASON)[s.TEXT].apply(list).to_dict()
    assert grouped == {
        "credits": ["监制：周岚", "剪辑：小林", "制作：声动频道"],
        "stage_direction": ["（笑）"],
        "footer": ["点击关注，不错过每一期节目"],
    }


def test_the_report_says_which_roles_were_inferred_and_which_labels_were_renamed():
    report = report_of("cohosts_bracket_stamps.md")
    assert "the label '江' is read as 江屿" in report.unsure
    assert "the role of 周周 (host) was inferred from the conversation" in report.unsure


def test_a_line_shaped_like_a_label_but_not_taken_is_reported_as_unsure():
    body = "**主持人：** 问？\n\n**Sam Altman：** 答。\n\n**某人：** 这句是谁说的？\n"
    report = reading_report("a.md", body.encode())
    assert any("looks like a label ('某人')" in note for note in report.unsure)


def test_an_unreadable_file_gets_its_reason_and_empty_tables():
    report, good = reading_reports(
        [("broken.docx", b"PK\x03\x04" + bytes(50)), ("good.md", "**主持人：** 问？\n".encode())]
    )
    assert "damaged Word document" in report.error
    assert report.speakers.empty and report.label_styles.empty
    assert not good.error and list(good.speakers[s.SPEAKER]) == ["主持人"]


def test_notes_from_reading_are_in_the_report():
    text = "陈屹 00:00:05\n问？\n\n江屿 99:99:99\n答。\n\n陈屹 00:01:00\n再问？\n"
    report = reading_report("stamps.txt", text.encode())
    assert any("99:99:99" in note and "not a possible time" in note for note in report.unsure)
