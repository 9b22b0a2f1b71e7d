"""Word clouds of Chinese terms, drawn only with a font that has every glyph they need.

Font lookup, in order: an explicit path or the TRANSCRIPTS_FONT environment variable; the
system's CJK fonts (fontconfig, then the usual font folders); a font shipped inside an
installed Python package. Each candidate's character map is read, never trusted from its
file name. When none covers Chinese, `find_cjk_font` returns None and the dashboard shows a
bar chart instead; `lookup_cjk_font` also says why each candidate was passed over.
"""

from __future__ import annotations

import io
import logging
import os
import re
import shutil
import site
import subprocess
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

FONT_ENV = "TRANSCRIPTS_FONT"
FONT_SUFFIXES = (".ttc", ".otc", ".otf", ".ttf")
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.fonts", "~/.local/share/fonts")
# File names of the CJK fonts Linux distributions and Python packages commonly ship. Only
# these are opened when scanning font folders (fontconfig's answer is opened whatever its
# name); either way the character map decides.
KNOWN_CJK_NAMES = re.compile(
    r"cjk|wqy|wenquanyi|droidsansfallback|sourcehan|source-han|notosanssc|notoserifsc"
    r"|notosanstc|simhei|simsun|msyh|yahei|ukai|uming|arphic|lxgw|wenkai|fangsong|kaiti",
    re.IGNORECASE,
)
# A font file smaller than this cannot hold thousands of Chinese glyphs; skipping them keeps
# the scan of site-packages (matplotlib alone ships dozens of Latin fonts) quick.
MIN_PACKAGE_FONT_BYTES = 1_000_000

# The 505 most frequent characters of modern written Chinese, give or take: a font must have
# nearly all of them to count as a Chinese font.
PROBE = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞模智推理能"
PROBE_SHARE = 0.98


@dataclass(frozen=True)
class FontChoice:
    """The font a word cloud is drawn with, and how it was found."""

    path: Path
    found_by: str  # "setting", "system" or "python package"
    name: str = ""  # the face's full name, e.g. "Noto Sans CJK SC"
    # Which face of a collection (.ttc) to draw with; None picks its Chinese face (SC first).
    face: int | None = None


@dataclass(frozen=True)
class FontSearch:
    """Where `lookup_cjk_font` looks; the defaults are the documented lookup order."""

    setting: str | Path | None = None  # an explicit path; None falls back to $TRANSCRIPTS_FONT
    fontconfig: bool = True  # ask `fc-list :lang=zh` when the binary exists
    font_dirs: tuple[str, ...] = FONT_DIRS
    package_dirs: tuple[str, ...] | None = None  # None: this interpreter's site-packages


@dataclass(frozen=True)
class FontLookup:
    """The chosen font (or None) and why each candidate before it was passed over."""

    font: FontChoice | None
    rejected: tuple[tuple[str, str], ...] = field(default=())  # (path, reason)

    @property
    def message(self) -> str:
        """One paragraph for a person: which font, or why there is none and what to do."""
        if self.font is not None:
            return f"Word cloud font: {self.font.name or self.font.path} ({self.font.found_by}: {self.font.path})"
        tried = "; ".join(f"{path}: {reason}" for path, reason in self.rejected) or "none found"
        return (
            "No CJK font on this server, so word clouds are shown as bar charts. "
            f"Install the Debian package fonts-noto-cjk or set {FONT_ENV} to a font file "
            f"with Chinese glyphs. Candidates tried: {tried}."
        )


# ---------------------------------------------------------------- reading fonts

_CMAPS: dict[tuple[str, int], frozenset[int]] = {}
_FACES: dict[str, tuple[str, ...]] = {}


def _is_collection(path: Path) -> bool:
    return path.suffix.lower() in (".ttc", ".otc")


def font_faces(path: Path) -> tuple[str, ...]:
    """Full names of the faces in a font file (one for .ttf/.otf, several for a .ttc)."""
    key = str(path)
    if key not in _FACES:
        from fontTools.ttLib import TTCollection, TTFont

        try:
            if _is_collection(path):
                fonts = TTCollection(key, lazy=True).fonts
            else:
                fonts = [TTFont(key, lazy=True)]
            _FACES[key] = tuple(str(font["name"].getDebugName(4) or "") for font in fonts)
        except Exception:  # an unreadable or non-font file has no faces
            _FACES[key] = ()
    return _FACES[key]


def chinese_face(path: Path) -> int:
    """The face of a collection to draw Chinese with: Simplified Chinese, not monospaced.

    Debian's Noto Sans CJK collection starts with its Japanese face, whose forms of shared
    characters (直, 骨, 写 …) differ from the Chinese ones.
    """
    names = font_faces(path)

    def rank(index: int) -> tuple[bool, bool, bool, int]:
        name = names[index]
        simplified = bool(re.search(r"\bSC\b|Simplified|\bGB\b|简", name))
        chinese = simplified or bool(re.search(r"\bTC\b|\bHK\b|Traditional", name))
        return (not simplified, not chinese, "mono" in name.lower(), index)

    return min(range(len(names)), key=rank) if names else 0


def font_cmap(path: Path, face: int = 0) -> frozenset[int]:
    """Code points one face of the font can draw, read once per file and face."""
    key = (str(path), face)
    if key not in _CMAPS:
        from fontTools.ttLib import TTFont

        try:
            with TTFont(key[0], fontNumber=face if _is_collection(path) else -1, lazy=True) as font:
                _CMAPS[key] = frozenset(font.getBestCmap() or {})
        except Exception:  # an unreadable or non-font file simply doesn't qualify
            _CMAPS[key] = frozenset()
    return _CMAPS[key]


def _face_of(font: FontChoice) -> int:
    return chinese_face(font.path) if font.face is None else font.face


def font_chars(font: FontChoice) -> frozenset[int]:
    """Code points the chosen face of `font` can draw."""
    return font_cmap(font.path, _face_of(font))


def check_cjk_font(path: str | Path) -> tuple[FontChoice | None, str]:
    """A FontChoice (found_by left blank) if the file draws common Chinese, else None and why."""
    path = Path(path).expanduser()
    if not path.is_file():
        return None, "not a file" if path.exists() else "no such file"
    faces = font_faces(path)
    if not faces:
        return None, "not a font file fontTools can read"
    face = chinese_face(path)
    cmap = font_cmap(path, face)
    covered = sum(ord(ch) in cmap for ch in PROBE)
    if covered < PROBE_SHARE * len(PROBE):
        return None, f"has only {covered} of {len(PROBE)} common Chinese characters"
    return FontChoice(path, "", faces[face], face), ""


# ---------------------------------------------------------------- finding one


def _preference(path: Path) -> tuple[bool, int, bool, bool, str]:
    """Known CJK names first; sans (hei) before others before serif (song, ming, kai)."""
    name = path.name.lower()
    style = (
        0
        if re.search(r"sans|hei|gothic", name)
        else 2
        if re.search(r"serif|song|sun|ming|kai", name)
        else 1
    )
    heavy = bool(re.search(r"bold|black|heavy|light|thin|medium", name))
    return (not KNOWN_CJK_NAMES.search(name), style, "mono" in name, heavy, str(path))


def _fontconfig_candidates() -> list[Path]:
    if not shutil.which("fc-list"):
        return []
    try:
        listed = subprocess.run(
            ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=20
        )
    except (OSError, subprocess.SubprocessError):
        return []
    return [Path(line.split(":")[0].strip()) for line in listed.stdout.splitlines() if line.strip()]


def _folder_candidates(
    folders: Iterable[str], known_names_only: bool, min_bytes: int = 0
) -> list[Path]:
    paths = []
    for folder in folders:
        root = Path(folder).expanduser()
        if not root.is_dir():
            continue
        for path in root.rglob("*"):
            if path.suffix.lower() not in FONT_SUFFIXES:
                continue
            if known_names_only and not KNOWN_CJK_NAMES.search(path.name):
                continue
            try:
                if path.is_file() and path.stat().st_size >= min_bytes:
                    paths.append(path)
            except OSError:
                continue
    return paths


def _site_packages() -> tuple[str, ...]:
    folders = [*site.getsitepackages(), site.getusersitepackages()]
    folders += [p for p in sys.path if p.endswith(("site-packages", "dist-packages"))]
    return tuple(dict.fromkeys(folders))


def lookup_cjk_font(search: FontSearch | None = None) -> FontLookup:
    """The first font, in the documented order, whose glyphs cover common Chinese."""
    search = search or FontSearch()
    rejected: list[tuple[str, str]] = []

    def first(paths: Iterable[Path], found_by: str) -> FontChoice | None:
        for path in dict.fromkeys(paths):
            choice, reason = check_cjk_font(path)
            if choice is not None:
                return FontChoice(choice.path, found_by, choice.name, choice.face)
            rejected.append((str(path), reason))
        return None

    setting = search.setting or os.environ.get(FONT_ENV)
    if setting:
        font = first([Path(setting).expanduser()], "setting")
        if font is not None:
            return FontLookup(font, tuple(rejected))
        source = "the font setting" if search.setting else FONT_ENV
        log.warning("%s=%s is not used: %s", source, setting, rejected[-1][1])

    system = _fontconfig_candidates() if search.fontconfig else []
    system += _folder_candidates(search.font_dirs, known_names_only=True)
    font = first(sorted(dict.fromkeys(system), key=_preference), "system")
    if font is None:
        package_dirs = _site_packages() if search.package_dirs is None else search.package_dirs
        packaged = _folder_candidates(package_dirs, False, MIN_PACKAGE_FONT_BYTES)
        font = first(sorted(packaged, key=_preference), "python package")
    return FontLookup(font, tuple(rejected))


def find_cjk_font(explicit: str | Path | None = None) -> FontChoice | None:
    """The font to draw word clouds with, or None when this server has no CJK font."""
    return lookup_cjk_font(FontSearch(setting=explicit)).font


# ---------------------------------------------------------------- drawing


def missing_glyphs(terms: Iterable[str], font: FontChoice) -> set[str]:
    """Terms with at least one character the font cannot draw (they would show as boxes)."""
    cmap = font_chars(font)
    return {term for term in terms if any(ord(ch) not in cmap for ch in term)}


@dataclass(frozen=True)
class Cloud:
    """A rendered word cloud and what went into it."""

    png: bytes
    drawn: tuple[str, ...]  # the words actually placed on the image, largest first
    dropped: tuple[str, ...]  # words left out because the font lacks one of their glyphs


class _FacePath(str):
    """A font path that remembers which face of a collection to open."""

    face: int = 0


class _FaceAwareImageFont:
    """Stands in for PIL.ImageFont inside wordcloud, which opens fonts by path alone.

    wordcloud calls `ImageFont.truetype(font_path, size)` with no face index, so a .ttc
    would always be drawn with its first face; this passes the face a `_FacePath` carries.
    """

    def __getattr__(self, name: str):
        from PIL import ImageFont

        return getattr(ImageFont, name)

    @staticmethod
    def truetype(font=None, size=10, index=0, *args, **kwargs):
        from PIL import ImageFont

        return ImageFont.truetype(font, size, getattr(font, "face", index), *args, **kwargs)


def _wordcloud_class():
    import wordcloud.wordcloud as wordcloud_module

    if not isinstance(wordcloud_module.ImageFont, _FaceAwareImageFont):
        wordcloud_module.ImageFont = _FaceAwareImageFont()
    return wordcloud_module.WordCloud


def drawn_words(layout: Iterable[tuple]) -> tuple[str, ...]:
    """The words a WordCloud placed, from its `layout_` ((word, freq), size, pos, ...)."""
    return tuple(word for (word, _frequency), *_ in layout)


def render_cloud(
    frequencies: Mapping[str, float],
    font: FontChoice,
    width: int = 900,
    height: int = 450,
    max_words: int = 120,
    seed: int = 1,
) -> Cloud:
    """A PNG word cloud of already-segmented terms; words the font can't draw are dropped."""
    usable = {str(w): float(f) for w, f in frequencies.items() if str(w).strip() and f > 0}
    if not usable:
        raise ValueError("no terms with a positive frequency to draw in a word cloud")
    dropped = missing_glyphs(usable, font)
    usable = {w: f for w, f in usable.items() if w not in dropped}
    if not usable:
        raise ValueError(
            f"none of the {len(dropped)} terms can be drawn with {font.path}: it lacks their glyphs"
        )
    face_path = _FacePath(font.path)
    face_path.face = _face_of(font)
    cloud = _wordcloud_class()(
        font_path=face_path,
        width=width,
        height=height,
        background_color="white",
        max_words=max_words,
        random_state=seed,
        prefer_horizontal=0.95,
        collocations=False,
    )
    # From frequencies, so wordcloud's own regex tokeniser never splits the jieba terms.
    cloud.generate_from_frequencies(usable)
    buffer = io.BytesIO()
    cloud.to_image().save(buffer, format="PNG")
    return Cloud(buffer.getvalue(), drawn_words(cloud.layout_), tuple(sorted(dropped)))
