"""Word documents (.docx) as the markdown-like text the reader understands.

Transcription services and editors hand out .docx files. Reading them through python-docx,
bold runs become `**…**` (so `**陈屹：**` labels work as in markdown), Title and Heading
paragraphs become `#` lines, pictures `![](picture)` lines (so a caption under one is seen),
and every paragraph its own paragraph. Tables are read cell by cell, in document order.
"""

from __future__ import annotations

import io
import zipfile

from analysis.ingest.decode import UnreadableFile

DOCUMENT_PART = "word/document.xml"
# A .docx is a zip; one that unpacks to far more than any transcript is refused unread.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
PICTURE_LINE = "![](picture)"


def is_docx(data: bytes) -> bool:
    """A zip archive holding a Word document's main part."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return DOCUMENT_PART in archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def _check_archive(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise UnreadableFile(
            f"it is a damaged Word document (not a readable zip: {error})"
        ) from error
    if DOCUMENT_PART not in names:
        raise UnreadableFile("it is a damaged Word document (it has no word/document.xml)")
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableFile(
            f"it is a Word document that unpacks to {unpacked / 1024 / 1024:.0f} MB, "
            f"more than the {MAX_UNPACKED_BYTES // 1024 // 1024} MB a transcript could need"
        )


def _is_bold(run, paragraph_bold: bool) -> bool:
    if run.bold is not None:
        return bool(run.bold)
    if run.style is not None and run.style.font.bold:
        return True
    return paragraph_bold


def _runs_to_markdown(paragraph) -> str:
    """The paragraph's runs with bold ones wrapped in `**`, line by line."""
    style_font = paragraph.style.font if paragraph.style is not None else None
    paragraph_bold = bool(style_font and style_font.bold)
    lines: list[list[str]] = [[]]
    for run in paragraph.runs:
        bold = _is_bold(run, paragraph_bold)
        for n, piece in enumerate(run.text.split("\n")):
            if n:
                lines.append([])
            if piece:
                lines[-1].append(f"**{piece}**" if bold and piece.strip() else piece)
    # Adjacent bold runs (`**陈**` `**屹：**`) are one bold stretch.
    return "\n".join("".join(parts).replace("****", "") for parts in lines)


def _heading_level(paragraph, has_title: bool) -> int:
    name = paragraph.style.name if paragraph.style is not None else ""
    if name == "Title":
        return 1
    if name.startswith("Heading "):
        try:
            level = int(name.split()[1])
        except (IndexError, ValueError):
            return 0
        return min(6, level + 1 if has_title else level)
    return 0


def _paragraphs(document):
    """Body paragraphs in document order, table cells included."""
    for block in document.iter_inner_content():
        if hasattr(block, "runs"):
            yield block
            continue
        for row in block.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def docx_to_text(data: bytes) -> str:
    """The document as markdown-like text; UnreadableFile says why when it can't be read."""
    _check_archive(data)
    try:
        from docx import Document

        document = Document(io.BytesIO(data))
        paragraphs = list(_paragraphs(document))
        has_title = any(p.style is not None and p.style.name == "Title" for p in paragraphs)
        blocks = []
        for paragraph in paragraphs:
            if paragraph._p.xpath(".//w:drawing | .//w:pict"):
                blocks.append(PICTURE_LINE)
            level = _heading_level(paragraph, has_title)
            if level:
                text = paragraph.text.strip()
                if text:
                    blocks.append("#" * level + " " + text)
                continue
            text = _runs_to_markdown(paragraph)
            if text.strip():
                blocks.append(text)
    except UnreadableFile:
        raise
    except Exception as error:  # python-docx and lxml raise many kinds on a broken part
        raise UnreadableFile(f"it is a damaged Word document ({type(error).__name__})") from error
    if not blocks:
        raise UnreadableFile("the Word document has no text")
    return "\n\n".join(blocks) + "\n"
