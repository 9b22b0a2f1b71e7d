"""CJK font lookup and word clouds: the font is chosen by its glyphs, and no box is ever drawn.

These tests need one CJK font on the machine (`tasks.py` installs Debian's fonts-noto-cjk);
every lookup below searches only folders the test builds from links to that font and to
matplotlib's Latin-only DejaVu Sans, so the machine's other fonts don't change the answers.
"""

import io
import logging
from dataclasses import replace
from pathlib import Path

import matplotlib
import pytest
from PIL import Image

from analysis.render.cloud import (
    FONT_ENV,
    FontChoice,
    FontSearch,
    chinese_face,
    find_cjk_font,
    font_chars,
    font_cmap,
    lookup_cjk_font,
    missing_glyphs,
    render_cloud,
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
LATIN_FONT = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
FREQUENCIES = {"人工智能": 9, "模型": 7, "算力": 5, "开源": 4, "直说": 3, "GPT": 3, "萨姆": 2}
SMALL = {"width": 240, "height": 140}
# Look only where a test says, never at the machine's own folders or packages.
NOWHERE = FontSearch(fontconfig=False, font_dirs=(), package_dirs=())


@pytest.fixture(scope="module")
def cjk_font() -> FontChoice:
    font = find_cjk_font()
    if font is None:
        pytest.fail(
            "no CJK font on this machine: install the Debian package fonts-noto-cjk "
            f"(tasks.py does) or set {FONT_ENV}"
        )
    return font


@pytest.fixture
def no_env(monkeypatch):
    monkeypatch.delenv(FONT_ENV, raising=False)


def link(folder: Path, name: str, target: Path) -> Path:
    """A font file in `folder` under a name of the test's choosing."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).symlink_to(target)
    return folder / name


# ---------------------------------------------------------------- lookup


def test_env_var_names_the_font(monkeypatch, cjk_font):
    monkeypatch.setenv(FONT_ENV, str(cjk_font.path))
    lookup = lookup_cjk_font(NOWHERE)
    assert lookup.font is not None
    assert (lookup.font.path, lookup.font.found_by) == (cjk_font.path, "setting")
    assert lookup.rejected == ()


def test_explicit_path_comes_before_the_env_var(monkeypatch, cjk_font):
    monkeypatch.setenv(FONT_ENV, str(LATIN_FONT))
    lookup = lookup_cjk_font(replace(NOWHERE, setting=cjk_font.path))
    assert lookup.font is not None and lookup.font.found_by == "setting"
    assert lookup.rejected == ()


def test_env_var_naming_a_latin_font_is_rejected_and_lookup_moves_on(
    monkeypatch, caplog, tmp_path, cjk_font
):
    monkeypatch.setenv(FONT_ENV, str(LATIN_FONT))
    link(tmp_path / "fonts", "NotoSansCJK-Regular.ttc", cjk_font.path)
    with caplog.at_level(logging.WARNING, logger="analysis.render.cloud"):
        lookup = lookup_cjk_font(replace(NOWHERE, font_dirs=(str(tmp_path / "fonts"),)))
    assert lookup.font is not None and lookup.font.found_by == "system"
    (path, reason), *_ = lookup.rejected
    assert path == str(LATIN_FONT)
    assert "common Chinese characters" in reason
    assert FONT_ENV in caplog.text and "common Chinese characters" in caplog.text


@pytest.mark.parametrize(
    ("make_setting", "reason"),
    [
        (lambda folder: folder / "missing.ttf", "no such file"),
        (lambda folder: folder / "notes.ttf", "not a font file"),
        (lambda folder: LATIN_FONT, "has only"),
    ],
    ids=["missing", "not-a-font", "latin-only"],
)
def test_unusable_setting_says_why(no_env, tmp_path, make_setting, reason):
    (tmp_path / "notes.ttf").write_text("这不是字体", encoding="utf-8")
    lookup = lookup_cjk_font(replace(NOWHERE, setting=make_setting(tmp_path)))
    assert lookup.font is None
    assert len(lookup.rejected) == 1 and reason in lookup.rejected[0][1]


def test_system_folders_prefer_a_sans_regular_face(no_env, tmp_path, cjk_font):
    fonts = tmp_path / "fonts"
    for name in ("NotoSerifCJK-Regular.ttc", "NotoSansCJK-Bold.ttc", "NotoSansCJK-Regular.ttc"):
        link(fonts / "opentype", name, cjk_font.path)
    font = lookup_cjk_font(replace(NOWHERE, font_dirs=(str(fonts),))).font
    assert font is not None and font.path.name == "NotoSansCJK-Regular.ttc"


def test_file_names_are_not_trusted(no_env, tmp_path, cjk_font):
    fonts = tmp_path / "fonts"
    impostor = link(fonts, "NotoSansCJK-Regular.ttf", LATIN_FONT)
    link(fonts, "wqy-zenhei.ttc", cjk_font.path)
    lookup = lookup_cjk_font(replace(NOWHERE, font_dirs=(str(fonts),)))
    assert lookup.font is not None and lookup.font.path.name == "wqy-zenhei.ttc"
    assert [path for path, _ in lookup.rejected] == [str(impostor)]


def test_a_font_inside_a_python_package_is_the_last_resort(no_env, tmp_path, cjk_font):
    site_packages = tmp_path / "site-packages"
    link(site_packages / "somefonts" / "data", "Whatever.ttc", cjk_font.path)
    link(site_packages / "latin" / "data", "Big.ttf", LATIN_FONT)  # under the size floor
    font = lookup_cjk_font(replace(NOWHERE, package_dirs=(str(site_packages),))).font
    assert font is not None
    assert (font.path.name, font.found_by) == ("Whatever.ttc", "python package")


def test_no_cjk_font_gives_none_and_a_message_for_the_page(no_env, tmp_path):
    fonts = tmp_path / "fonts"
    link(fonts, "DroidSansFallback.ttf", LATIN_FONT)
    lookup = lookup_cjk_font(replace(NOWHERE, font_dirs=(str(fonts),)))
    assert lookup.font is None
    assert "bar chart" in lookup.message and "fonts-noto-cjk" in lookup.message
    assert "DroidSansFallback.ttf: has only" in lookup.message


def test_a_collection_draws_with_its_simplified_chinese_face(cjk_font):
    if cjk_font.path.suffix.lower() != ".ttc":
        pytest.skip(f"{cjk_font.path.name} is not a font collection")
    face = chinese_face(cjk_font.path)
    assert cjk_font.face == face
    assert "SC" in cjk_font.name.split() or "Simplified" in cjk_font.name
    # 直 differs between Japanese and Chinese forms, so the face chosen shows in the picture.
    japanese_first = render_cloud({"直": 1}, replace(cjk_font, face=0), 60, 60).png
    chinese = render_cloud(
        {"直": 1}, FontChoice(cjk_font.path, "as the page builds it"), 60, 60
    ).png
    assert face == 0 or chinese != japanese_first


def test_cmap_is_read_once_per_font_and_face(cjk_font):
    assert font_cmap(cjk_font.path, 0) is font_cmap(cjk_font.path, 0)


# ---------------------------------------------------------------- drawing


def test_cloud_is_a_png_whose_drawn_characters_are_all_in_the_font(cjk_font):
    cloud = render_cloud(FREQUENCIES, cjk_font, **SMALL)
    assert cloud.png.startswith(PNG_SIGNATURE)
    image = Image.open(io.BytesIO(cloud.png))
    assert image.format == "PNG" and image.size == (SMALL["width"], SMALL["height"])
    assert cloud.drawn and set(cloud.drawn) <= set(FREQUENCIES)
    assert cloud.drawn[0] == "人工智能"
    cmap = font_chars(cjk_font)
    assert all(ord(ch) in cmap for word in cloud.drawn for ch in word)
    assert cloud.dropped == ()


def test_same_frequencies_draw_the_same_picture(cjk_font):
    assert render_cloud(FREQUENCIES, cjk_font, **SMALL) == render_cloud(
        FREQUENCIES, cjk_font, **SMALL
    )


def test_terms_the_font_cannot_draw_are_dropped_and_reported(cjk_font):
    frequencies = {"人工智能": 5, "笑😀": 9, "模型": 3}
    assert missing_glyphs(frequencies, cjk_font) == {"笑😀"}
    cloud = render_cloud(frequencies, cjk_font, **SMALL)
    assert cloud.dropped == ("笑😀",)
    assert "笑😀" not in cloud.drawn and set(cloud.drawn) == {"人工智能", "模型"}


def test_a_latin_font_drops_every_chinese_term():
    latin = FontChoice(LATIN_FONT, "test")
    cloud = render_cloud({"模型": 5, "GPT": 2, "OpenAI的": 1}, latin, **SMALL)
    assert cloud.drawn == ("GPT",)
    assert cloud.dropped == ("OpenAI的", "模型")


@pytest.mark.parametrize("frequencies", [{}, {"模型": 0}, {" ": 3}], ids=["empty", "zero", "blank"])
def test_nothing_to_draw_is_a_clear_value_error(cjk_font, frequencies):
    with pytest.raises(ValueError, match="no terms with a positive frequency"):
        render_cloud(frequencies, cjk_font, **SMALL)


def test_terms_all_missing_from_the_font_is_a_clear_value_error():
    with pytest.raises(ValueError, match="lacks their glyphs"):
        render_cloud({"模型": 5}, FontChoice(LATIN_FONT, "test"), **SMALL)
