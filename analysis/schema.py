"""The tables every step passes along: their names, columns and meaning, defined once.

Other modules import the column constants below instead of retyping strings, and
`docs/tables.md` documents every column listed in `TABLES` (a test checks that).
"""

from __future__ import annotations

from dataclasses import dataclass

# Column names shared by several tables.
ARTICLE_ID = "article_id"
TITLE = "title"
ACCOUNT = "account"
PUBLISHED = "published"
PLACE = "place"
URL = "url"
FILE_NAME = "file_name"
PARTICIPANTS = "participants"
RECORDING_SECONDS = "recording_seconds"
N_TURNS = "n_turns"
N_SPEAKERS = "n_speakers"
SPEECH_CHARS = "speech_chars"
EDITORIAL_CHARS = "editorial_chars"

TURN = "turn"
SECTION = "section"
SPEAKER = "speaker"
ROLE = "role"
TEXT = "text"
CHARS = "chars"
BLOCK = "block"
START_SECONDS = "start_seconds"
DURATION_SECONDS = "duration_seconds"
KIND = "kind"

LEVEL = "level"
MESSAGE = "message"
STATUS = "status"
REASON = "reason"

# Roles a speaker can have.
HOST = "host"
GUEST = "guest"
AUDIENCE = "audience"
OTHER = "other"
ROLES = (HOST, GUEST, AUDIENCE, OTHER)

# Kinds of the editor's text (the editorial table's `kind`).
INTRO = "intro"
CAPTION = "caption"
EDITOR_NOTE = "editor_note"
CREDITS = "credits"
SUMMARY = "summary"  # a tool's or editor's summary: 智能纪要, 会议总结, SUMMARY
ACTION_ITEMS = "action_items"  # 待办, Action items
CHAPTERS = "chapters"  # 章节速览, Chapters
KEYWORDS = "keywords"  # 关键词, KEYWORDS
PULL_QUOTE = "pull_quote"  # a `>` quote repeating words spoken elsewhere in the article
FOOTNOTE = "footnote"  # a Markdown footnote's definition ([^1]: …)
EDITORIAL_KINDS = (
    INTRO,
    CAPTION,
    EDITOR_NOTE,
    CREDITS,
    SUMMARY,
    ACTION_ITEMS,
    CHAPTERS,
    KEYWORDS,
    PULL_QUOTE,
    FOOTNOTE,
)

# What became of each file of a folder or an upload (the files table's `status`).
READ = "read"  # it yields turns
NO_SPEECH = "no_speech"  # it was read, but no speech was found in it
UNSUPPORTED = "unsupported"  # not a kind of file the reader takes (by its extension)
UNREADABLE = "unreadable"  # empty, binary, damaged, too large, or not text
FILE_STATUSES = (READ, NO_SPEECH, UNSUPPORTED, UNREADABLE)

# Problem levels.
ERROR = "error"  # the file could not be read at all
WARNING = "warning"  # the file was read, but something in it was odd or missing


@dataclass(frozen=True)
class Table:
    """A named table with its documented columns, in order."""

    name: str
    doc: str
    columns: dict[str, str]

    @property
    def names(self) -> list[str]:
        return list(self.columns)


ARTICLES = Table(
    "articles",
    "One row per article that could be read.",
    {
        ARTICLE_ID: "Stable id from the file name (the stem, made URL-safe; duplicates get -2, -3).",
        FILE_NAME: "The file name as given (folder part removed).",
        TITLE: "The `# title` line, the front matter's title, a meeting's subject, a caption "
        "file's header or a first line standing over a date; the file name when there is none.",
        ACCOUNT: "The WeChat account (`文章作者:`) or the author (front matter, `Author:`); "
        "empty when missing.",
        PUBLISHED: "Publish date and time (`发布时间:`, `日期：`, front matter `date`/`published`, "
        "`Thu, Jun 12, 2025`, a meeting's time, or a file name such as `2025-06-12_…`) as a "
        "datetime; NaT when missing.",
        PLACE: "Where it was published (`发布地:`); empty when missing.",
        URL: "The source link (`原文链接:`, front matter `source`); empty when missing.",
        PARTICIPANTS: "Who took part, as a meeting export's header (参会人, SPEAKERS) or the "
        "front matter lists them, joined by `、`; empty when not listed.",
        RECORDING_SECONDS: "The recording's length from the header (时长, `• 47:13`, Duration) "
        "or the last caption's end, in seconds; empty when not known.",
        N_TURNS: "Number of speaker turns in the transcript.",
        N_SPEAKERS: "Number of distinct canonical speakers.",
        SPEECH_CHARS: "Characters of speech over all turns (white space not counted).",
        EDITORIAL_CHARS: "Characters of the editor's text (intro, summary), kept apart from speech.",
    },
)

TURNS = Table(
    "turns",
    "One row per speaker turn, in conversation order. Only speech: no editor's text, ads or links.",
    {
        ARTICLE_ID: "The article the turn belongs to.",
        TURN: "Order in the conversation, 1 for the first turn of each article.",
        SECTION: "The nearest `##` heading inside the transcript above the turn; empty if none.",
        SPEAKER: "Canonical speaker name (aliases and role prefixes resolved).",
        ROLE: "host, guest, audience or other.",
        TEXT: "Clean text: no markdown markers, image lines or URLs; paragraphs joined by newlines.",
        CHARS: "Length of the text without white space.",
        START_SECONDS: "When the turn starts, in seconds, from the time stamp on its label "
        "(`陈屹 00:21:54`); empty when the article has no stamps or the stamp is impossible.",
        DURATION_SECONDS: "Seconds from this turn's stamp to the next turn's; empty for the last "
        "stamped turn, without stamps, or where the stamps go backwards.",
    },
)

EDITORIAL = Table(
    "editorial",
    "The editor's text (intro, summary, highlights, captions, notes, credits): nobody's speech.",
    {
        ARTICLE_ID: "The article the block belongs to.",
        BLOCK: "Order of the paragraph in the editor's text, from 1.",
        TEXT: "Clean text of the paragraph.",
        CHARS: "Length of the text without white space.",
        KIND: "intro (the editor's text before the transcript, or all of an article without "
        "labels), caption (picture captions and credits, an italic line under a picture), "
        "editor_note (editor's or translator's notes, in brackets or on their own line), "
        "credits (production credits and show notes, usually after a divider), summary (a "
        "meeting tool's or editor's summary: 智能纪要, 会议总结, 全文摘要, SUMMARY), "
        "action_items (待办, Action items), chapters (章节速览, Chapters), keywords (关键词, "
        "KEYWORDS), pull_quote (a `>` quote repeating words spoken elsewhere in the article) or "
        "footnote (a Markdown footnote's definition).",
    },
)

PROBLEMS = Table(
    "problems",
    "What went wrong or looked odd while reading, one row per message, in words for a user.",
    {
        FILE_NAME: "The file the message is about.",
        LEVEL: "error (the file was skipped) or warning (it was read as well as it could be).",
        MESSAGE: "What is wrong, in plain words.",
    },
)

FILES = Table(
    "files",
    "Every file of the corpus folder or upload, read or not, with why not: no file is "
    "skipped in silence; `files.csv` in the export.",
    {
        FILE_NAME: "The file name (folder part removed).",
        ARTICLE_ID: "The article it became; empty when it was not read.",
        STATUS: "read (it yields turns), no_speech (read, but no speech was found), "
        "unsupported (not a kind of file the reader takes) or unreadable (empty, binary, "
        "damaged, too large or not text).",
        N_TURNS: "Turns read from it (0 unless read).",
        REASON: "Why it was not read, or why no speech was found, in plain words; empty when read.",
    },
)

POSITION = "position"
TOKEN = "token"
TERM = "term"
COUNT = "count"
RATE = "rate"

TOKENS = Table(
    "tokens",
    "One row per kept word of every turn (jieba + domain dictionary; stopwords, numbers, "
    "punctuation and single characters dropped by default).",
    {
        ARTICLE_ID: "The article of the turn.",
        TURN: "The turn's order in its article.",
        SPEAKER: "The turn's canonical speaker.",
        ROLE: "The speaker's role.",
        SECTION: "The turn's section heading.",
        POSITION: "Index of the word among all words of the turn (before dropping), for windows.",
        TOKEN: "The word, width- and case-folded (O1 = o1, ＡＧＩ = agi).",
    },
)

TERMS = Table(
    "terms",
    "Term frequencies per group (by default article x speaker); `terms.csv` in the export.",
    {
        ARTICLE_ID: "The article.",
        SPEAKER: "The speaker.",
        TERM: "The word.",
        COUNT: "How often the group used it.",
        RATE: "Uses per 10,000 kept words of that group.",
    },
)

TFIDF = "tfidf"
COUNT_A = "count_a"
COUNT_B = "count_b"
RATE_A = "rate_a"
RATE_B = "rate_b"
G2 = "g2"
LOG_RATIO = "log_ratio"
Z = "z"
P_VALUE = "p_value"
P_ADJUSTED = "p_adjusted"
PERIOD = "period"
WORDS = "words"

DISTINCTIVE = Table(
    "distinctive_terms",
    "TF-IDF per article: the terms that set an article apart (each article is one document).",
    {
        ARTICLE_ID: "The article.",
        TERM: "The word.",
        COUNT: "Uses in the article.",
        TFIDF: "count / words of the article × (ln((1 + N) / (1 + articles using it)) + 1).",
    },
)

KEYNESS = Table(
    "keyness",
    "How typical each term is of group A against group B (any two selections of turns).",
    {
        TERM: "The word.",
        COUNT_A: "Uses in group A.",
        COUNT_B: "Uses in group B.",
        G2: "Log-likelihood G² (Rayson & Garside), signed: + A uses it more, - less; "
        "|G²| above 3.84 is p < 0.05, above 10.83 p < 0.001.",
        LOG_RATIO: "log2 of A's relative frequency over B's (0.5 stands in for a zero); + means A.",
        P_VALUE: "p of |G²| under chi² with one degree of freedom.",
        P_ADJUSTED: "p × the number of terms tested (Bonferroni), at most 1.",
    },
)

LOG_ODDS = Table(
    "log_odds",
    "Who says what: log-odds ratio with an informative Dirichlet prior (Monroe et al. 2008).",
    {
        TERM: "The word.",
        COUNT_A: "Uses in group A.",
        COUNT_B: "Uses in group B.",
        RATE_A: "Uses per 10,000 words of A.",
        RATE_B: "Uses per 10,000 words of B.",
        Z: "z-score of the log-odds ratio; above 1.96 typical of A, below -1.96 of B.",
    },
)

COMPARISON = Table(
    "comparison",
    "Selection A against selection B (any filters, or A against the rest of the corpus): "
    "every score of each term used at least the minimum number of times in A and B together.",
    {
        TERM: "The word.",
        COUNT_A: "Uses in A.",
        COUNT_B: "Uses in B.",
        RATE_A: "Uses per 10,000 kept words of A.",
        RATE_B: "Uses per 10,000 kept words of B.",
        G2: "Log-likelihood G², signed: + A uses it more per word than B, - less.",
        LOG_RATIO: "log2 of A's relative frequency over B's (0.5 stands in for a zero count).",
        P_VALUE: "p of |G²| under chi² with one degree of freedom.",
        P_ADJUSTED: "p × the number of terms in the table (Bonferroni), at most 1.",
        Z: "Log-odds ratio with an informative Dirichlet prior (Monroe et al. 2008), as z.",
    },
)

TERM_TRENDS = Table(
    "term_trends",
    "Terms over publish dates (Voyant's Trends): per month or per article, uses of each term "
    "and their rate per 10,000 kept words of the selection in that period (zeros included).",
    {
        PERIOD: "The month (its first day) or the article's publish date.",
        ARTICLE_ID: "The article (per-article trends; empty per month).",
        TERM: "The word.",
        COUNT: "Uses in the period.",
        WORDS: "Kept words of the selection in the period.",
        RATE: "count / words × 10,000.",
    },
)

LEFT = "left"
MATCH = "match"
RIGHT = "right"
OFFSET = "offset"
L2, L1, R1, R2 = "l2", "l1", "r1", "r2"  # AntConc's names for the words around a hit
MI = "mi"
TERM_A = "term_a"
TERM_B = "term_b"
TOGETHER = "together"
JACCARD = "jaccard"
PHRASE = "phrase"
SIZE = "size"
FREQ = "freq"
NGRAM = "ngram"
ARTICLES_COUNT = "articles"
COMMUNITY = "community"
NODE_X = "x"
NODE_Y = "y"
DEGREE = "degree"

KWIC = Table(
    "kwic",
    "Keyword in context: every hit of a term or regular expression in the turns.",
    {
        ARTICLE_ID: "The article.",
        TURN: "The turn's order in its article.",
        SPEAKER: "Who said it.",
        SECTION: "The section heading above the turn.",
        LEFT: "Text before the hit (up to the context width).",
        MATCH: "The hit as written.",
        RIGHT: "Text after the hit.",
        OFFSET: "Character offset of the hit in the turn's text (newlines count as one).",
        L2: "The second word left of the hit (jieba's words, punctuation skipped, folded).",
        L1: "The word just left of the hit.",
        R1: "The word just right of the hit.",
        R2: "The second word right of the hit.",
    },
)

DISPERSION = Table(
    "dispersion",
    "Where each hit of a search falls along its conversation (AntConc's Plot): one row per hit.",
    {
        ARTICLE_ID: "The article.",
        TURN: "The turn of the hit.",
        SPEAKER: "Who said it.",
        OFFSET: "Characters of the article's speech before the hit (all turns, in order).",
        POSITION: "offset / the article's speech characters: 0 is the opening, 1 the end.",
        LEFT: "Text before the hit (as in the concordance).",
        MATCH: "The hit as written.",
        RIGHT: "Text after the hit.",
    },
)

COLLOCATES = Table(
    "collocates",
    "Words found within a window of positions around a term, in the same turn.",
    {
        TERM: "The collocate.",
        COUNT: "Times it stands within the window of the node term (O).",
        FREQ: "Its uses in the whole selection (f).",
        G2: "Log-likelihood G² of its rate inside the windows against outside (Evert 2008), "
        "negative when it is rarer near the term.",
        MI: "Mutual information log2(O / E), E = f(node) × f × (left + right) / N "
        "(Church & Hanks 1990).",
    },
)

COOCCURRENCE = Table(
    "cooccurrence",
    "Pairs of frequent terms used in the same turn, for a network view.",
    {
        TERM_A: "One term (alphabetically first).",
        TERM_B: "The other term.",
        TOGETHER: "Turns that use both.",
        JACCARD: "together / turns using either.",
    },
)

NETWORK = Table(
    "network",
    "The nodes of the co-occurrence network (the terms of the cooccurrence table): where "
    "the seeded spring layout puts them and the community each falls in.",
    {
        TERM: "The term.",
        COUNT: "Its uses in the selection.",
        COMMUNITY: "Community number from 1 (greedy modularity, Jaccard-weighted), largest first.",
        DEGREE: "Edges drawn to other terms.",
        NODE_X: "Layout x (networkx spring layout, fixed seed).",
        NODE_Y: "Layout y.",
    },
)

NGRAMS = Table(
    "ngrams",
    "Runs of 2 to 4 kept words standing next to each other in a turn (a stopword or a "
    "punctuation mark between them breaks the run), most frequent first.",
    {
        NGRAM: "The words as written: Chinese ones run together, Latin ones spaced.",
        SIZE: "Words in the run (2-4).",
        COUNT: "How often it occurs.",
        ARTICLES_COUNT: "Articles it occurs in.",
    },
)

PHRASES = Table(
    "phrases",
    "Frequent 2- and 3-word phrases: kept words adjacent in the original turn.",
    {
        PHRASE: "The words joined by spaces.",
        SIZE: "2 or 3.",
        COUNT: "How often it occurs.",
    },
)

THEME = "theme"
HITS = "hits"
TURNS_COUNT = "turns"
SHARE = "share"
SHARE_OF_SPEAKER = "share_of_speaker"
SHARE_OF_THEME = "share_of_theme"
FIRST_TURN = "first_turn"
QUESTIONS = "questions"
LONGEST_TURN_CHARS = "longest_turn_chars"
LONGEST_TURN = "longest_turn"
MEAN_TURN_CHARS = "mean_turn_chars"
TURN_SHARE = "turn_share"
EST_MINUTES = "est_minutes"
MINUTES = "minutes"
MINUTES_SOURCE = "minutes_source"
# How a speaker's minutes were found.
MEASURED, ESTIMATED, MIXED = "measured", "estimated", "mixed"
HOST_GUEST_RATIO = "host_guest_ratio"
SWITCHES_PER_1K = "switches_per_1k"
N_ARTICLES = "n_articles"
TOPIC = "topic"
RANK = "rank"
WORD = "word"
WEIGHT = "weight"

THEME_HITS = Table(
    "theme_hits",
    "Which themes each turn touches (keywords and patterns from config/themes.toml).",
    {
        ARTICLE_ID: "The article.",
        TURN: "The turn's order in its article.",
        THEME: "The theme's name.",
        HITS: "Occurrences of the theme's keywords and patterns in the turn (at least 1).",
    },
)

THEME_COUNTS = Table(
    "themes",
    "Turns touching each theme and hits, per article and speaker; `themes.csv` in the export.",
    {
        ARTICLE_ID: "The article.",
        SPEAKER: "The speaker.",
        THEME: "The theme.",
        TURNS_COUNT: "The speaker's turns in that article that touch the theme.",
        HITS: "Keyword and pattern hits in those turns.",
    },
)

SPEAKER_THEME_SHARE = Table(
    "speaker_theme_share",
    "Each speaker's talk per theme, in characters of the turns that touch it.",
    {
        SPEAKER: "The speaker.",
        THEME: "The theme.",
        CHARS: "Characters of the speaker's turns that touch the theme.",
        SHARE_OF_SPEAKER: "chars / all the speaker's characters.",
        SHARE_OF_THEME: "chars / characters of all turns touching the theme.",
    },
)

THEME_FLOW = Table(
    "theme_flow",
    "Where each theme comes up in its conversation, for a theme-flow chart.",
    {
        ARTICLE_ID: "The article.",
        TURN: "The turn's order.",
        POSITION: "(turn - 1) / (turns in the article - 1): 0 is the opening, 1 the last turn.",
        THEME: "The theme.",
        HITS: "Hits in the turn.",
        SPEAKER: "Who spoke the turn.",
    },
)

THEME_TRENDS = Table(
    "theme_trends",
    "Themes over publish dates: per article, turns touching each theme.",
    {
        PUBLISHED: "The article's publish date.",
        ARTICLE_ID: "The article.",
        THEME: "The theme.",
        TURNS_COUNT: "Turns touching the theme.",
        SHARE: "Those turns / all turns of the article.",
    },
)

SECTIONS = Table(
    "sections",
    "The editor's `##` headings as topics: turns and talk per heading and speaker.",
    {
        ARTICLE_ID: "The article.",
        SECTION: "The heading.",
        SPEAKER: "The speaker.",
        TURNS_COUNT: "The speaker's turns under the heading.",
        CHARS: "Their characters.",
        FIRST_TURN: "The first turn under the heading by this speaker, to keep headings in order.",
    },
)

SPEAKER_STATS = Table(
    "speaker_stats",
    "Who talks how much, per article and speaker; `speaker_stats.csv` in the export.",
    {
        ARTICLE_ID: "The article.",
        SPEAKER: "The speaker.",
        ROLE: "The speaker's role.",
        TURNS_COUNT: "Turns.",
        CHARS: "Characters of speech (white space not counted).",
        SHARE: "chars / all speech characters of the article (the speaker-time share).",
        EST_MINUTES: "chars / speech rate (default 250 characters a minute): an estimate.",
        MINUTES: "Speaking minutes: measured from the turns' time stamps (duration_seconds) "
        "where the article has them, else est_minutes; a turn without a duration counts its "
        "estimate.",
        MINUTES_SOURCE: "measured (every turn of the speaker has a duration from time stamps), "
        "estimated (none has) or mixed (some have, e.g. the last stamped turn has none).",
        LONGEST_TURN_CHARS: "Characters of the speaker's longest turn (the longest monologue).",
        QUESTIONS: "Question sentences (text ending in ？ or ?) in the speaker's turns.",
        TURN_SHARE: "turns / all turns of the article.",
        MEAN_TURN_CHARS: "Mean characters per turn.",
        LONGEST_TURN: "Which turn is the longest monologue.",
    },
)

ARTICLE_DYNAMICS = Table(
    "article_dynamics",
    "How a conversation flows: host-to-guest ratio and interactivity, per article.",
    {
        ARTICLE_ID: "The article.",
        TURNS_COUNT: "Turns.",
        CHARS: "Characters of speech.",
        HOST_GUEST_RATIO: "Host characters / guest characters (empty without a guest).",
        SWITCHES_PER_1K: "Changes of speaker per 1,000 characters of speech.",
    },
)

SPEAKER_SUMMARY = Table(
    "speaker_summary",
    "Corpus-wide per person: a named speaker is one row across articles; a generic label "
    "(主持人, 嘉宾, 观众, 问, 答: a role word of the speakers file) is a different person in "
    "each article, so it gets a row per article.",
    {
        SPEAKER: "The speaker; a generic label carries its article: `主持人 · 003_00fc6f42bdf96616`.",
        ROLE: "The role the speaker has in most turns.",
        N_ARTICLES: "Articles the speaker talks in.",
        TURNS_COUNT: "Turns.",
        CHARS: "Characters of speech.",
        SHARE: "chars / all speech in the selection.",
        EST_MINUTES: "Estimated speaking minutes.",
        MINUTES: "Speaking minutes, measured from time stamps where there are any (as in "
        "speaker_stats).",
        LONGEST_TURN_CHARS: "The longest turn.",
    },
)

TOPIC_WORDS = Table(
    "topic_words",
    "Data-driven topics (NMF over TF-IDF of each turn's words): top words per topic.",
    {
        TOPIC: "Topic number, from 1.",
        RANK: "Rank of the word within the topic, from 1.",
        WORD: "The word.",
        WEIGHT: "Its weight in the topic.",
    },
)

TURN_TOPICS = Table(
    "turn_topics",
    "Topic weight per turn (only non-zero weights).",
    {
        ARTICLE_ID: "The article.",
        TURN: "The turn.",
        TOPIC: "Topic number.",
        WEIGHT: "The turn's weight on the topic.",
    },
)

EXCHANGE = "exchange"
ASKER = "asker"
ASKER_ROLE = "asker_role"
QUESTION_TURNS = "question_turns"
QUESTION_TEXT = "question"
QUESTION_CHARS = "question_chars"
QUESTION_TYPE = "question_type"
ANSWER_TURN = "answer_turn"
ANSWERERS = "answerers"
ANSWER_TURNS = "answer_turns"
ANSWER_CHARS = "answer_chars"
QUESTION_THEMES = "question_themes"
ANSWER_THEMES = "answer_themes"
QUESTION_TERMS = "question_terms"
ANSWER_TERMS = "answer_terms"
FOLLOW_UP = "follow_up"
FOLLOW_THEMES = "follow_themes"
FOLLOW_TERMS = "follow_terms"
TOPIC_SHIFT = "topic_shift"
PART = "part"
# Question types (the exchanges table's `question_type`).
OPEN, CLOSED, STATEMENT = "open", "closed", "statement"
QUESTION_TYPES = (OPEN, CLOSED, STATEMENT)
# The two parts of an exchange.
QUESTION, ANSWER = "question", "answer"

EXCHANGES = Table(
    "exchanges",
    "Questions and their answers: one row per exchange, a question (one turn, or a run of "
    "them before one answer) with the answer up to the next question. The rules are in "
    'docs/analysis.md, "Questions and answers".',
    {
        ARTICLE_ID: "The article.",
        EXCHANGE: "Order of the exchange in its article, from 1.",
        TURN: "The question's (first) turn, where the reader opens.",
        ASKER: "Who asked: the speaker of that turn (a host or an audience member).",
        ASKER_ROLE: "The asker's role: host or audience.",
        QUESTION_TURNS: "Turns of the question (a run of the asker's side before the answer).",
        QUESTION_TEXT: "The question's text (its turns joined by line breaks).",
        QUESTION_CHARS: "Characters of the question (white space not counted).",
        QUESTION_TYPE: "open (asks with a question word, or for an account: 谈谈, tell us), "
        "closed (a yes/no or either/or form: 吗, 是不是, 能否, 还是, is/do/can …) or statement "
        "(a statement posing as a question: no such form, asked by ？ or a lead-in such as 好奇).",
        ANSWER_TURN: "The answer's first turn; empty when nobody answered.",
        ANSWERERS: "Who answered, in order of first turn, joined by `、`; empty when nobody did.",
        ANSWER_TURNS: "Turns of the answer (0 when nobody answered).",
        ANSWER_CHARS: "Characters of the answer (0 when nobody answered).",
        POSITION: "Characters of the article's speech before the question / all of them: "
        "0 is the opening, near 1 the end.",
        QUESTION_THEMES: "Themes the question's turns touch, most hits first, joined by `、`.",
        ANSWER_THEMES: "Themes the answer's turns touch, most hits first, joined by `、`.",
        QUESTION_TERMS: "The question's most used kept words (up to 5), joined by `、`.",
        ANSWER_TERMS: "The answer's most used kept words (up to 5), joined by `、`.",
        FOLLOW_UP: "True when the question shares a theme or a key term with the previous "
        "exchange of its article (its question or answer); false for the first exchange.",
        FOLLOW_THEMES: "The themes it shares with the previous exchange, joined by `、`.",
        FOLLOW_TERMS: "The key terms it shares with the previous exchange, joined by `、`.",
        TOPIC_SHIFT: "True when the answer shares no theme and no key term with its question; "
        "empty when nobody answered. Says what it counts, no more: not evasion.",
    },
)

# Later steps add their tables above this line and to this tuple.
TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        ARTICLES,
        TURNS,
        EDITORIAL,
        PROBLEMS,
        FILES,
        TOKENS,
        TERMS,
        DISTINCTIVE,
        KEYNESS,
        LOG_ODDS,
        COMPARISON,
        TERM_TRENDS,
        KWIC,
        DISPERSION,
        COLLOCATES,
        COOCCURRENCE,
        NETWORK,
        NGRAMS,
        PHRASES,
        THEME_HITS,
        THEME_COUNTS,
        SPEAKER_THEME_SHARE,
        THEME_FLOW,
        THEME_TRENDS,
        SECTIONS,
        SPEAKER_STATS,
        ARTICLE_DYNAMICS,
        SPEAKER_SUMMARY,
        TOPIC_WORDS,
        TURN_TOPICS,
        EXCHANGES,
    )
}
