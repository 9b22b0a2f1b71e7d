"""Interface words in Chinese (default) and English. The data are shown as they are.

Pure: no Streamlit import, so the chart builders (which take the language as an argument)
stay plain plotly. Pages call `t(key)`, which reads the language of the run's view.
"""

from __future__ import annotations

from collections.abc import Callable

LANGS = ("zh", "en")

TEXT: dict[str, tuple[str, str]] = {
    # Tables and language (issue 22): role labels as speakers (dashboard.charts.look), the
    # theme editor's confirmation, what an article list counts under a filter.
    "speaker_host": ("主持人", "Host"),
    "speaker_guest": ("嘉宾", "Guest"),
    "speaker_audience": ("现场提问者", "Audience member"),
    "speaker_other": ("发言人", "Speaker"),
    "speaker_tag": ("说话人 {n}", "Speaker {n}"),
    "themes_applied": ("已应用 {n} 个主题。", "Applied {n} themes."),
    "themes_reset": ("已恢复默认的 {n} 个主题。", "Back to the {n} default themes."),
    "articles_whole_counts": (
        "列出的是含有符合筛选条件的发言的文章；发言数、发言人数和字数按整篇文章计算。",
        "Listed: the articles with a turn that passes the filters; their turns, speakers "
        "and characters count the whole article.",
    ),
    "vocab_file_header": (
        "访谈文本仪表盘的词表：每个小节下每行一个词。\n"
        "[add words] 下的词保持完整，[remove words] 下的词可被切分，\n"
        "[add stopwords] 下的词不再计数，[remove stopwords] 下的停用词重新计数。",
        "Vocabulary for the transcripts dashboard: one word per line under each section.\n"
        "[add words] kept whole, [remove words] may be split, [add stopwords] not counted,\n"
        "[remove stopwords] counted again.",
    ),
    "vocab_link_unreadable": (
        "链接中的词表无法读取（不完整或过大）",
        "the vocabulary in the link can't be read (cut short or too large)",
    ),
    "read_turn_no_question": (
        "此前没有别的发言人提出问题。",
        "Nobody else asked a question before this turn.",
    ),
    "app_title": ("访谈文本仪表盘", "Interview transcript dashboard"),
    "language": ("界面语言", "Language"),
    "page_overview": ("总览", "Overview"),
    "page_speakers": ("发言人", "Speakers"),
    "page_terms": ("词语", "Terms"),
    "page_themes": ("主题", "Themes"),
    "page_concordance": ("检索与阅读", "Concordance & reader"),
    "page_words": ("搭配与词组", "Collocates & n-grams"),
    # Questions page (app_pages/questions.py, dashboard/charts/questions.py)
    "page_questions": ("问与答", "Questions"),
    "qa_intro": (
        "每一行是一个问题及其回答：主持人或观众提出的、带问号或疑问词的发言（连续几段提问算一个问题），"
        "回答是其后到下一个问题之前的发言。选择一行即可阅读回答。",
        "Each row is a question with its answer: a host's or audience member's turn that asks "
        "(a question mark or a question word; a run of such turns is one question), answered "
        "by the turns up to the next question. Select a row to read its answer.",
    ),
    "qa_search": ("问题包含", "Question contains"),
    "qa_term": ("词语", "Term"),
    "qa_term_help": (
        "按结巴分词后的完整词匹配，不区分大小写。",
        "Matched as a whole jieba word, ignoring case.",
    ),
    "qa_theme": ("主题", "Theme"),
    "qa_asker": ("提问人", "Asked by"),
    "qa_answerer": ("回答人", "Answered by"),
    "qa_type": ("问题类型", "Question type"),
    "qa_in": ("词语和主题出现在", "Term and theme in"),
    "qa_in_question": ("问题中", "the question"),
    "qa_in_answer": ("回答中", "the answer"),
    "qa_in_either": ("问题或回答中", "either"),
    "qa_follow": ("追问", "Follow-ups"),
    "qa_shift": ("回答与问题无共同主题或关键词", "Answer shares no theme or key term"),
    "qa_any": ("全部", "All"),
    "qa_only": ("仅限", "Only these"),
    "qa_not": ("排除", "None of these"),
    "qa_order": ("排序", "Order"),
    "qa_order_conversation": ("按对话顺序", "As in the conversation"),
    "qa_order_shortest": ("回答最短在前", "Shortest answer first"),
    "qa_order_longest": ("回答最长在前", "Longest answer first"),
    "qa_type_open": ("开放式", "open"),
    "qa_type_closed": ("封闭式", "closed"),
    "qa_type_statement": ("陈述式", "statement"),
    "qa_more_filters": ("更多筛选", "More filters"),
    "qa_clear": ("清除问题筛选", "Clear the question filters"),
    "qa_count": (
        "{n} 个问题，来自 {articles} 篇文章，其中 {answered} 个有回答。",
        "{n} questions in {articles} articles, {answered} of them answered.",
    ),
    "qa_listed": (
        "列出前 {shown} 个（共 {total} 个）；缩小筛选可查看其他问题。",
        "Listing the first {shown} of {total}; narrow the filters to list others.",
    ),
    "qa_list_heading": ("问题列表", "The questions"),
    "qa_opened": ("问题与回答", "Question and answer"),
    "qa_unanswered": (
        "这个问题没有回答（0 字）。",
        "Nobody answered this question (0 characters).",
    ),
    "qa_read": ("在阅读器中打开", "Open in the reader"),
    "qa_close": ("收起", "Close"),
    "qa_gone": (
        "链接中的问题不在当前筛选中。",
        "The question in the link is not in the current selection.",
    ),
    "qa_not_built": (
        "这个数据库建于问答功能之前：重新读取文章后才能列出问题。",
        "This store was built before questions were found: read the articles again to list them.",
    ),
    "qa_no_questioner": (
        "当前筛选中没有提问者：没有一段发言属于主持人或观众，所以没有问题可列。",
        "No questioner in this selection: no turn is a host's or an audience member's, so "
        "there are no questions to list.",
    ),
    "qa_no_questions": (
        "当前筛选中有主持人或观众发言，但没有一段是提问（没有问号，也没有疑问词）。",
        "Hosts or audience members speak in this selection, but none of their turns asks "
        "anything (no question mark, no question word).",
    ),
    "qa_no_match": (
        "没有问题符合这些问题筛选；清除筛选可查看全部问题。",
        "No question passes these question filters; clear them to see every question.",
    ),
    "qa_charts_heading": ("提问与回答的模式", "How questions are asked and answered"),
    "qa_charts_hint": (
        "图表显示整个筛选（不受上方问题筛选影响）；点击图中元素即筛选问题列表。",
        "The charts show the whole selection (not the question filters above); click a mark "
        "to filter the list.",
    ),
    "qa_lengths_heading": ("沿对话的回答长度", "Answer length along each conversation"),
    "counted_qa_lengths": (
        "每个点是一个问题：横轴为问题之前的发言字数占全文发言的比例（0 为开头），纵轴为回答字数"
        "（0 为没有回答）；颜色为问题类型。点击一个点打开该问题。",
        "Each point is a question: across, the share of the article's speech before it (0 is "
        "the opening); up, its answer's characters (0: nobody answered); colour: its type. "
        "Click a point to open that question.",
    ),
    "qa_by_theme_heading": ("各主题问题的回答长度", "Answer length by the question's theme"),
    "counted_qa_by_theme": (
        "条形为问题涉及该主题的、有回答的问题的回答字数中位数（一个问题涉及几个主题就计入几个）；"
        "悬停查看平均数与问题数。点击条形列出这些问题。",
        "Bars: the median characters of the answers to questions touching the theme (a "
        "question counts under each theme it touches), answered ones only; hover for the "
        "mean and the count. Click a bar to list those questions.",
    ),
    "qa_types_heading": ("各提问人的问题类型", "Question types per interviewer"),
    "counted_qa_types": (
        "开放式：用疑问词提问（什么、怎么、为什么）或请对方讲述（谈谈）；封闭式：是非或选择"
        "（吗、是不是、能否、还是）；陈述式：没有这些形式，只以问号或“好奇”之类引出。"
        "“主持人”等角色词在每篇文章中是不同的人，这里合并计算。点击色块列出这些问题。",
        "Open: asks with a question word (what, how, why) or for an account (tell us); "
        "closed: yes/no or either/or (is, do, can, or); statement: none of these forms, "
        "asked by a question mark or a lead-in. A role word used as a name (host) is a "
        "different person in each article, counted together here. Click a segment to list "
        "those questions.",
    ),
    "qa_follow_heading": ("各提问人的追问比例", "Follow-up rate per interviewer"),
    "counted_qa_follow": (
        "追问：问题与上一个问答（问题或回答）有共同的主题或关键词；比例 = 追问数 ÷ 问题数"
        "（每篇的第一个问题也计入分母）。点击条形列出该提问人的追问。",
        "Follow-up: the question shares a theme or a key term with the previous exchange "
        "(its question or answer); rate = follow-ups ÷ questions (each article's first "
        "question included). Click a bar to list that interviewer's follow-ups.",
    ),
    "qa_shift_heading": (
        "回答与问题无共同主题或关键词的比例",
        "Answers sharing no theme or key term with their question",
    ),
    "counted_qa_shift": (
        "只统计这一点：回答与其问题没有共同的主题，也没有共同的关键词（在本文多数问答中都出现的词、"
        "人名和常用词不算关键词）；比例 = 这样的回答 ÷ 有回答的问题，按回答人。这不等于回避问题："
        "用别的词也可以回答。点击条形列出这些问答。",
        "Counts exactly this: the answer shares no theme and no key term with its question "
        "(words used in most of the article's exchanges, names and common words are not key "
        "terms); rate = such answers ÷ answered questions, per answerer. It is not evasion: "
        "an answer can answer in other words. Click a bar to list those exchanges.",
    ),
    "qa_axis_position": ("在对话中的位置", "Place in the conversation"),
    "qa_axis_answer_chars": ("回答字数", "Answer characters"),
    "qa_axis_median_chars": ("回答字数中位数", "Median answer characters"),
    "qa_axis_questions": ("问题数", "Questions"),
    "qa_axis_rate": ("比例", "Rate"),
    "qa_tip_mean": ("平均 {mean} 字", "mean {mean} characters"),
    "qa_tip_count": (
        "{n} 个有回答，{unanswered} 个无回答",
        "{n} answered, {unanswered} unanswered",
    ),
    "qa_tip_rate": ("{total} 个中的 {count} 个", "{count} of {total}"),
    "qa_tip_exchange": ("第 {n} 个问题", "question {n}"),
    "qa_no_rates": ("当前筛选中没有可计算的问答。", "No exchange to measure in this selection."),
    "col_asker": ("提问人", "Asked by"),
    "col_question": ("问题", "Question"),
    "col_question_type": ("类型", "Type"),
    "col_answerers": ("回答人", "Answered by"),
    "col_answer_chars": ("回答字数", "Answer characters"),
    "col_answer_turns": ("回答段数", "Answer turns"),
    "col_question_themes": ("问题主题", "Question's themes"),
    "col_follow_up": ("追问", "Follow-up"),
    "col_topic_shift": ("无共同主题或关键词", "Shares nothing"),
    "col_position": ("位置", "Place"),
    "qa_compare_heading": (
        "对比两个主题问题的回答",
        "Answers to questions about one theme against another",
    ),
    "qa_compare_a": ("A：问题主题", "A: questions about"),
    "qa_compare_b": ("B：问题主题", "B: questions about"),
    "qa_compare_same": ("请选择两个不同的主题。", "Choose two different themes."),
    "qa_compare_pick": (
        "选择两个主题，对比回答中各自更常用的词。",
        "Choose two themes to compare the words their answers use.",
    ),
    "counted_qa_compare": (
        "A：问题涉及主题 A 的回答；B：问题涉及主题 B 的回答（问题同时涉及两者的回答两边都算）。"
        "与“词语”页的关键词图相同：带符号的对数似然 G²，深色表示经 Bonferroni 校正后 p < 0.05。"
        "点击条形查看该词的检索结果。",
        "A: the answers to questions touching theme A; B: to questions touching theme B (a "
        "question touching both counts on both sides). As the Terms page's keywords chart: "
        "signed log-likelihood G², dark when p, Bonferroni-adjusted, is below 0.05. Click a "
        "bar for the term's concordance.",
    ),
    "qa_compare_empty": (
        "无法对比：有一方没有回答，或两方的回答完全相同。",
        "Nothing to compare: one side has no answer, or both sides hold the same answers.",
    ),
    # Collocates, co-occurrence network and n-grams (app_pages/words.py).
    "colloc_heading": ("搭配词", "Collocates"),
    "colloc_term": ("中心词", "Term"),
    "colloc_term_help": (
        "按结巴分词后的完整词匹配，不区分大小写。",
        "Matched as a whole jieba word, ignoring case.",
    ),
    "colloc_left": ("左侧跨度（词）", "Words to the left"),
    "colloc_right": ("右侧跨度（词）", "Words to the right"),
    "colloc_min": ("最低共现次数", "Minimum count"),
    "colloc_score": ("排序依据", "Rank by"),
    "score_g2": ("对数似然 G²", "Log-likelihood G²"),
    "score_mi": ("互信息", "Mutual information (MI)"),
    "colloc_pick": ("输入一个词，查看它的搭配词。", "Type a word to see its collocates."),
    "colloc_no_span": (
        "左右跨度都是 0：至少一侧要大于 0。",
        "Both spans are 0: choose at least one word to the left or the right.",
    ),
    "colloc_absent": (
        "当前筛选中没有“{term}”这个词（按结巴分词后的完整词匹配）。",
        "“{term}” is not a word of this selection (matched as a whole jieba word).",
    ),
    "colloc_none": (
        "当前筛选中，没有词在“{term}”附近出现至少 {min} 次。",
        "No word stands near “{term}” at least {min} times in this selection.",
    ),
    "counted_colloc": (
        "O：在同一段发言中、中心词左 {left} 词右 {right} 词之内出现的次数；G²：窗口内外 2×2 "
        "列联表的对数似然比，负值表示在中心词附近反而少见；互信息 = log2(O / E)，E = 中心词频 × "
        "该词词频 × 窗口跨度 / 总词数。点击条形查看该词的检索结果。",
        "O: times within {left} words left or {right} words right of the term, in the same "
        "turn. G²: log-likelihood of the window's 2×2 table (Evert 2008), negative when the "
        "word is rarer near the term. MI = log2(O / E), E = f(term) × f(word) × span / N "
        "(Church & Hanks 1990). Click a bar for that word's concordance.",
    ),
    "network_heading": ("共现网络", "Co-occurrence network"),
    "network_terms": ("高频词数", "Top terms"),
    "network_none": (
        "当前筛选中共同出现的词对太少，画不出网络。",
        "Too few terms are said together in this selection to draw a network.",
    ),
    "community": ("社群 {n}", "Community {n}"),
    "counted_network": (
        "节点：当前筛选中最常用的 {terms} 个词，大小按次数；连线：在同一段发言中共同出现至少 "
        "{min} 次、杰卡德系数（同时出现的段数 / 出现任一词的段数）最高的 {edges} 对；颜色：社群"
        "（贪心模块度）；布局为固定随机种子的弹簧布局。点击节点查看该词的检索结果。",
        "Nodes: the {terms} most frequent terms, sized by count. Edges: the {edges} pairs "
        "with the highest Jaccard coefficient (turns with both / turns with either) among "
        "those said together in at least {min} turns. Colours: communities (greedy "
        "modularity); layout: networkx's spring layout with a fixed seed. Click a node for "
        "its concordance.",
    ),
    "ngram_heading": ("n 元词组", "n-grams"),
    "ngram_n": ("词数 n", "Words (n)"),
    "ngram_min": ("最低次数", "Minimum count"),
    "ngram_none": (
        "当前筛选中没有出现至少 {min} 次的 {n} 词组合。",
        "No run of {n} words occurs {min} times or more in this selection.",
    ),
    "counted_ngram": (
        "同一段发言中相邻的 {n} 个保留词（中间的停用词或标点会打断组合）；中文词直接相连，"
        "两个拉丁字母词之间留一个空格。",
        "Runs of {n} kept words next to each other in a turn (a stopword or punctuation mark "
        "between them breaks the run); Chinese words are joined without spaces, two Latin "
        "words keep one.",
    ),
    "col_freq": ("总词频", "Total uses"),
    "col_mi": ("互信息", "MI"),
    "col_ngram": ("词组", "n-gram"),
    "col_term_a": ("词 A", "Term A"),
    "col_term_b": ("词 B", "Term B"),
    "col_together": ("共现段数", "Turns together"),
    "col_jaccard": ("杰卡德系数", "Jaccard"),
    "col_community": ("社群", "Community"),
    "col_degree": ("连线数", "Edges"),
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
    # Uploads and file reasons (dashboard/sidebar.py, dashboard/file_reasons.py)
    "upload_box": ("上传文字稿", "Upload transcripts"),
    "upload_box_count": ("上传文字稿（{n}）", "Upload transcripts ({n})"),
    "upload": ("上传你自己的文章（{suffixes}）", "Upload your own articles ({suffixes})"),
    "upload_help": (
        "上传的文章只在你的会话中可见，其他访问者看不到。其他类型的文件（如 PDF）会列在下方并说明原因。",
        "Uploaded articles stay in your session; no other visitor sees them. Files of other "
        "kinds (a PDF, say) are listed below with the reason.",
    ),
    "upload_keep_open": (
        "文件列在上方之前请不要关闭此框：关闭会取消还没传完的文件。",
        "Keep this box open until your files are listed above: closing it cancels a file "
        "still being sent.",
    ),
    "upload_limits": (
        "可读取 {suffixes} 文件 · 每个文件不超过 {file_mb} MB · 合计不超过 {session_mb} MB、"
        "最多 {n} 个文件",
        "Reads {suffixes} files · up to {file_mb} MB per file · {session_mb} MB and {n} files "
        "in all",
    ),
    "upload_files_read": (
        "已上传 {total} 个文件：{read} 个已读取，{unread} 个未读取（原因列在页面顶部）",
        "{total} files uploaded: {read} read, {unread} not read (the reasons are listed at the "
        "top of the page)",
    ),
    "file_status_noted": ("已读取，但有提示", "read, with a note"),
    "file_status_not_read": ("未读取", "not read"),
    "folder_missing": ("此文件夹不存在", "this folder does not exist"),
    "folder_empty": (
        "此文件夹中没有可读取的文章文件（{suffixes}），因此没有可显示的内容",
        "this folder has no files the reader takes ({suffixes}), so there is nothing to show",
    ),
    "reason_summary": (
        "会议工具或编者的摘要（智能纪要、会议总结、SUMMARY）",
        "summary by the meeting tool or the editor (SUMMARY)",
    ),
    "reason_action_items": ("待办事项", "to-dos (Action items)"),
    "reason_chapters": ("章节列表（章节速览）", "chapter list (Chapters)"),
    "reason_keywords": ("关键词", "keywords (KEYWORDS)"),
    "reason_pull_quote": ("重复正文发言的引文", "pull quote repeating words spoken elsewhere"),
    "reason_footnote": ("脚注", "footnote"),
    "style_bold_colon": ("加粗名字加冒号（**名字：**）", "bold name with a colon (**Name:**)"),
    "style_bold_then_colon": (
        "加粗名字，冒号在加粗之外（**名字**：）",
        "bold name, colon after the bold (**Name**:)",
    ),
    "style_bold_question": (
        "整句加粗的提问（**名字：…？**）",
        "whole bold question (**Name: …?**)",
    ),
    "style_bold_whole": (
        "提问者整行加粗（**名字：…。**）",
        "whole bold line by the questioner (**Name: ….**)",
    ),
    "style_bold_no_colon": ("加粗名字，无冒号（**名字**）", "bold name without a colon (**Name**)"),
    "style_bracket": (
        "方头括号中的名字（【名字】）",
        "name in lenticular brackets ([Name] in CJK brackets)",
    ),
    "style_plain": ("名字加冒号（名字：）", "plain name with a colon (Name:)"),
    "style_stamped": (
        "名字和时间戳单独成行（名字 00:21:54）",
        "name and time stamp on a line of their own (Name 00:21:54)",
    ),
    "style_stamped_before": (
        "时间戳和名字单独成行（00:21:54 名字）",
        "time stamp and name on a line of their own (00:21:54 Name)",
    ),
    "style_unlabelled_question": (
        "以字体或前缀区分、没有名字的提问（**…？**、问：…、——…）",
        "question set off by type, no name (**…?**, Q: …, — …)",
    ),
    "style_unlabelled_answer": (
        "没有标记的回答（提问之后的普通段落）",
        "answer without a label (the plain paragraphs after a question)",
    ),
    "style_caption_voice": (
        "带发言人标签的字幕（<v 名字>）",
        "caption cue with a voice tag (<v Name>)",
    ),
    "style_caption_prefix": (
        "以名字开头的字幕（名字：…）",
        "caption cue opening with a name (Name: …)",
    ),
    "style_caption_bracket": (
        "以方括号名字开头的字幕（[名字] …）",
        "caption cue opening with a name in brackets ([Name] …)",
    ),
    "stamp_before": (
        "时间戳在名字前（[00:21:54] 名字）",
        "time stamp before the name ([00:21:54] Name)",
    ),
    "stamp_after": (
        "时间戳在名字后（名字（00:21:54））",
        "time stamp after the name (Name (00:21:54))",
    ),
    # End of uploads and file reasons
    "file_problems": ("读取文件时的问题", "Problems reading files"),
    "problems_shown": (
        "列出前 {shown} 个，共 {total} 个；CSV 列出全部。",
        "The first {shown} of {total} are listed; the CSV lists every one.",
    ),
    "role_host": ("主持人", "host"),
    "role_guest": ("嘉宾", "guest"),
    "role_audience": ("观众", "audience"),
    "role_other": ("其他", "other"),
    "articles_table": ("文章列表", "Articles"),
    "no_turns": ("当前筛选下没有发言。", "No speech matches the current filters."),
    "metric_articles": ("文章", "Articles"),
    "metric_dates": ("发布日期", "Published"),
    "metric_first": ("最早发布", "First published"),
    "metric_last": ("最晚发布", "Last published"),
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
    # Table headers, tooltips and "how is this counted" lines (dashboard.tables, dashboard.charts, dashboard.notes).
    "col_article": ("文章", "Article"),
    "col_speaking_minutes": ("发言分钟", "Speaking minutes"),
    "col_minutes_source": ("分钟来源", "Minutes from"),
    "col_title": ("标题", "Title"),
    "col_place": ("发布地", "Place"),
    "col_url": ("原文链接", "Link"),
    "col_n_speakers": ("发言人数", "Speakers"),
    "col_turn": ("第几段", "Turn"),
    "col_section": ("小节", "Section"),
    "col_speaker": ("发言人", "Speaker"),
    "col_role": ("角色", "Role"),
    "col_text": ("内容", "Text"),
    "col_share": ("字数占比", "Share of characters"),
    "col_turn_share": ("发言次数占比", "Share of turns"),
    "col_longest_turn_chars": ("最长一段（字）", "Longest turn (chars)"),
    "col_longest_turn": ("最长一段是第几段", "Longest turn (no.)"),
    "col_mean_turn_chars": ("平均每段字数", "Mean chars per turn"),
    "col_questions": ("提问句数", "Questions"),
    "col_host_guest_ratio": ("主持/嘉宾字数比", "Host : guest chars"),
    "col_switches": ("每千字换人次数", "Switches per 1,000 chars"),
    "col_term": ("词语", "Term"),
    "col_rate": ("每万词", "Per 10,000 words"),
    "col_tfidf": ("TF-IDF", "TF-IDF"),
    "col_count_a": ("A 组次数", "Count in A"),
    "col_count_b": ("B 组次数", "Count in B"),
    "col_g2": ("G²", "G²"),
    "col_log_ratio": ("对数比", "Log ratio"),
    "col_z": ("z 值", "z"),
    # The Terms page's comparison of two selections and term trends (#14).
    "col_rate_a": ("A 每万词", "Per 10k words of A"),
    "col_rate_b": ("B 每万词", "Per 10k words of B"),
    "col_p_value": ("p 值", "p"),
    "col_p_adjusted": ("校正后 p 值", "Adjusted p"),
    "col_period": ("时间", "Period"),
    "col_words": ("词数", "Words"),
    "compare_title": ("对比两个选择：A 与 B", "Compare two selections: A and B"),
    "compare_help": (
        "A、B 各是一组筛选（文章、发言人、角色、主题、章节、日期）。未改动时为侧栏筛选下的两个角色（嘉宾与主持人）；改动后，该组只用它自己的筛选。",
        "A and B are each a set of filters (articles, speakers, roles, themes, sections, dates). Left alone, they are two roles (guest and host) within the sidebar's filters; once changed, a side keeps its own filters only.",
    ),
    "compare_side": ("{side} 的筛选", "Filters of {side}"),
    "compare_rest": (
        "B = 语料中 A 以外的全部发言",
        "B = the rest of the corpus (every turn not in A)",
    ),
    "compare_reset": ("恢复默认（两个角色）", "Back to the default (two roles)"),
    "compare_dates": ("发布日期", "Publish dates"),
    "compare_sizes": ("{a}：{wa} 词；{b}：{wb} 词", "{a}: {wa} words; {b}: {wb} words"),
    "compare_rest_named": ("A 以外的全部发言", "everything not in A"),
    "compare_a_empty": (
        "A 中没有发言，无法对比。请放宽 A 的筛选。",
        "A holds no speech, so there is nothing to compare. Widen A's filters.",
    ),
    "compare_b_empty": (
        "B 中没有发言，无法对比。请放宽 B 的筛选。",
        "B holds no speech, so there is nothing to compare. Widen B's filters.",
    ),
    "compare_rest_empty": (
        "A 已包含全部发言，没有“其余部分”可比。请缩小 A。",
        "A holds every turn, so there is no rest of the corpus to compare with. Narrow A.",
    ),
    "compare_same": (
        "A 和 B 是同一批发言，对比不出任何差别。请改变其中一个。",
        "A and B are the same turns, so comparing them shows nothing. Change one of them.",
    ),
    "compare_a_in_b": (
        "A 的发言全部也在 B 中，这样的对比会误导。请缩小 B，或选择“B = 语料中 A 以外的全部发言”。",
        'Every turn of A is also in B, so the comparison would mislead. Narrow B, or choose "B = the rest of the corpus".',
    ),
    "compare_b_in_a": (
        "B 的发言全部也在 A 中，这样的对比会误导。请缩小 A，或选择“B = 语料中 A 以外的全部发言”。",
        'Every turn of B is also in A, so the comparison would mislead. Narrow A, or choose "B = the rest of the corpus".',
    ),
    "compare_shared": (
        "A 与 B 有 {n} 段发言重合，两边都计入。",
        "A and B share {n} turns; they count on both sides.",
    ),
    # Comparisons (issue 22): presets, names, the filter that emptied a side, the term grid.
    "compare_preset": ("快捷对比", "Quick comparison"),
    "compare_preset_own": ("自定义（用下方的筛选）", "Your own (the filters below)"),
    "preset_person_month": (
        "某人某月对比之前各月",
        "A person this month against the months before",
    ),
    "preset_person_person": ("人与人对比", "Person against person"),
    "preset_role_role": ("角色与角色对比", "Role against role"),
    "preset_person": ("发言人", "Person"),
    "preset_month": ("月份（A）", "Month (A)"),
    "preset_against": ("对比（B）", "Against (B)"),
    "preset_before": ("之前各月", "the months before"),
    "preset_before_named": ("{month} 之前", "before {month}"),
    "preset_person_a": ("A 的发言人", "Person A"),
    "preset_person_b": ("B 的发言人", "Person B"),
    "preset_role_a": ("A 的角色", "Role A"),
    "preset_role_b": ("B 的角色", "Role B"),
    "compare_name": ("{side} 的名称", "Name of {side}"),
    "compare_name_help": (
        "显示在图例、标题、表格、CSV 和链接中；留空则为 {side}。",
        "Shown in the legends, titles, table, CSV and link; empty: {side}.",
    ),
    "compare_empty_filter": (
        "{side} 中没有发言：「{rest}」中没有一段发言符合「{what}」——请清除{field}筛选。",
        "{side} holds no speech: no turn of “{rest}” has “{what}” — clear the {field} filter.",
    ),
    "compare_empty_alone": (
        "{side} 中没有发言：没有一段发言符合「{what}」——请清除{field}筛选。",
        "{side} holds no speech: no turn has “{what}” — clear the {field} filter.",
    ),
    "compare_empty_dates": (
        "{side} 中没有发言：「{what}」没有发布任何文章（语料的发布日期为 {first} 至 {last}）——请清除日期筛选。",
        "{side} holds no speech: no article was published {what} (the corpus runs from {first} to {last}) — clear the date filter.",
    ),
    "compare_empty_together": (
        "{side} 中没有发言：这些筛选合在一起排除了所有发言（{what}）。请放宽 {side} 的筛选。",
        "{side} holds no speech: its filters together leave out every turn ({what}). Widen {side}'s filters.",
    ),
    "compare_clear_filter": ("清除 {side} 的{field}筛选", "Clear {side}'s {field} filter"),
    "cmp_field_roles": ("角色", "role"),
    "cmp_field_speakers": ("发言人", "speaker"),
    "cmp_field_articles": ("文章", "article"),
    "cmp_field_themes": ("主题", "theme"),
    "cmp_field_sections": ("章节", "section"),
    "cmp_field_dates": ("日期", "date"),
    "who_says_what_named": ("谁说什么：{a} 与 {b}", "Who says what: {a} vs {b}"),
    "keyness_chart_named": (
        "关键词：最能区分 {a} 与 {b} 的词",
        "Keywords: the terms that set {a} and {b} apart",
    ),
    "col_count_named": ("{name} 次数", "Count in {name}"),
    "col_rate_named": ("{name} 每万词", "Per 10k words of {name}"),
    "term_grid": ("各文章 × 发言人的高频词", "Top terms by article × speaker"),
    "term_grid_axis": ("文章 · 发言人", "Article · speaker"),
    "counted_term_grid": (
        "颜色 = 该词在该文章中该发言人每万词的出现次数，格中数字为次数。显示词数最多的至多 {groups} 个文章 × 发言人组合（共 {total} 个），以及选择中最常见的 {terms} 个词。点击一格，打开该词在该文章、该发言人发言中的检索。",
        "Colour = uses per 10,000 of that speaker's words in that article; the number in a cell is the count. Up to {groups} article × speaker pairs with the most words (of {total}) and the selection's {terms} most frequent terms. Click a cell to open the term's concordance in that article and speaker's turns.",
    ),
    "keyness_chart": ("关键词：最能区分 A 与 B 的词", "Keywords: the terms that set A and B apart"),
    "keyness_axis": ("G²（正 = A 更常用，负 = B 更常用）", "G² (+ used more in A, − more in B)"),
    "keyness_none": (
        "A 与 B 没有出现至少 {min} 次的词。",
        "No term is used at least {min} times in A and B.",
    ),
    "counted_keyness": (
        "G²（对数似然，Rayson & Garside 2000）带正负号：正值表示 A 用得更多，负值表示 B 更多；p 值取自自由度为 1 的卡方分布，再按检验的词数做 Bonferroni 校正（p × {m}）。对数比（Hardie 2014）= log2(A 的频率 ÷ B 的频率)，一方为 0 次时按 0.5 次计。只计 A、B 合计至少出现 {min} 次的词。图中是 A 与 B 各自 G² 最高的至多 {n} 个词，深色 = 校正后 p < 0.05。点击一个词打开它的检索。",
        "G² (log-likelihood, Rayson & Garside 2000) is signed: + A uses the term more, − B does; p comes from chi² with one degree of freedom, then Bonferroni-corrected for the terms tested (p × {m}). Log ratio (Hardie 2014) = log2(A's rate ÷ B's rate), a zero count taken as 0.5. Terms used at least {min} times in A and B together. The chart shows up to {n} terms with the highest G² on each side; dark = adjusted p < 0.05. Click a term to open its concordance.",
    ),
    "term_trends": ("词语随发布日期的变化", "Terms over publish dates"),
    "trend_terms": (
        "要跟踪的词（用逗号分隔；留空 = 最常见的 5 个）",
        "Terms to follow (comma-separated; empty = the 5 most frequent)",
    ),
    "trend_by": ("按", "By"),
    "trend_by_month": ("月", "month"),
    "trend_by_article": ("文章", "article"),
    "trend_by_month_instead": (
        "选择中的文章超过 {most} 篇：按月显示。",
        "More than {most} articles in the selection: shown by month.",
    ),
    "trend_too_many": (
        "最多跟踪 {n} 个词，其余已忽略。",
        "At most {n} terms are followed; the rest were left out.",
    ),
    "trend_unused": ("当前选择中没有用到：{terms}", "Not used in this selection: {terms}"),
    "trend_undated": (
        "当前选择中的文章都没有发布日期，无法画出趋势。",
        "No article of this selection has a publish date, so there is no trend to draw.",
    ),
    "trend_term_tip": (
        "{count} 次，共 {words} 词 · {rate} /万词",
        "{count} uses in {words} words · {rate} per 10k words",
    ),
    "counted_term_trends": (
        "比率 = 该时间段内该词出现次数 ÷ 当前选择在该时间段的词数 × 10,000；没有发布日期的文章不计。点击一个点打开该词的检索。",
        "Rate = the term's uses in the period ÷ the selection's words in that period × 10,000; articles without a publish date are left out. Click a point to open the term's concordance.",
    ),
    "col_phrase": ("短语", "Phrase"),
    "col_size": ("词数", "Words"),
    "col_first_turn": ("首段", "First turn"),
    "col_theme": ("主题", "Theme"),
    "col_hits": ("命中次数", "Hits"),
    "col_topic": ("话题关键词", "Topic words"),
    "col_offset": ("位置（字）", "Offset (chars)"),
    "col_theme_name": ("名称", "Name"),
    "col_label_en": ("英文名", "English name"),
    "col_keywords": ("关键词", "Keywords"),
    "col_patterns": ("正则表达式", "Patterns"),
    "unit_chars": ("字", "characters"),
    "per_10k": ("/万词", "per 10k words"),
    "strip_axis": ("对话进程（累计字数）", "Into the conversation (characters)"),
    "flow_axis": ("在对话中的位置", "Position in the conversation"),
    "rank_axis": (
        "{group}：词频排名（刻度为每万词）",
        "{group}: frequency rank (ticks: per 10k words)",
    ),
    "grid_tip": ("涉及该主题的发言：{n} / {total}", "Turns touching it: {n} of {total}"),
    "trend_tip": ("占本文发言 {share}（{n} 段）", "{share} of the article's turns ({n})"),
    "no_theme_hits": ("当前筛选下没有主题命中。", "No theme matches in the current selection."),
    "no_topics": ("文字太少，无法找出话题。", "Too little text to find topics."),
    "no_dates": ("当前筛选下的文章没有发布日期。", "The selected articles have no publish date."),
    "counted_minutes": (
        "估计分钟 = 字数 ÷ {rate:.0f}（普通话口语约每分钟 {rate:.0f} 字），用于比较发言人，并非录音时长。",
        "Estimated minutes = characters ÷ {rate:.0f} (spoken Mandarin runs at about {rate:.0f} a minute): for comparing speakers, not the recording's length.",
    ),
    "counted_measured_minutes": (
        "分钟 = 时间戳测得的发言时长（{measured} 篇文章有时间戳：{titles}）；其余文章为估计分钟（字数 ÷ {rate:.0f}）。",
        "Minutes = speaking time measured from time stamps ({measured} articles have them: {titles}); the others have estimated minutes (characters ÷ {rate:.0f}).",
    ),
    "minutes_measured": ("时间戳测得", "measured from time stamps"),
    "minutes_estimated": ("按字数估计", "estimated from characters"),
    "minutes_mixed": ("部分测得、部分估计", "partly measured, partly estimated"),
    "counted_share": (
        "占比 = 该发言人的字数 ÷ 本文全部发言字数（不计空白）。主持人、嘉宾、观众等通用称呼在每篇文章中是不同的人，标出文章编号。",
        "Share = the speaker's characters ÷ all speech characters of the article (no white space). Generic labels (host, guest, audience…) are a different person in each article and carry its number.",
    ),
    "counted_strip": (
        "每一段是一次发言，从左到右按发言顺序，宽度为字数。",
        "Each segment is one turn, left to right in conversation order, width = characters.",
    ),
    "counted_switches": (
        "每千字换人次数 = 换发言人的次数 ÷ 字数 × 1000；主持/嘉宾字数比 = 主持人字数 ÷ 嘉宾字数。",
        "Switches per 1,000 characters = changes of speaker ÷ characters × 1000; host : guest = host characters ÷ guest characters.",
    ),
    "counted_z": (
        "位置：词在每组中出现次数的密集排名（0 = 从未使用），只有一方使用的词落在坐标轴上；刻度为每万词的频率。颜色：对数优势比 z 值（Monroe 等 2008，带信息先验），|z| > 1.96 大致为显著；标出的是放得下的最显著的词。只计出现至少 {min} 次的词。",
        "Position: dense rank of the term's count in each group (0 = never used), so terms only one side uses sit on the axes; ticks give uses per 10k words. Colour: log-odds z-score (Monroe et al. 2008, informative prior); |z| > 1.96 is roughly significant; the most distinctive terms that fit are labelled. Terms used at least {min} times.",
    ),
    "counted_g2": (
        "G² = 对数似然（Rayson & Garside）：大于 3.84 对应 p < 0.05，大于 10.83 对应 p < 0.001；对数比 = log2(A 组频率 ÷ B 组频率)，正值偏向 A 组。",
        "G² = log-likelihood (Rayson & Garside): above 3.84 means p < 0.05, above 10.83 p < 0.001; log ratio = log2(A's rate ÷ B's rate), positive leans to A.",
    ),
    "counted_tfidf": (
        "TF-IDF = 词在该文章中的比例 × (ln((1 + 文章数) ÷ (1 + 用到它的文章数)) + 1)，越高越是这篇文章特有的词。",
        "TF-IDF = the term's share of the article's words × (ln((1 + articles) ÷ (1 + articles using it)) + 1): the higher, the more this article's own.",
    ),
    "counted_trends": (
        "占比 = 涉及该主题的发言数 ÷ 本文全部发言数；一段发言可涉及多个主题。",
        "Share = turns touching the theme ÷ all turns of the article; one turn can touch several themes.",
    ),
    "measure": ("度量", "Measure"),
    "measure_chars": ("字数", "characters"),
    "measure_turns": ("发言次数", "turns"),
    "measure_minutes": ("分钟", "minutes"),
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
    "marks_capped": (
        "此图画出 {marks} 个（共 {all} 个）：最近 {shown} 篇（共 {total} 篇），每图至多 {most} 个；"
        "筛选文章以查看其他。",
        "Drawn: {marks} of {all}, from the {shown} most recent of {total} articles (at most "
        "{most} per chart); filter articles to see others.",
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
    "kwic_mode": ("匹配方式", "Match"),
    "kwic_mode_word": ("整词", "Whole words"),
    "kwic_mode_substring": ("任意字串", "Substring"),
    "kwic_mode_regex": ("正则表达式", "Regular expression"),
    "kwic_mode_note": (
        "整词：命中的首尾都落在 jieba 分词的词边界上（“智能体”不命中“智能体验”）；"
        "任意字串：文字中出现即命中。",
        "Whole words: a hit starts and ends on a word boundary of jieba's segmentation "
        "(AI does not hit inside said); substring: anywhere in the text.",
    ),
    "kwic_sort": ("排序", "Sort"),
    "kwic_sort_order": ("按出现顺序", "In order"),
    "kwic_sort_L1": ("左侧第 1 个词", "1st word left (L1)"),
    "kwic_sort_L2": ("左侧第 2 个词", "2nd word left (L2)"),
    "kwic_sort_R1": ("右侧第 1 个词", "1st word right (R1)"),
    "kwic_sort_R2": ("右侧第 2 个词", "2nd word right (R2)"),
    "dispersion": ("词语在对话中的位置", "Where the word falls in each conversation"),
    "dispersion_axis": (
        "在文章发言中的位置（按字数：0% 开头，100% 结尾）",
        "Place in the article's speech (by characters: 0% start, 100% end)",
    ),
    "counted_dispersion": (
        "每条刻线是一次命中，按其前面的发言字数 ÷ 全文发言字数定位（按字数而非发言轮数，"
        "长篇独白不会被压缩）；颜色为发言人；点击刻线阅读该段发言。",
        "Each tick is a hit, placed at the characters of speech before it ÷ the article's "
        "speech (characters, not turn numbers, so a long monologue keeps its length); "
        "coloured by speaker; click a tick to read that turn.",
    ),
    "dispersion_cut": (
        "显示命中最多的 {shown} 篇文章（共 {total} 篇有命中）。",
        "Showing the {shown} articles with most hits, of {total} with a hit.",
    ),
    "dispersion_hits": ("{n} 处命中", "{n} hits"),
    "read_turn": ("阅读这段发言", "Read this turn"),
    "read_turn_before": ("所回答的提问", "Answering"),
    "counted_read_turn": (
        "上方是同一篇文章中此前最近的一个由另一位发言人（主持人或观众）提出的问题，判断规则与"
        "“问与答”页相同；下方“阅读全文”中这段发言标有 ▶。",
        "Above it: the nearest earlier question in the article by another speaker (a host or "
        "an audience member), by the Questions page's rule; in the article below, this turn "
        "is marked ▶.",
    ),
    "read_turn_close": ("关闭", "Close"),
    # Safety limits and link notices (dashboard/limits.py, dashboard/view.py).
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
    "too_many_theme_changes": (
        "本次会话已修改主题 {n} 次，达到上限；请刷新页面开始新的会话",
        "This session has changed its themes {n} times, the limit; reload the page to start afresh",
    ),
    "vocabulary": ("词表（本次会话）", "Vocabulary (this session)"),
    "vocabulary_help": (
        "只对本次会话生效：在 [add words] 下每行写一个要保持完整的词，[remove words] 下写允许结巴切开的词，"
        "[add stopwords] 下写不再计数的词，[remove stopwords] 下写重新计数的停用词；点“应用”后所有计数和图表随之改变。"
        "词只能由字母和数字组成（可用 - . · 连接），每个最多 30 个字，四类合计最多 {n} 个。",
        "For this session only: under [add words] one word per line to keep whole, under "
        "[remove words] words jieba may split, under [add stopwords] words no longer counted, "
        "under [remove stopwords] stopwords counted again; Apply and every count and chart "
        "follows. A word is letters and digits (joined by - . or ·), at most 30 characters, "
        "{n} words in all.",
    ),
    "vocabulary_text": ("词表文件内容", "The vocabulary file"),
    "vocab_status": (
        "生效中：加词 {0} 个，删词 {1} 个，加停用词 {2} 个，删停用词 {3} 个",
        "In force: {0} words added, {1} removed, {2} stopwords added, {3} removed",
    ),
    "vocab_refused": (
        "词表未应用，原词表仍然生效",
        "Vocabulary not applied; the previous one stays",
    ),
    "vocab_error_where": ("{source} 第 {line} 行：", "{source}: line {line}: "),
    "vocab_error_too_big": (
        "文件有 {size} KB，词表文件最多 {most} KB",
        "the file is {size} KB; a vocabulary may have at most {most} KB",
    ),
    "vocab_error_not_utf8": ("不是 UTF-8 文本", "not UTF-8 text"),
    "vocab_error_not_section": (
        "“{word}”不是分节标题；请用 [add words]、[remove words]、[add stopwords] 或 [remove stopwords]",
        "“{word}” is not a section; use [add words], [remove words], [add stopwords] or "
        "[remove stopwords]",
    ),
    "vocab_error_before_section": (
        "词写在了任何分节之前；请先写 [add words]、[remove words]、[add stopwords] 或 [remove stopwords]",
        "a word before any section; start with [add words], [remove words], [add stopwords] "
        "or [remove stopwords]",
    ),
    "vocab_error_empty": ("空词（只有不可见字符）", "an empty word (only invisible characters)"),
    "vocab_error_too_long": (
        "这个词有 {size} 个字，最多 {most} 个",
        "a word of {size} characters; at most {most}",
    ),
    "vocab_error_space": (
        "“{word}”含有空格；词典词必须是一个词（字母和数字，可用 - . · 连接）",
        "“{word}” has a space; a dictionary word is one word (letters and digits, joined by - . or ·)",
    ),
    "vocab_error_symbol": (
        "“{word}”含有符号；词只能由字母和数字组成，可用 - . · 连接（停用词还可用单个空格）",
        "“{word}” has a symbol; a word is letters and digits, joined by - . or · (a stopword "
        "also by single spaces)",
    ),
    "vocab_error_one_char": (
        "“{word}”只有一个字；词典词至少两个字",
        "“{word}” is one character; a dictionary word has at least 2",
    ),
    "vocab_error_conflict": (
        "“{word}”也在 [{other}] 中（第 {first} 行）；只能留在其中一处",
        "“{word}” is also in [{other}] (line {first}); keep it in one of the two",
    ),
    "vocab_error_too_many": (
        "超过 {most} 个词；词表最多 {most} 个词",
        "more than {most} words; a vocabulary may have at most {most}",
    ),
    "reset_vocab": ("恢复默认", "Reset"),
    "export_vocab": ("导出词表文件", "Export the vocabulary file"),
    "import_vocab": ("导入词表文件（.txt）", "Import a vocabulary file (.txt)"),
    "vocab_suggest": ("推荐新词", "Suggest words"),
    "vocab_min_count": ("最少出现次数", "Minimum count"),
    "vocab_applying": (
        "正在用你的词表重新切分含有这些词的发言……",
        "Segmenting the turns that hold your words again…",
    ),
    "vocab_no_suggestions": (
        "当前筛选中没有符合条件的推荐词。",
        "No word in this selection meets the bar.",
    ),
    "vocab_suggest_help": (
        "结巴切开、但语料中总是连在一起出现的两个词（相邻词的互信息与对数似然，加上左右邻接熵），"
        "按 G² 排序，数字为出现次数；点击即加入词表。",
        "Two words jieba splits that the corpus keeps writing together (association of "
        "neighbours by PMI and log-likelihood, plus left and right boundary entropy), by G², "
        "with their count; click one to add it.",
    ),
    "vocab_suggest_scores": (
        "互信息 {pmi:.1f} 比特 · G² {g2:.1f} · 左邻接熵 {left:.2f} · 右邻接熵 {right:.2f} 比特",
        "PMI {pmi:.1f} bits · G² {g2:.1f} · left entropy {left:.2f} · right entropy {right:.2f} bits",
    ),
    "too_many_vocab_changes": (
        "本次会话已修改词表 {n} 次，达到上限；请刷新页面开始新的会话",
        "This session has changed its vocabulary {n} times, the limit; reload the page to start afresh",
    ),
    "vocab_edited_notice": (
        "这个链接使用了修改过的词表（版本 {v}），与你当前的词表不同，计数可能不一样；请导入分享者导出的词表文件。",
        "This link was made with an edited vocabulary (version {v}), not the one you have, so "
        "counts may differ; import the vocabulary file the sender exported.",
    ),
    "reading_report": ("你的文件是如何被读取的", "How your files were read"),
    "reading_report_file": ("文件", "File"),
    "reading_report_styles": ("识别出的发言人标记样式", "Speaker label styles recognised"),
    "reading_report_speakers": ("发言人、发言次数与角色", "Speakers, turns and roles"),
    "reading_report_not_speech": ("不计为发言的行（{n}）", "Lines not counted as speech ({n})"),
    "reading_report_unsure": ("不确定之处（{n}）", "What the reader was unsure of ({n})"),
    "col_label_style": ("标记样式", "Label style"),
    "col_labels": ("标记数", "Labels"),
    "col_example": ("示例", "Example"),
    "col_role_from": ("角色依据", "Role found from"),
    "col_reason": ("原因", "Reason"),
    "role_from_config": ("发言人配置文件", "the speakers file"),
    "role_from_prefix": ("标记中的角色词", "a role word in the label"),
    "role_from_article": (
        "文章本身（嘉宾行、导语或标题）",
        "the article's own words (roster, introduction or title)",
    ),
    "role_from_conversation": (
        "对话（谁提问、谁回答）",
        "the conversation (who asks, who answers)",
    ),
    "reason_caption": ("图片说明或署名", "picture caption or credit"),
    "reason_editor_note": ("编者或译者注", "editor's or translator's note"),
    "reason_credits": ("制作信息或节目说明", "production credits or show notes"),
    "reason_stage_direction": ("舞台说明（笑、掌声……）", "stage direction (laughs, applause …)"),
    "reason_footer": (
        "公众号页脚（关注提示、链接列表、END）",
        "the account's footer (follow prompts, links, END)",
    ),
    "article_search": ("搜索文章（标题或编号）", "Search articles (title or id)"),
    "filter_search_speakers": ("搜索发言人", "Search speakers"),
    "filter_search_sections": ("搜索小节", "Search sections"),
    "timeline_other_accounts": ("其他公众号", "Other accounts"),
    "filter_listed": (
        "列出 {shown} 个（共 {total} 个）；输入文字搜索其他。",
        "Listing {shown} of {total}; type to search for others.",
    ),
    "articles_listed": (
        "列出 {shown} 篇（共 {total} 篇）；输入文字搜索其他文章。",
        "Listing {shown} of {total} articles; type to search for others.",
    ),
    "rows_shown": (
        "显示前 {shown} 行（共 {total} 行）；完整表格请下载 CSV。",
        "Showing the first {shown} of {total} rows; the CSV has them all.",
    ),
    "measured_on_recent": (
        "基于最近的 {shown} 篇文章计算（共 {total} 篇）；筛选文章以计算其他文章。",
        "Computed on the {shown} most recent of {total} articles; filter articles for others.",
    ),
    "timeline_by_month": (
        "每个气泡为一个公众号一个月的文章，大小为字数；点击按该月筛选。",
        "Each bubble is one account's articles in a month, sized by speech; click to filter to that month.",
    ),
    "trends_by_month": (
        "日期较多：按月汇总，占比 = 当月涉及该主题的发言数 ÷ 当月全部发言数。",
        "Many dates: by month; share = the month's turns touching the theme ÷ all its turns.",
    ),
    "most_active_people": (
        "显示发言最多的 {shown} 位（共 {total} 位）。",
        "Showing the {shown} people with the most theme turns, of {total}.",
    ),
    "col_articles": ("文章数", "Articles"),
    "dates_inverted": (
        "起止日期颠倒，已交换",
        "the from and to dates were the wrong way round and were swapped",
    ),
    # Charts that read (issue 22)
    "talk_view": ("显示", "Show"),
    "talk_view_share": ("百分比（每篇 100%）", "Percentages (100% per article)"),
    "talk_view_amount": ("数量", "Amounts"),
    "share_axis": ("占该文章的百分比", "% of the article"),
    "talk_ratios": (
        "嘉宾与各采访者（每篇一行）",
        "The guest against each interviewer (a row per article)",
    ),
    "col_guest": ("嘉宾", "Guest"),
    "col_guest_share": ("嘉宾占比", "Guest's share"),
    "col_hosts_share": ("采访者合计占比", "Interviewers' share"),
    "col_hosts": ("各采访者占比", "Each interviewer"),
    "col_others_share": ("其他人占比", "Others' share"),
    "col_guest_per_host": ("嘉宾 ÷ 采访者", "Guest ÷ interviewers"),
    "talk_ratios_help": (
        "占比按上方选择的度量计算；“嘉宾 ÷ 采访者”为嘉宾的量除以全部采访者的量。",
        "Shares of the measure chosen above; guest ÷ interviewers is the guest's amount over all interviewers' together.",
    ),
    "unit_times": ("次", "times"),
    "trend_gap": ("无文章的月份（断开）：{months}", "No articles in {months} (gap)"),
    "trend_split": ("每个主题一张小图", "One small chart per theme"),
    "keyness_significant": ("校正后 p < 0.05", "adjusted p < 0.05"),
    "keyness_not_significant": ("不显著", "not significant"),
    "modebar_png": ("下载为 PNG 图片", "Download plot as a PNG"),
    # Pages' tabs (dashboard/tabs.py): "<view setting>_<tab id>"
    "overview_tab_talk": ("谁说了多少", "Who talks"),
    "overview_tab_timeline": ("发布时间线", "Timeline"),
    "overview_tab_themes": ("文章 × 主题", "Article × theme"),
    "overview_tab_articles": ("文章列表", "Articles"),
    "speakers_tab_shares": ("发言占比", "Shares"),
    "speakers_tab_strip": ("对话条", "Conversation strip"),
    "speakers_tab_turns": ("比例、独白与互动", "Ratios, monologues & interactivity"),
    "speakers_tab_table": ("发言人统计表", "Speaker table"),
    "terms_tab_top": ("高频词与词云", "Top terms & cloud"),
    "terms_tab_compare": ("A 与 B 对比", "A against B"),
    "terms_tab_grid": ("文章 × 发言人", "Article × speaker"),
    "terms_tab_trends": ("随发布日期变化", "Over publish dates"),
    "terms_tab_distinctive": ("特征词与短语", "Distinctive terms & phrases"),
    "themes_tab_articles": ("各文章", "By article"),
    "themes_tab_people": ("各发言人", "By person"),
    "themes_tab_flow": ("对话中的流动", "Flow"),
    "themes_tab_trends": ("随发布日期变化", "Over publish dates"),
    "themes_tab_sections": ("小节与话题", "Sections & topics"),
    "themes_tab_edit": ("编辑主题", "Edit themes"),
    "questions_tab_themes": ("各主题的回答长度", "Answers by theme"),
    "questions_tab_lengths": ("沿对话的回答长度", "Answer lengths"),
    "questions_tab_types": ("问题类型", "Question types"),
    "questions_tab_follow": ("追问比例", "Follow-ups"),
    "questions_tab_shift": ("无共同主题或关键词的回答", "Answers sharing nothing"),
    "questions_tab_compare": ("主题 A 与 B 的回答", "Theme A against B"),
    "words_tab_collocates": ("搭配词", "Collocates"),
    "words_tab_network": ("共现网络", "Co-occurrence network"),
    "words_tab_ngrams": ("n 元词组", "n-grams"),
    "concordance_tab_lines": ("检索结果", "Hits in context"),
    "concordance_tab_dispersion": ("位置分布", "Where it falls"),
    # Streamlit's own words in its file uploaders, drawn by dashboard.styles' stylesheet
    # (issue 22 item 4): the button, the drop zone while a file is dragged over it, the limits.
    "uploader_button": ("上传文件", "Upload files"),
    "uploader_drop": ("将文件拖放到此处", "Drop files here"),
    "uploader_limit": ("每个文件不超过 {mb} MB", "Up to {mb} MB per file"),
    "uploader_types": ("可读取 {suffixes}", "reads {suffixes}"),
    # End of the uploaders' own words
    # Scale (issue 21): the concordance lists its first lines, a toggle lists more; the
    # dispersion plot's speakers beyond its legend share one trace.
    "kwic_list_more": ("列出前 {n} 行", "List the first {n} lines"),
    "kwic_list_all": ("列出全部 {n} 行", "List all {n} lines"),
    "dispersion_other_speakers": ("其他 {n} 位发言人", "{n} other speakers"),
}


def text(key: str, lang: str) -> str:
    """The interface text for `key` in `lang` ("zh" or "en")."""
    zh, en = TEXT.get(key, (key, key))
    return en if lang == "en" else zh


def translator(lang: str) -> Callable[[str], str]:
    """`t` for one language: what a chart builder, given the language, writes with."""
    return lambda key: text(key, lang)


def lang() -> str:
    """The interface language of the run (the view's `lang`)."""
    from dashboard import view  # lazily: this module stays free of Streamlit

    return view.get("lang")


def t(key: str) -> str:
    """The interface text for `key` in the run's language."""
    return text(key, lang())
