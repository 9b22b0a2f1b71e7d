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
    "filter_speakers": ("发言人", "Speakers"),
    "filter_roles": ("角色", "Roles"),
    "filter_themes": ("主题", "Themes"),
    "filter_sections": ("小节", "Sections"),
    "filter_dates": ("发布日期", "Publish dates"),
    "active_filters": ("当前筛选", "Active filters"),
    "no_filters": ("未筛选：显示全部", "No filters: showing everything"),
    "clear_filters": ("清除筛选", "Clear filters"),
    "share_link": ("分享链接（复制即可重现当前视图）", "Share link (reproduces this view)"),
    "ignored_link_values": ("链接中以下内容无效，已忽略：", "These link values were not valid and were ignored: "),
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
}


def lang() -> str:
    return st.session_state.get("p_lang", "zh")


def t(key: str) -> str:
    """The interface text for `key` in the current language."""
    zh, en = TEXT.get(key, (key, key))
    return en if lang() == "en" else zh
