"""Word clouds of Chinese terms, drawn only with a font that has every glyph.

Font lookup, in order: an explicit path or the TRANSCRIPTS_FONT environment variable; the
system's CJK fonts (fontconfig, then the usual font folders); a font shipped inside an
installed Python package. Each candidate's character map is checked, not its name. When
none covers Chinese, `find_cjk_font` returns None and the dashboard shows a bar chart.
"""

from __future__ import annotations

import io
import os
import shutil
import site
import subprocess
from dataclasses import dataclass
from pathlib import Path

FONT_ENV = "TRANSCRIPTS_FONT"
FONT_SUFFIXES = (".ttc", ".otf", ".ttf")
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.fonts", "~/.local/share/fonts")
# Frequent characters a font must have to count as a Chinese font.
PROBE = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞模智推理能"


@dataclass(frozen=True)
class FontChoice:
    path: Path
    found_by: str  # "setting", "system" or "python package"


_CMAPS: dict[str, frozenset[int]] = {}


def font_cmap(path: Path) -> frozenset[int]:
    """Code points the font can draw (first face of a collection), read once per file."""
    key = str(path)
    if key not in _CMAPS:
        from fontTools.ttLib import TTFont

        try:
            font = (
                TTFont(key, fontNumber=0, lazy=True)
                if key.lower().endswith(".ttc")
                else TTFont(key, lazy=True)
            )
            _CMAPS[key] = frozenset(font.getBestCmap() or {})
            font.close()
        except Exception:  # an unreadable or non-font file simply doesn't qualify
            _CMAPS[key] = frozenset()
    return _CMAPS[key]


def covers_chinese(path: Path, minimum: float = 0.98) -> bool:
    cmap = font_cmap(path)
    return bool(cmap) and sum(ord(ch) in cmap for ch in PROBE) >= minimum * len(PROBE)


def _system_candidates() -> list[Path]:
    paths: list[Path] = []
    if shutil.which("fc-list"):
        listed = subprocess.run(
            ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=20
        )
        paths += [
            Path(line.split(":")[0].strip()) for line in listed.stdout.splitlines() if line.strip()
        ]
    for folder in FONT_DIRS:
        root = Path(folder).expanduser()
        if root.is_dir():
            paths += [
                p
                for p in root.rglob("*")
                if p.suffix.lower() in FONT_SUFFIXES
                and any(
                    k in p.name.lower()
                    for k in ("cjk", "wqy", "wenquan", "han", "hei", "song", "fallback", "noto")
                )
            ]
    # Sans faces read best in a cloud; regular weight before bold.
    return sorted(
        dict.fromkeys(paths),
        key=lambda p: (
            "sans" not in p.name.lower(),
            "regular" not in p.name.lower(),
            "bold" in p.name.lower(),
            str(p),
        ),
    )


def _package_candidates() -> list[Path]:
    paths = []
    for folder in site.getsitepackages():
        root = Path(folder)
        if root.is_dir():
            paths += [p for p in root.glob("*/**/*") if p.suffix.lower() in FONT_SUFFIXES]
    return paths


def find_cjk_font(explicit: str | Path | None = None) -> FontChoice | None:
    """The first font, in the documented order, whose glyphs cover common Chinese."""
    setting = explicit or os.environ.get(FONT_ENV)
    if setting and Path(setting).is_file() and covers_chinese(Path(setting)):
        return FontChoice(Path(setting), "setting")
    for path in _system_candidates():
        if path.is_file() and covers_chinese(path):
            return FontChoice(path, "system")
    for path in _package_candidates():
        if covers_chinese(path):
            return FontChoice(path, "python package")
    return None


def missing_glyphs(terms, font: FontChoice) -> set[str]:
    """Terms with at least one character the font cannot draw (they would show as boxes)."""
    cmap = font_cmap(font.path)
    return {term for term in terms if any(ord(ch) not in cmap for ch in term if not ch.isspace())}


@dataclass(frozen=True)
class Cloud:
    png: bytes
    drawn: tuple[str, ...]  # the words actually placed on the image
    dropped: tuple[str, ...]  # words left out because the font lacks a glyph


def render_cloud(
    frequencies: dict[str, float],
    font: FontChoice,
    width: int = 900,
    height: int = 450,
    max_words: int = 120,
    seed: int = 1,
) -> Cloud:
    """A PNG word cloud; words the font can't draw are dropped first, never shown as boxes."""
    from wordcloud import WordCloud

    dropped = missing_glyphs(frequencies, font)
    usable = {w: f for w, f in frequencies.items() if w not in dropped and f > 0}
    if not usable:
        raise ValueError("no words to draw")
    cloud = WordCloud(
        font_path=str(font.path),
        width=width,
        height=height,
        background_color="white",
        max_words=max_words,
        random_state=seed,
        prefer_horizontal=0.95,
        collocations=False,
    )
    cloud.generate_from_frequencies(usable)
    buffer = io.BytesIO()
    cloud.to_image().save(buffer, format="PNG")
    drawn = tuple(word for (word, _), *_ in cloud.layout_)
    return Cloud(buffer.getvalue(), drawn, tuple(sorted(dropped)))
