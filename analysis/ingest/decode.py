"""Turning the bytes of an uploaded or saved file into text, or saying plainly why not."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

# Signatures of files that are sometimes renamed to .txt by mistake.
BINARY_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF87a": "a GIF image",
    b"GIF89a": "a GIF image",
    b"PK\x03\x04": "a zip archive (or a Word/Excel file)",
    b"%PDF": "a PDF document",
    b"\x1f\x8b": "a gzip archive",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf\x27\x1c": "a 7-Zip archive",
    b"\xd0\xcf\x11\xe0": "an old Office document",
    b"\x7fELF": "a program",
    b"MZ": "a Windows program",
}

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Legacy Chinese encodings, tried after UTF-8. GB18030 is a superset of GBK and GB2312.
LEGACY_ENCODINGS = ("gb18030", "big5")


class UnreadableFile(ValueError):
    """The bytes are not text we can read; the message says why in plain words."""


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    notes: tuple[str, ...] = ()


def _utf16_without_bom(data: bytes) -> str | None:
    """Guess BOM-less UTF-16 from NUL bytes falling on every other position."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = len(data) // 2
    if odd_nuls > half * 0.3 and even_nuls < half * 0.05:
        return "utf-16-le"
    if even_nuls > half * 0.3 and odd_nuls < half * 0.05:
        return "utf-16-be"
    return None


def _plausible_ratio(text: str) -> float:
    """Share of characters a Chinese text is made of; wrong decodings yield private-use and kana."""
    if not text:
        return 0.0
    plausible = sum(
        1
        for ch in text
        if ch.isascii()
        or "\u4e00" <= ch <= "\u9fff"
        or "\u3000" <= ch <= "\u303f"
        or "\uff00" <= ch <= "\uffef"
        or ch in "“”‘’…—·"
    )
    return plausible / len(text)


def _common_han_ratio(text: str) -> float:
    """Share of Han characters in the common block, to pick between legacy decodings."""
    han = [ch for ch in text if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"]
    if not han:
        return 0.0
    # Frequent characters sit in the GB2312 level-1 set; a wrong decoding yields rare ones.
    common = 0
    for ch in han:
        try:
            encoded = ch.encode("gb2312")
        except UnicodeEncodeError:
            continue
        if 0xB0 <= encoded[0] <= 0xD7:
            common += 1
    return common / len(han)


def decode_bytes(data: bytes) -> DecodedText:
    """Decode a transcript file: BOMs, UTF-8, UTF-16, GB18030/GBK and Big5 are understood."""
    if not data or not data.strip():
        raise UnreadableFile("the file is empty")
    for signature, kind in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise UnreadableFile(f"this is {kind}, not a text file")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as error:
                raise UnreadableFile(
                    f"it starts like {encoding.upper()} text but is damaged at byte {error.start}"
                ) from error
            return _finish(text, encoding)
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return _finish(data.decode(utf16), utf16)
        except UnicodeDecodeError:
            pass
    try:
        return _finish(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    candidates = []
    for encoding in LEGACY_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        candidates.append(((_plausible_ratio(text), _common_han_ratio(text)), encoding, text))
    if candidates:
        _, encoding, text = max(candidates, key=lambda c: c[0])
        return _finish(text, encoding, (f"read as {encoding.upper()} text, not UTF-8",))
    # Mostly UTF-8 with a few broken bytes: keep the text, say so.
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad <= max(3, len(text) // 100):
        return _finish(text, "utf-8", (f"{bad} damaged byte(s) were replaced",))
    raise UnreadableFile("it is not text in any encoding we know (UTF-8, UTF-16, GBK, Big5)")


def decode_file(file_name: str, data: bytes) -> DecodedText:
    """Decode a file by its content: Word documents (.docx) through python-docx, the rest as
    text in whatever encoding it is in."""
    from analysis.ingest.docx_text import docx_to_text, is_docx

    if is_docx(data) or (file_name.lower().endswith(".docx") and data.startswith(b"PK")):
        return _finish(docx_to_text(data), "docx")
    if file_name.lower().endswith(".docx"):
        kind = next((k for sig, k in BINARY_SIGNATURES.items() if data.startswith(sig)), "")
        raise UnreadableFile(f"it is named .docx but is {kind or 'not a Word document'}")
    return decode_bytes(data)


def _finish(text: str, encoding: str, notes: tuple[str, ...] = ()) -> DecodedText:
    if "\x00" in text:
        # NUL bytes have no place in a transcript; a few come from broken exports.
        nuls = text.count("\x00")
        if nuls > len(text) * 0.1:
            raise UnreadableFile("it looks like a binary file, not text")
        text = text.replace("\x00", "")
        notes = (*notes, f"{nuls} NUL byte(s) were removed")
    if not text.strip():
        raise UnreadableFile("the file has no text, only white space")
    return DecodedText(text=text, encoding=encoding, notes=notes)
