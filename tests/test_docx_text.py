"""Word documents: what is read (hyperlinks, nested tables, styles) and what is refused
(inflation bombs with forged sizes, entities, network fetches), each file built here."""

from __future__ import annotations

import http.server
import io
import struct
import threading
import tracemalloc
import zipfile

import pytest

from analysis.ingest import docx_text
from analysis.ingest.decode import UnreadableFile
from analysis.ingest.docx_text import docx_to_text
from analysis.ingest.reader import read_corpus

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>'
)
DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/styles" Target="styles.xml"/></Relationships>'
)
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def document_xml(body: str, namespace: str = W, prolog: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f'<w:document xmlns:w="{namespace}" xmlns:r="{R}"><w:body>{body}</w:body></w:document>'
    )


def package(document: str | bytes, styles: str | None = None, extra: dict | None = None) -> bytes:
    """A .docx from its parts' text, zipped as Word zips them (deflate)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("word/document.xml", document)
        if styles is not None:
            archive.writestr("word/styles.xml", styles)
            archive.writestr("word/_rels/document.xml.rels", DOCUMENT_RELS)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def run(text: str, bold: bool | None = None, style: str | None = None) -> str:
    properties = ""
    if style is not None:
        properties += f'<w:rStyle w:val="{style}"/>'
    if bold is not None:
        properties += "<w:b/>" if bold else '<w:b w:val="0"/>'
    properties = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    return f'<w:r>{properties}<w:t xml:space="preserve">{text}</w:t></w:r>'


def paragraph(*runs: str, style: str | None = None) -> str:
    properties = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{properties}{''.join(runs)}</w:p>"


def table(*rows: list[str]) -> str:
    cells = "".join(
        "<w:tr>" + "".join(f"<w:tc>{cell}</w:tc>" for cell in row) + "</w:tr>" for row in rows
    )
    return f"<w:tbl>{cells}</w:tbl>"


# ---------------------------------------------------------------- what is read


def test_words_inside_a_hyperlink_are_read():
    body = paragraph(
        run("主持人：", bold=True),
        run("请看"),
        f'<w:hyperlink r:id="rId9">{run("OpenAI 的")}{run("官网", bold=True)}</w:hyperlink>',
        run("。"),
    )
    assert docx_to_text(package(document_xml(body))) == "**主持人：**请看OpenAI 的**官网**。\n"


def test_text_in_nested_tables_is_read_in_document_order():
    inner = table([paragraph(run("内层一")), paragraph(run("内层二"))])
    body = (
        paragraph(run("表前"))
        + table([paragraph(run("外层甲")) + inner + paragraph(run("外层乙")), paragraph(run("丙"))])
        + paragraph(run("表后"))
    )
    text = docx_to_text(package(document_xml(body)))
    assert text.split("\n\n") == ["表前", "外层甲", "内层一", "内层二", "外层乙", "丙", "表后\n"]


def test_a_document_of_only_a_nested_table_has_text():
    body = table([table([paragraph(run("**Sam Altman：** 只在嵌套表格里。"))])])
    assert "只在嵌套表格里" in docx_to_text(package(document_xml(body)))


def test_inserted_words_are_read_and_deleted_ones_are_not():
    body = paragraph(
        run("我们"),
        f"<w:ins>{run('终于')}</w:ins>",
        '<w:del><w:r><w:delText xml:space="preserve">没有</w:delText></w:r></w:del>',
        f"<w:sdt><w:sdtContent>{run('做到了')}</w:sdtContent></w:sdt>",
    )
    assert docx_to_text(package(document_xml(body))) == "我们终于做到了\n"


def test_strict_ooxml_documents_are_read():
    strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    body = paragraph(run("主持人：", bold=True), run("严格格式。"))
    assert docx_to_text(package(document_xml(body, strict))) == "**主持人：**严格格式。\n"


STYLES = (
    f'<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="{W}">'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Lead"><w:name w:val="Lead"/>'
    "<w:rPr><w:b/></w:rPr></w:style>"
    '<w:style w:type="character" w:default="1" w:styleId="DefaultFont">'
    '<w:name w:val="Default Paragraph Font"/></w:style>'
    '<w:style w:type="character" w:styleId="Label"><w:name w:val="Label"/>'
    "<w:rPr><w:b/></w:rPr></w:style>"
    '<w:style w:type="character" w:styleId="Quiet"><w:name w:val="Quiet"/>'
    '<w:rPr><w:b w:val="0"/></w:rPr></w:style>'
    "</w:styles>"
)


def test_bold_comes_from_the_run_then_its_style_then_the_paragraph_style():
    body = (
        paragraph(run("标题"), style="Title")
        + paragraph(run("第一节"), style="Heading1")
        + paragraph(run("陈屹：", style="Label"), run("问？"))
        + paragraph(run("江屿："), run("答。", bold=False), style="Lead")
        + paragraph(run("静", style="Quiet"), run("也", style="Missing"), style="Lead")
    )
    text = docx_to_text(package(document_xml(body), STYLES))
    # With a Title, Heading 1 is a level-2 heading; a style that doesn't exist is the
    # default (not bold), which falls back to the paragraph's bold.
    assert text.split("\n\n") == [
        "# 标题",
        "## 第一节",
        "**陈屹：**问？",
        "**江屿：**答。",
        "**静也**\n",
    ]


def test_a_transcript_of_many_styled_runs_reads_its_labels():
    """Thousands of styles and runs, each run with a style: the labels (bold by their style)
    come out bold and the speech does not; read in one pass over the styles."""
    styles = STYLES.replace(
        "</w:styles>",
        "".join(
            f'<w:style w:type="character" w:styleId="S{n}"><w:name w:val="s{n}"/>'
            f"<w:rPr>{'<w:b/>' if n % 2 else ''}</w:rPr></w:style>"
            for n in range(3_000)
        )
        + "</w:styles>",
    )
    turns = []
    for n in range(2_000):
        label = run(f"{'主持人' if n % 2 else '嘉宾'}：", style=f"S{1 + 2 * (n % 100)}")
        speech = "".join(run(ch, style=f"S{2 * (n % 100)}") for ch in "我们认为这很重要。")
        turns.append(paragraph(label, speech))
    text = docx_to_text(package(document_xml("".join(turns)), styles))
    paragraphs = text.strip().split("\n\n")
    assert len(paragraphs) == 2_000
    assert paragraphs[:2] == ["**嘉宾：**我们认为这很重要。", "**主持人：**我们认为这很重要。"]
    corpus = read_corpus([("many_runs.docx", package(document_xml("".join(turns)), styles))])
    assert len(corpus.turns) == 2_000
    assert set(corpus.turns["speaker"]) == {"主持人", "嘉宾"}


# ---------------------------------------------------------------- what is refused


def forge_declared_size(data: bytes, name: str, size: int) -> bytes:
    """The zip with `name`'s uncompressed size set to `size` in its local and central
    headers, as a hostile file declares it (the data stay as they are)."""
    data = bytearray(data)
    encoded = name.encode()
    at = 0
    while (at := data.find(b"PK\x03\x04", at)) >= 0:  # local headers: size at +22
        length = struct.unpack_from("<H", data, at + 26)[0]
        if data[at + 30 : at + 30 + length] == encoded:
            struct.pack_into("<I", data, at + 22, size)
        at += 4
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) >= 0:  # central directory: size at +24
        length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + length] == encoded:
            struct.pack_into("<I", data, at + 24, size)
        at += 4
    return bytes(data)


def big_document(megabytes: int) -> str:
    one = paragraph(run("主持人：", bold=True), run("问？" * 40))
    return document_xml(one * (megabytes * 1024 * 1024 // len(one.encode())))


def peak_python_bytes(call) -> int:
    tracemalloc.start()
    try:
        call()
    except UnreadableFile:
        pass
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def test_a_part_that_holds_more_than_its_header_declares_is_refused_without_inflating_it():
    data = forge_declared_size(package(big_document(24)), "word/document.xml", 1_000)
    assert len(data) < 1024 * 1024
    with pytest.raises(UnreadableFile, match="damaged Word document"):
        docx_to_text(data)
    # Inflating 24 MB whole (zipfile's read()) peaks above 24 MB; chunks stay near one.
    assert peak_python_bytes(lambda: docx_to_text(data)) < 4 * 1024 * 1024


def test_a_part_larger_than_the_cap_is_refused_as_it_is_inflated(monkeypatch):
    monkeypatch.setattr(docx_text, "MAX_PART_BYTES", 1024 * 1024)
    data = package(big_document(6))  # declared honestly: 6 MB, under the 200 MB total
    with pytest.raises(UnreadableFile, match=r"word/document.xml unpacks to more than 1 MB"):
        docx_to_text(data)
    assert peak_python_bytes(lambda: docx_to_text(data)) < 4 * 1024 * 1024


def test_an_archive_declaring_more_than_a_transcript_needs_is_refused_unread():
    data = forge_declared_size(package(big_document(1)), "word/document.xml", 300 * 1024**2)
    with pytest.raises(UnreadableFile, match="unpacks to 300 MB"):
        docx_to_text(data)


def test_a_part_compressed_as_word_never_does_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_BZIP2) as archive:
        archive.writestr("word/document.xml", document_xml(paragraph(run("你好"))))
    with pytest.raises(UnreadableFile, match="compressed in a way Word never uses"):
        docx_to_text(buffer.getvalue())


def test_a_damaged_part_names_the_problem_without_a_traceback():
    with pytest.raises(UnreadableFile, match="damaged Word document"):
        docx_to_text(package(document_xml(paragraph(run("你好")))[:-30]))
    deep = "<w:tbl><w:tr><w:tc>" * 400 + paragraph(run("深")) + "</w:tc></w:tr></w:tbl>" * 400
    with pytest.raises(UnreadableFile, match="damaged Word document"):
        docx_to_text(package(document_xml(deep)))


class Requests:
    """A local HTTP server that counts the requests it gets."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        seen = self.paths

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                seen.append(self.path)
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"<!ENTITY leaked 'LEAKED'>")

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def requests():
    server = Requests()
    yield server
    server.close()


def test_external_entities_are_neither_read_nor_fetched(requests, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-ON-DISK", encoding="utf-8")
    prolog = (
        f'<!DOCTYPE w:document [<!ENTITY disk SYSTEM "{secret.as_uri()}">'
        f'<!ENTITY web SYSTEM "{requests.url}/entity"><!ENTITY % remote SYSTEM '
        f'"{requests.url}/dtd"> %remote;]>'
    )
    body = paragraph(run("主持人："), run("&disk;&web;&leaked;"), run("你好。"))
    relationships = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://'
        'schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
        f'Target="{requests.url}/picture.png" TargetMode="External"/></Relationships>'
    )
    data = package(
        document_xml(body, prolog=prolog),
        extra={"word/_rels/document.xml.rels": relationships},
    )
    try:
        text = docx_to_text(data)
    except UnreadableFile as error:
        text = str(error)
    assert "SECRET" not in text and "LEAKED" not in text
    assert requests.paths == []


def test_a_billion_laughs_is_not_expanded():
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">'
        for n in range(1, 10)
    )
    prolog = f"<!DOCTYPE w:document [{entities}]>"
    body = paragraph(run("主持人："), run("&lol9;")) + paragraph(run("正文。"))
    try:
        text = docx_to_text(package(document_xml(body, prolog=prolog)))
    except UnreadableFile as error:
        text = str(error)
    assert "lollol" not in text
    assert len(text) < 1_000
