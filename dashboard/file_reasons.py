"""Why a file was not read, or read only in part, in the interface's language.

The reader (`analysis/`, no Streamlit, no interface language) says it in English words built
from fixed templates; each template is given here in Chinese too, and a message is matched
against the English templates piece by piece (prefix, each literal in turn, suffix) with
`str.find`: no pattern engine runs over a file name or a file's text. A message no template
matches is shown as it is.

Pure, like `dashboard.texts`: the language is an argument.
"""

from __future__ import annotations

from string import Formatter

from analysis.ingest.reader import ARTICLE_SUFFIXES, SKIPPED

MAX_MESSAGE_CHARS = 2_000  # longer messages are shown as they are

# What `decode.BINARY_SIGNATURES` and the .docx check name a file's real kind.
KINDS = {
    "a PNG image": "PNG 图片",
    "a JPEG image": "JPEG 图片",
    "a GIF image": "GIF 图片",
    "a zip archive (or a Word/Excel file)": "zip 压缩包（或 Word/Excel 文件）",
    "a PDF document": "PDF 文档",
    "a gzip archive": "gzip 压缩包",
    "a RAR archive": "RAR 压缩包",
    "a 7-Zip archive": "7-Zip 压缩包",
    "an old Office document": "旧版 Office 文档",
    "a program": "程序",
    "a Windows program": "Windows 程序",
    "a name without an extension": "文件名没有扩展名",
}
# What a caption file's repeated problems are counted as (`captions._Notes.finish`).
COUNTED = {
    "timings without an arrow": "条没有箭头的时间行",
    "blocks without a timing line": "段没有时间行的文字",
    "timings that can't be read": "条无法读取的时间",
    "cues that end before they start": "条结束早于开始的字幕",
    "cues that start before the cue above them": "条开始早于上一条的字幕",
}

# (English as the reader writes it, Chinese); {fields} are carried over.
TEMPLATES: tuple[tuple[str, str], ...] = (
    # The kind of file (reader.unsupported_reason, read_folder, decode_and_parse)
    (
        "unsupported kind of file: it is a folder (folders inside the corpus folder are not read)",
        "不支持的文件类型：这是一个文件夹（语料文件夹中的子文件夹不会被读取）",
    ),
    (
        "unsupported kind of file ({kind}); the reader takes {suffixes} files",
        "不支持的文件类型（{kind}）；可读取的类型：{suffixes}",
    ),
    ("could not be opened ({why})", "无法打开（{why}）"),
    ("this folder does not exist", "此文件夹不存在"),
    (
        "this folder has no files the reader takes ({suffixes})",
        "此文件夹中没有可读取的文章文件（{suffixes}）",
    ),
    (
        "it is too large ({size} MB; the limit is {limit} MB)",
        "文件过大（{size} MB；上限 {limit} MB）",
    ),
    ("its layout is too deeply nested", "文件结构嵌套过深"),
    # Bytes to text (decode.py, docx_text.py)
    ("the file is empty", "文件是空的"),
    ("this is {kind}, not a text file", "这是 {kind}，不是文本文件"),
    (
        "it starts like {encoding} text but is damaged at byte {at}",
        "开头是 {encoding} 文本，但在第 {at} 字节处损坏",
    ),
    (
        "it is not text in any encoding we know (UTF-8, UTF-16, GBK, Big5)",
        "不是任何可识别编码（UTF-8、UTF-16、GBK、Big5）的文本",
    ),
    ("it is named .docx but is not a Word document", "文件名是 .docx，但不是 Word 文档"),
    ("it is named .docx but is {kind}", "文件名是 .docx，但实际是 {kind}"),
    ("it looks like a binary file, not text", "看起来是二进制文件，不是文本"),
    ("the file has no text, only white space", "文件只有空白，没有文字"),
    ("read as {encoding} text, not UTF-8", "按 {encoding} 编码读取（不是 UTF-8）"),
    ("{n} damaged byte(s) were replaced", "{n} 个损坏的字节已替换"),
    ("{n} NUL byte(s) were removed", "已删除 {n} 个 NUL 字节"),
    (
        "it is a damaged Word document (it has no word/document.xml)",
        "Word 文档已损坏（缺少 word/document.xml）",
    ),
    (
        "it is a damaged Word document (not a readable zip: {why})",
        "Word 文档已损坏（不是可读取的 zip 文件）",
    ),
    ("it is a damaged Word document ({why})", "Word 文档已损坏（{why}）"),
    (
        "it is a Word document that unpacks to {size} MB, more than the {limit} MB a "
        "transcript could need",
        "Word 文档解压后有 {size} MB，超过文字稿所需的上限 {limit} MB",
    ),
    (
        "it is a Word document whose {part} unpacks to more than {size}, more than a "
        "transcript could need",
        "Word 文档的 {part} 解压后超过 {size}，远超文字稿所需",
    ),
    ("the Word document has no text", "Word 文档中没有文字"),
    # What the reader found (reader.py)
    (
        "no speaker labels were found (like **主持人：** or **Sam Altman：**), so its text is "
        "kept as the editor's text and counts for no speaker",
        "未找到发言人标记（如 **主持人：** 或 **Sam Altman：**），全文作为编者文字，不计入任何发言人",
    ),
    ("its speaker labels have no speech after them", "发言人标记之后没有发言内容"),
    ("no speech was found in it", "未找到发言"),
    ("none of its cues has any text", "字幕条目中没有文字"),
    (
        "no speaker is named in it (no <v Name> voice tags or 'Name:' prefixes), so it is "
        "read as one unnamed speaker ({name})",
        "文件中没有写明发言人（没有 <v 名字> 标签或“名字：”前缀），全部算作一位未知发言人（{name}）",
    ),
    (
        "it names no title, so the file name is used as the title",
        "未写明标题，以文件名作为标题",
    ),
    (
        "it has no '# title' line, so the file name is used as the title",
        "没有“# 标题”行，以文件名作为标题",
    ),
    (
        "it has no header lines (文章作者:, 发布时间: …), so account and date are unknown",
        "没有文章信息行（文章作者:、发布时间: …），公众号和日期未知",
    ),
    ("its publish time {time} is not a date we understand", "发布时间 {time} 无法识别为日期"),
    ("its id is {id} (name made unique/safe)", "文章编号为 {id}（文件名已改为唯一、安全的形式）"),
    (
        "not every turn carries a speaker label: it was read as an interview whose questions "
        "are set off by type (bold, 问, Q or ——), asked by {questioner}, each answered by "
        "{answerer} in the paragraphs up to the next question",
        "并非每段发言都有发言人标记：按无标记问答读取，问题以字体或前缀区分（加粗、问、Q 或 ——），"
        "由{questioner}提问，{answerer}的回答为到下一个问题之前的段落",
    ),
    (
        "the time stamp {stamp} of {speaker} is not a possible time; that turn has no start time",
        "{speaker} 的时间戳 {stamp} 不是有效时间；该段发言没有开始时间",
    ),
    (
        "the time stamps go backwards at {speaker} ({later} after {earlier}); the turn before "
        "has no duration",
        "时间戳在 {speaker} 处倒退（{earlier} 之后是 {later}）；前一段发言没有时长",
    ),
    # Front matter (frontmatter.py)
    (
        "its front matter is longer than {size} KB and was not read; title and date come from "
        "the rest of the file",
        "文件头部信息（front matter）超过 {size} KB，未读取；标题和日期取自文件其余部分",
    ),
    (
        "its front matter is not valid YAML{at}; title and date come from the rest of the file",
        "文件头部信息（front matter）不是有效的 YAML{at}；标题和日期取自文件其余部分",
    ),
    (
        "its front matter is not a list of 'key: value' lines; title and date come from the "
        "rest of the file",
        "文件头部信息（front matter）不是“键: 值”格式；标题和日期取自文件其余部分",
    ),
    # Caption files (captions.py)
    (
        "it has no WEBVTT line at the top; its cues are read anyway",
        "开头没有 WEBVTT 行；仍读取了其中的字幕",
    ),
    (
        "the timing at line {line} has no arrow ('-->'); it was read as start and end",
        "第 {line} 行的时间没有箭头（'-->'）；按开始和结束时间读取",
    ),
    (
        "the text at line {line} has no timing line ('-->'); it was added to the cue before it",
        "第 {line} 行的文字没有时间行（'-->'）；已并入上一条字幕",
    ),
    (
        "the text at line {line} has no timing line ('-->'); it is kept without a time",
        "第 {line} 行的文字没有时间行（'-->'）；保留但没有时间",
    ),
    (
        "the timing at line {line} ({timing}) can't be read; its text is kept without a time",
        "第 {line} 行的时间 {timing} 无法读取；文字保留但没有时间",
    ),
    (
        "the cue at line {line} ends before it starts; it has no duration",
        "第 {line} 行的字幕结束早于开始；没有时长",
    ),
    (
        "the cue at line {line} starts before the cue above it; the times go backwards there",
        "第 {line} 行的字幕开始早于上一条；时间在此倒退",
    ),
    ("… and {n} more {what}", "……另有 {n} {what}"),
    # The reading report's own notes (reading_report.py)
    ("the label {labels} is read as {speaker}", "标记 {labels} 读作 {speaker}"),
    ("the labels {labels} are read as {speaker}", "标记 {labels} 读作 {speaker}"),
    (
        "the role of {speaker} ({role}) was inferred from the conversation",
        "{speaker} 的角色（{role}）是从对话中推断的",
    ),
    (
        "line {line} of the text looks like a label ({label}) but was not read as one",
        "正文第 {line} 行看起来像发言人标记（{label}），但未作为标记读取",
    ),
    ("… and {n} more such lines", "……另有 {n} 行类似情况"),
)


def _pieces(template: str) -> tuple[str, list[tuple[str, str]]]:
    """A template as its leading literal and (field, literal after it) pairs."""
    parsed = list(Formatter().parse(template))
    head = parsed[0][0]
    fields = []
    for n, (_, field, _, _) in enumerate(parsed):
        if field is None:
            continue
        after = parsed[n + 1][0] if n + 1 < len(parsed) else ""
        fields.append((field, after))
    return head, fields


PARSED = tuple((_pieces(en), zh) for en, zh in TEMPLATES)


def _match(message: str, head: str, fields: list[tuple[str, str]]) -> dict | None:
    """The template's fields in `message`, or None. Each literal is found once, left to
    right; the last one must end the message."""
    if not message.startswith(head):
        return None
    if not fields:
        return {} if message == head else None
    values, at = {}, len(head)
    for n, (field, after) in enumerate(fields):
        if n == len(fields) - 1:
            if not message.endswith(after) or len(message) - len(after) < at:
                return None
            values[field] = message[at : len(message) - len(after)]
            return values
        if not after:
            return None  # two fields side by side: not written that way
        end = message.find(after, at)
        if end < 0:
            return None
        values[field] = message[at:end]
        at = end + len(after)
    return values


def _zh_value(field: str, value: str) -> str:
    if field == "kind":
        return KINDS.get(value, value)
    if field == "suffixes":
        return "、".join(ARTICLE_SUFFIXES)
    if field == "role":
        return {"host": "主持人", "guest": "嘉宾", "audience": "观众", "other": "其他"}.get(
            value, value
        )
    if field == "what":
        return COUNTED.get(value, value)
    if field == "at":  # " (line 4)" after "not valid YAML"
        line = value.strip().removeprefix("(line ").removesuffix(")")
        return f"（第 {line} 行）" if line.isdigit() else value
    return value


def translate_message(message: str, lang: str) -> str:
    """A reader's message about a file in `lang`: as written in English, in Chinese when a
    template matches (`skipped: …` becomes 未读取：…)."""
    if lang == "en" or len(message) > MAX_MESSAGE_CHARS:
        return message
    lead = ""
    if message.startswith(SKIPPED):
        lead, message = "未读取：", message.removeprefix(SKIPPED)
    for (head, fields), zh in PARSED:
        values = _match(message, head, fields)
        if values is not None:
            return lead + zh.format(**{k: _zh_value(k, v) for k, v in values.items()})
    return lead + message
