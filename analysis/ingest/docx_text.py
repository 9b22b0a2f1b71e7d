"""Word documents (.docx) as the markdown-like text the reader understands.

Transcription services and editors hand out .docx files. Bold runs become `**…**` (so
`**陈屹：**` labels work as in markdown), Title and Heading paragraphs become `#` lines,
pictures `![](picture)` lines (so a caption under one is seen), and every paragraph its own
paragraph. Tables are read cell by cell, nested tables too, in document order; words inside
hyperlinks, content controls and tracked insertions are read, deleted ones are not.

A .docx is a zip of XML parts; the reader takes `word/styles.xml` once (a dictionary of the
styles, so a run's style is one lookup) and streams `word/document.xml`, paragraph by
paragraph. Each part is inflated in chunks and refused past `MAX_PART_BYTES` of actual
output, whatever its zip header declares: a 1.98 MB file whose document.xml held 2 GB while
declaring 1,000 bytes took the server from 722 MB to 2.7 GB when zipfile inflated it whole.
The XML parser resolves no entities, loads no DTD and never touches the network; no other
part (relationships, external targets, pictures) is opened.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from analysis.ingest.decode import UnreadableFile

DOCUMENT_PART = "word/document.xml"
STYLES_PART = "word/styles.xml"
# A .docx is a zip; one that declares far more than any transcript is refused unread.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# What one part may inflate to, counted as it is inflated (headers can lie). A book-length
# transcript's document.xml is a few MB; a 41 KB file of many runs was 1.2 MB of XML.
MAX_PART_BYTES = 64 * 1024 * 1024
MAX_STYLES_BYTES = 8 * 1024 * 1024
CHUNK = 64 * 1024  # bytes inflated per read
PICTURE_LINE = "![](picture)"

# Word's transitional namespace and the strict one (ISO 29500 Strict); the same tags in both.
NAMESPACES = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
)
FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _tags(*names: str) -> frozenset[str]:
    return frozenset(f"{{{ns}}}{name}" for ns in NAMESPACES for name in names)


PARAGRAPH = _tags("p")
RUN = _tags("r")
# Inside a paragraph, elements whose runs are the paragraph's words (hyperlinks, content
# controls, fields, tracked insertions, …); deleted text (w:del, w:moveFrom) is left out.
RUN_CONTAINERS = _tags(
    "hyperlink", "smartTag", "sdt", "sdtContent", "fldSimple", "customXml", "ins", "moveTo",
    "dir", "bdo",
)  # fmt: skip
PICTURES = _tags("drawing", "pict")
TEXT, TAB, PTAB, BREAK, CR, NO_BREAK_HYPHEN = (
    _tags(name) for name in ("t", "tab", "ptab", "br", "cr", "noBreakHyphen")
)
P_PR, R_PR, P_STYLE, R_STYLE, BOLD = (
    _tags(name) for name in ("pPr", "rPr", "pStyle", "rStyle", "b")
)
STYLE, NAME, TABLE = _tags("style"), _tags("name"), _tags("tbl")
# Word's internal names for the styles whose names are shown otherwise (python-docx's list).
UI_NAMES = {"caption": "Caption", "footer": "Footer", "header": "Header"} | {
    f"heading {n}": f"Heading {n}" for n in range(1, 10)
}


def is_docx(data: bytes) -> bool:
    """A zip archive holding a Word document's main part."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return DOCUMENT_PART in archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def _open_archive(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        declared = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise UnreadableFile(
            f"it is a damaged Word document (not a readable zip: {error})"
        ) from error
    if DOCUMENT_PART not in names:
        archive.close()
        raise UnreadableFile("it is a damaged Word document (it has no word/document.xml)")
    if declared > MAX_UNPACKED_BYTES:
        archive.close()
        raise UnreadableFile(
            f"it is a Word document that unpacks to {declared / 1024 / 1024:.0f} MB, "
            f"more than the {MAX_UNPACKED_BYTES // 1024 // 1024} MB a transcript could need"
        )
    return archive


class _CappedPart(io.RawIOBase):
    """One zip entry, inflated CHUNK bytes at a time and refused once its actual output
    passes `cap` bytes. zipfile's own read() inflates a whole entry in one call (and only
    then compares it with the declared size); read(n) inflates at most n bytes per call."""

    def __init__(self, archive: zipfile.ZipFile, name: str, cap: int) -> None:
        info = archive.getinfo(name)
        # Word writes deflate or stored; zipfile inflates bzip2 and LZMA without a limit.
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise UnreadableFile(
                f"it is a damaged Word document ({name} is compressed in a way Word never uses)"
            )
        self.name, self.cap, self.read_bytes = name, cap, 0
        self.entry = archive.open(info)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.entry.read(min(len(buffer), CHUNK))
        self.read_bytes += len(data)
        if self.read_bytes > self.cap:
            raise UnreadableFile(
                f"it is a Word document whose {self.name} unpacks to more than "
                f"{_size(self.cap)}, more than a transcript could need"
            )
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self.entry.close()
        super().close()


def _size(count: int) -> str:
    return f"{count // 1024 // 1024} MB" if count >= 1024 * 1024 else f"{count // 1024} KB"


def _events(archive: zipfile.ZipFile, name: str, cap: int, tags: frozenset[str]):
    """lxml's parse events for `tags` in one part, streamed: no entity is resolved, no DTD
    loaded, nothing fetched from the network, and a tree deeper than libxml2's limit (256)
    is an error rather than a stack of recursion."""
    part = io.BufferedReader(_CappedPart(archive, name, cap), CHUNK)
    return part, etree.iterparse(
        part,
        events=("start", "end"),
        tag=sorted(tags),
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def _on(element) -> bool:
    """A w:b-like switch: present and not switched off."""
    value = _attribute(element, "val")
    return value is None or value.strip().lower() not in ("0", "false", "off")


def _attribute(element, name: str) -> str | None:
    for ns in NAMESPACES:
        value = element.get(f"{{{ns}}}{name}")
        if value is not None:
            return value
    return None


def _child(element, tags: frozenset[str]):
    for child in element:
        if child.tag in tags:
            return child
    return None


def _bold_of(properties) -> bool | None:
    """The bold switch of a w:rPr (None: not said)."""
    if properties is None:
        return None
    bold = _child(properties, BOLD)
    return None if bold is None else _on(bold)


@dataclass(frozen=True)
class _Style:
    kind: str | None
    name: str
    bold: bool | None


class _Styles:
    """word/styles.xml read once: each style by id, and each kind's default style.

    As python-docx resolved them (so documents read as before), in one lookup instead of a
    scan of every style per run (~30 s of CPU per MB of document.xml): the first style with
    an id; a missing id, or one of another kind, is that kind's default (the last marked
    default); a style's bold is its own w:rPr/w:b."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.by_id: dict[str, _Style] = {}
        self.defaults: dict[str, _Style] = {}
        if STYLES_PART not in archive.namelist():
            return
        part, events = _events(archive, STYLES_PART, MAX_STYLES_BYTES, STYLE)
        with part:
            for event, element in events:
                if event != "end":
                    continue
                name = _child(element, NAME)
                internal = _attribute(name, "val") if name is not None else None
                style = _Style(
                    kind=_attribute(element, "type"),
                    name=UI_NAMES.get(internal or "", internal or ""),
                    bold=_bold_of(_child(element, R_PR)),
                )
                self.by_id.setdefault(_attribute(element, "styleId") or "", style)
                default = _attribute(element, "default")
                if default is not None and default.strip().lower() in ("1", "true", "on"):
                    self.defaults[style.kind or ""] = style
                element.clear()
                while element.getprevious() is not None:
                    del element.getparent()[0]

    def get(self, style_id: str | None, kind: str) -> _Style | None:
        style = self.by_id.get(style_id) if style_id else None
        if style is None or style.kind != kind:
            return self.defaults.get(kind)
        return style


def _style_id(properties, tags: frozenset[str]) -> str | None:
    if properties is None:
        return None
    reference = _child(properties, tags)
    return None if reference is None else _attribute(reference, "val")


def _run_text(run) -> str:
    """A run's text as python-docx gave it: tabs, line breaks (not page or column breaks)
    and non-breaking hyphens as characters."""
    pieces = []
    for child in run:
        tag = child.tag
        if tag in TEXT:
            pieces.append(child.text or "")
        elif tag in TAB or tag in PTAB:
            pieces.append("\t")
        elif tag in CR:
            pieces.append("\n")
        elif tag in BREAK:
            kind = _attribute(child, "type")
            pieces.append("\n" if kind in (None, "textWrapping") else "")
        elif tag in NO_BREAK_HYPHEN:
            pieces.append("-")
    return "".join(pieces)


def _runs(element) -> Iterator:
    """The paragraph's runs in order, those inside hyperlinks and other containers too."""
    for child in element:
        if child.tag in RUN:
            yield child
        elif child.tag in RUN_CONTAINERS:
            yield from _runs(child)


@dataclass(frozen=True)
class _Paragraph:
    picture: bool
    style_name: str
    text: str  # plain, for headings
    markdown: str  # bold runs as **…**


def _paragraph(element, styles: _Styles) -> _Paragraph:
    paragraph_style = styles.get(_style_id(_child(element, P_PR), P_STYLE), "paragraph")
    paragraph_bold = bool(paragraph_style and paragraph_style.bold)
    plain: list[str] = []
    lines: list[list[str]] = [[]]
    for run in _runs(element):
        text = _run_text(run)
        plain.append(text)
        properties = _child(run, R_PR)
        bold = _bold_of(properties)
        if bold is None:
            run_style = styles.get(_style_id(properties, R_STYLE), "character")
            bold = bool(run_style and run_style.bold) or paragraph_bold
        for n, piece in enumerate(text.split("\n")):
            if n:
                lines.append([])
            if piece:
                lines[-1].append(f"**{piece}**" if bold and piece.strip() else piece)
    picture = next(element.iter(*PICTURES), None) is not None
    return _Paragraph(
        picture=picture,
        style_name=paragraph_style.name if paragraph_style else "",
        text="".join(plain),
        # Adjacent bold runs (`**陈**` `**屹：**`) are one bold stretch.
        markdown="\n".join("".join(parts).replace("****", "") for parts in lines),
    )


def _paragraphs(archive: zipfile.ZipFile, styles: _Styles) -> Iterator[_Paragraph]:
    """The body's paragraphs in document order, table cells (nested ones too) included.

    A paragraph inside another (a text box drawn in a run) is not one of them, nor is the
    fallback copy Word keeps of content it also holds in a newer form (mc:Fallback)."""
    part, events = _events(archive, DOCUMENT_PART, MAX_PART_BYTES, PARAGRAPH | TABLE | {FALLBACK})
    depth = fallback = 0
    with part:
        for event, element in events:
            tag = element.tag
            if tag == FALLBACK:
                fallback += 1 if event == "start" else -1
                continue
            if tag in PARAGRAPH:
                if event == "start":
                    depth += 1
                    continue
                depth -= 1
                if depth or fallback:
                    continue
                yield _paragraph(element, styles)
            elif event == "start" or depth:
                continue
            # A paragraph or table read: free it and what came before it.
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]


def _heading_level(paragraph: _Paragraph, has_title: bool) -> int:
    name = paragraph.style_name
    if name == "Title":
        return 1
    if name.startswith("Heading "):
        try:
            level = int(name.split()[1])
        except (IndexError, ValueError):
            return 0
        return min(6, level + 1 if has_title else level)
    return 0


def docx_to_text(data: bytes) -> str:
    """The document as markdown-like text; UnreadableFile says why when it can't be read."""
    archive = _open_archive(data)
    try:
        styles = _Styles(archive)
        paragraphs = list(_paragraphs(archive, styles))
    except UnreadableFile:
        raise
    except Exception as error:  # zipfile and lxml raise many kinds on a broken part
        raise UnreadableFile(f"it is a damaged Word document ({type(error).__name__})") from error
    finally:
        archive.close()
    has_title = any(p.style_name == "Title" for p in paragraphs)
    blocks = []
    for paragraph in paragraphs:
        if paragraph.picture:
            blocks.append(PICTURE_LINE)
        level = _heading_level(paragraph, has_title)
        if level:
            text = paragraph.text.strip()
            if text:
                blocks.append("#" * level + " " + text)
            continue
        if paragraph.markdown.strip():
            blocks.append(paragraph.markdown)
    if not blocks:
        raise UnreadableFile("the Word document has no text")
    return "\n\n".join(blocks) + "\n"
