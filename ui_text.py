"""Interface words in Chinese (default) and English. The data are shown as they are."""

from __future__ import annotations

import streamlit as st

TEXT: dict[str, tuple[str, str]] = {
    "app_title": ("访谈文本仪表盘", "Interview transcript dashboard"),
    "language": ("界面语言", "Language"),
    "page_overview": ("总览", "Overview"),
    "page_speakers": ("发言人", "Speakers"),
    "page_terms": ("词语", "Terms"),
    "page_themes": ("主题", "Themes"),
    "page_concordance": ("检索与阅读", "Concordance & reader"),
    "filters": ("筛选", "Filters"),
    "filter_articles": ("文章", "Articles"),
    "choose_all": ("全部（可选择）", "All (choose to narrow)"),
    "filter_speakers": ("发言人", "Speakers"),
    "filter_roles": ("角色", "Roles"),
    "filter_themes": ("主题", "Themes"),
    "filter_sections": ("小节", "Sections"),
    "filter_dates": ("发布日期", "Publish dates"),
    "active_filters": ("当前筛选", "Active filters"),
    "no_filters": ("未筛选：显示全部", "No filters: showing everything"),
    "clear_filters": ("清除筛选", "Clear filters"),
    "share_link": ("分享链接（复制即可重现当前视图）", "Share link (reproduces this view)"),
    "ignored_link_values": (
        "链接中以下内容无效，已忽略：",
        "These link values were not valid and were ignored: ",
    ),
    "upload": ("上传你自己的文章（.txt / .md）", "Upload your own articles (.txt / .md)"),
    "upload_help": (
        "上传的文章只在你的会话中可见，其他访问者看不到。",
        "Uploaded articles stay in your session; no other visitor sees them.",
    ),
    "file_problems": ("读取文件时的问题", "Problems reading files"),
    "role_host": ("主持人", "host"),
    "role_guest": ("嘉宾", "guest"),
    "role_audience": ("观众", "audience"),
    "role_other": ("其他", "other"),
    "articles_table": ("文章列表", "Articles"),
    "no_turns": ("当前筛选下没有发言。", "No speech matches the current filters."),
    "metric_articles": ("文章", "Articles"),
    "metric_dates": ("发布日期", "Published"),
    "metric_speakers": ("发言人", "Speakers"),
    "metric_tokens": ("词数（去停用词）", "Words (no stopwords)"),
    "timeline": ("发布时间线（点击文章进行筛选）", "Timeline (click an article to filter)"),
    "who_talks": ("谁说了多少（字数）", "Who talks how much (characters)"),
    "theme_heatmap": ("文章 × 主题（涉及该主题的发言数）", "Article × theme (turns touching it)"),
    "click_speaker_hint": (
        "点击某位发言人的条形即可按该发言人筛选，再次点击取消。",
        "Click a speaker's segment to filter to that speaker; click again to clear.",
    ),
    "click_article_hint": (
        "点击某篇文章的条形即可按该文章筛选，再次点击取消。",
        "Click an article's bar to filter to that article; click again to clear.",
    ),
    "click_cell_hint": (
        "点击方块即可按文章和主题筛选。",
        "Click a square to filter by article and theme.",
    ),
    "col_published": ("发布时间", "Published"),
    "col_account": ("公众号", "Account"),
    "col_chars": ("字数", "Characters"),
    "col_turns": ("发言数", "Turns"),
    "col_minutes": ("估计分钟", "Est. minutes"),
    "measure": ("度量", "Measure"),
    "measure_chars": ("字数", "characters"),
    "measure_turns": ("发言次数", "turns"),
    "measure_minutes": ("估计分钟", "minutes"),
    "shares_per_article": ("各文章发言占比", "Shares per article"),
    "conversation_strip": (
        "对话条（每段发言按顺序排列，宽度为长度）",
        "Conversation strip (every turn in order, width = length)",
    ),
    "longest_monologues": ("最长独白", "Longest monologues"),
    "most_recent_articles": (
        "显示最近的 {shown} 篇（共 {total} 篇）；筛选文章以查看其他。",
        "Showing the {shown} most recent of {total} articles; filter articles to see others.",
    ),
    "questions_interactivity": ("提问与互动", "Questions and interactivity"),
    "speaker_table": ("发言人统计表", "Speaker table"),
    "download_csv": ("下载 CSV", "Download CSV"),
    "download_png": ("下载 PNG", "Download PNG"),
    "top_terms": ("高频词（点击词语查看上下文）", "Top terms (click a term for its concordance)"),
    "word_cloud": ("词云", "Word cloud"),
    "no_font": (
        "服务器上没有中文字体，改用条形图显示。",
        "No CJK font on this server; showing a bar chart instead.",
    ),
    "distinctive": ("各文章的特征词（TF-IDF）", "Distinctive terms per article (TF-IDF)"),
    "who_says_what": ("谁说什么：两组对比", "Who says what: two groups compared"),
    "most_frequent_terms": (
        "显示最常见的 {shown} 个词（共 {total} 个）。",
        "Showing the {shown} most frequent of {total} terms.",
    ),
    "group_a": ("A 组（角色）", "Group A (role)"),
    "group_b": ("B 组（角色）", "Group B (role)"),
    "phrases": ("常见短语", "Frequent phrases"),
    "keyness": ("关键性（G² 与对数比）", "Keyness (G² and log ratio)"),
    "theme_by_article": ("各文章的主题", "Themes by article"),
    "theme_by_speaker": ("各发言人的主题", "Themes by speaker"),
    "theme_flow": (
        "主题在对话中的流动（0 = 开头，1 = 结尾）",
        "Theme flow through each conversation (0 = start, 1 = end)",
    ),
    "theme_trends": ("主题随发布日期的变化", "Themes over publish dates"),
    "sections": ("编辑的小节标题", "The editor's section headings"),
    "topics": ("数据驱动的话题（NMF）", "Data-driven topics (NMF)"),
    "theme_editor": ("主题编辑器", "Theme editor"),
    "theme_editor_help": (
        "每行一个主题；关键词用逗号分隔。修改后点击“应用”。",
        "One theme per row; keywords separated by commas. Click Apply after editing.",
    ),
    "apply": ("应用", "Apply"),
    "reset_themes": ("恢复默认主题", "Reset to default themes"),
    "export_themes": ("导出主题文件", "Export theme file"),
    "import_themes": ("导入主题文件（.toml）", "Import theme file (.toml)"),
    "themes_edited_notice": (
        "此链接使用了编辑过的主题（版本 {v}），你这里没有。请导入分享者导出的主题文件，否则主题计数会不同。",
        "This link was made with edited themes (version {v}) that you don't have. Import the theme file the sender exported, or theme counts will differ.",
    ),
    "file_removed": (
        "此文件已从语料文件夹中删除，不再显示",
        "this file was removed from the corpus folder and is no longer shown",
    ),
    "theme_file_broken": (
        "主题文件有误，沿用上次可用的主题",
        "The theme file is broken; the last themes that worked stay in force",
    ),
    "col_count": ("次数", "Count"),
    "pick_two_groups": (
        "请选择两个都有发言的不同角色。",
        "Pick two different roles that both have speech.",
    ),
    "kwic_search": ("检索词或短语", "Search a word or phrase"),
    "kwic_regex": ("正则表达式", "Regular expression"),
    "kwic_bad_pattern": ("无法检索", "Cannot search"),
    "kwic_hits": (
        "{n} 处命中，分布在 {turns} 段发言中。选中一行即可阅读整段。",
        "{n} hits in {turns} turns. Select a row to read the whole turn.",
    ),
    "kwic_left": ("左侧上下文", "Left context"),
    "kwic_match": ("命中", "Hit"),
    "kwic_right": ("右侧上下文", "Right context"),
    "reader": ("阅读全文", "Read an article"),
    "reader_article": ("文章", "Article"),
    "reader_theme": ("高亮主题", "Highlight a theme"),
    "reader_no_theme": ("（不高亮）", "(no highlight)"),
    # Safety limits and link notices (app_state).
    "upload_too_large": (
        "未读取：文件超过 {mb} MB 的单文件上限",
        "not read: the file is over the {mb} MB limit per file",
    ),
    "upload_session_full": (
        "未读取：本次会话上传的文件合计超过 {mb} MB 上限；请移除一些文件",
        "not read: this session's uploads together are over the {mb} MB limit; remove some files",
    ),
    "upload_too_many": (
        "未读取：每次会话最多上传 {n} 个文件",
        "not read: at most {n} files can be uploaded per session",
    ),
    "theme_file_unusable": (
        "服务器的主题文件无法使用，已改用默认主题",
        "The server's theme file cannot be used; the default themes are in force",
    ),
    "dates_inverted": (
        "起止日期颠倒，已交换",
        "the from and to dates were the wrong way round and were swapped",
    ),
}


def lang() -> str:
    return st.session_state.get("p_lang", "zh")


def t(key: str) -> str:
    """The interface text for `key` in the current language."""
    zh, en = TEXT.get(key, (key, key))
    return en if lang() == "en" else zh
