"""Loading the user-editable files under `config/`, one function each.

A file that cannot be used raises `ConfigError`, whose message names the file, the line
and the problem; callers show it and fall back to the shipped defaults.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from analysis.schema import AUDIENCE, GUEST, HOST, OTHER, ROLES
from analysis.text.patterns import PatternError, compile_pattern, compile_regex, theme_source

CONFIG_DIR = Path(__file__).resolve().parent.parent / "config"
DEFAULT_SPEAKERS = CONFIG_DIR / "speakers.toml"


class ConfigError(ValueError):
    """A configuration file that cannot be used, with the file and line in the message."""


def name_key(name: str) -> str:
    """Fold a speaker name so that width, case, spaces and middle dots don't matter."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return re.sub(r"[\s·•・‧.\u00b7\u2027\u30fb_-]+", "", folded)


@dataclass(frozen=True)
class SpeakerConfig:
    """Canonical speakers by alias, and the label prefixes that tell a role."""

    people: dict[str, tuple[str, str]] = field(default_factory=dict)  # name_key -> (name, role)
    prefixes: tuple[tuple[str, str], ...] = ()  # (prefix, role), longest prefix first

    def lookup(self, name: str) -> tuple[str, str] | None:
        key = name_key(name)
        if key in self.people:
            return self.people[key]
        # A title before a known name: OpenAI CEO Sam Altman, OpenAI首席执行官萨姆·奥特曼.
        alias = titled_name(key, self.people)
        return self.people[alias] if alias else None


# A title is what comes before a name; a verb or preposition there means the line is speech
# about the person (问Sam Altman：…, 对奥特曼说：…), not a label.
NOT_A_TITLE_END = re.compile(r"[问说对给和跟与向请让]$")


def titled_name(key: str, names) -> str | None:
    """The longest of `names` (name keys) that `key` ends with after a title, if any."""
    # Shortest title first, so the longest name wins; one lookup per cut, not per name.
    for cut in range(2, len(key) - 1):
        if key[cut:] in names and not NOT_A_TITLE_END.search(key[:cut]):
            return key[cut:]
    return None


def _toml_line(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return 1


def _read_config_text(path: Path) -> str:
    """A config file's text, or a ConfigError saying plainly why it can't be read."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as error:
        raise ConfigError(f"{path}: file not found") from error
    except UnicodeDecodeError as error:
        line = error.object[: error.start].count(b"\n") + 1
        raise ConfigError(f"{path}: line {line}: not UTF-8 text") from error


def _read_toml(path: Path) -> tuple[dict, str]:
    text = _read_config_text(path)
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(toml_error_message(str(path), error, text)) from error


def toml_error_message(source: str, error: tomllib.TOMLDecodeError, text: str) -> str:
    """tomllib says "(at line N, column M)" or "(at end of document)"; always name a line."""
    message = str(error)
    if "(at end of document)" in message:
        last = max(1, len(text.splitlines()))
        message = message.replace("(at end of document)", f"(at line {last}, the end of the file)")
    match = re.search(r"\(at line (\d+)", message)
    line = match.group(1) if match else "1"
    return f"{source}: line {line}: {message}"


def load_speakers(path: Path | str | None = None) -> SpeakerConfig:
    """Read the speakers file (aliases -> canonical name and role, plus role prefixes)."""
    path = Path(path) if path else DEFAULT_SPEAKERS
    data, text = _read_toml(path)
    people: dict[str, tuple[str, str]] = {}
    entries = data.get("person", [])
    if not isinstance(entries, list):
        raise ConfigError(f"{path}: line {_toml_line(text, 'person')}: use [[person]] tables")
    for entry in entries:
        name = entry.get("name") if isinstance(entry, dict) else None
        if not isinstance(name, str) or not name.strip():
            line = _toml_line(text, "[[person]]")
            raise ConfigError(f"{path}: line {line}: a [[person]] has no name")
        role = entry.get("role", OTHER)
        if role not in ROLES:
            line = _toml_line(text, f'"{role}"')
            raise ConfigError(
                f"{path}: line {line}: role {role!r} of {name!r} is not one of {', '.join(ROLES)}"
            )
        aliases = entry.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            line = _toml_line(text, name)
            raise ConfigError(f"{path}: line {line}: aliases of {name!r} must be a list of text")
        for alias in [name, *aliases]:
            people[name_key(alias)] = (name.strip(), role)
    prefixes: list[tuple[str, str]] = []
    table = data.get("prefixes", {})
    if not isinstance(table, dict):
        raise ConfigError(
            f"{path}: line {_toml_line(text, 'prefixes')}: [prefixes] must be a table"
        )
    for role, words in table.items():
        if role not in (HOST, GUEST, AUDIENCE, OTHER):
            line = _toml_line(text, role)
            raise ConfigError(f"{path}: line {line}: {role!r} is not one of {', '.join(ROLES)}")
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            line = _toml_line(text, role)
            raise ConfigError(f"{path}: line {line}: prefixes for {role} must be a list of text")
        prefixes.extend((w, role) for w in words if w.strip())
    prefixes.sort(key=lambda item: len(name_key(item[0])), reverse=True)
    return SpeakerConfig(people=people, prefixes=tuple(prefixes))


DEFAULT_USERDICT = CONFIG_DIR / "userdict.txt"
DEFAULT_STOPWORDS = CONFIG_DIR / "stopwords.txt"


def _read_lines(path: Path) -> list[tuple[int, str]]:
    """Non-comment, non-blank lines of a UTF-8 list file, with their line numbers."""
    text = _read_config_text(Path(path))
    lines = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if line and not line.startswith("#"):
            lines.append((number, line))
    return lines


def userdict_term(line: str) -> str:
    """The term of a user dictionary line, without jieba's optional `freq` and `tag` after it.

    Cut with two right splits, not a regular expression: `\\s+\\d+...$` retried at every
    space of a long run of spaces, quadratic on a hostile line."""
    parts = line.rsplit(None, 1)
    if len(parts) < 2:
        return line.strip()
    head, last = parts
    if last.isdecimal():
        return head.strip()
    inner = head.rsplit(None, 1)
    if len(inner) == 2 and inner[1].isdecimal() and (last.replace("_", "").isalnum()):
        return inner[0].strip()
    return line.strip()


def load_userdict(path: Path | str | None = None) -> tuple[str, ...]:
    """Terms the segmenter keeps whole, one per line (jieba's `word freq tag` form is accepted)."""
    path = Path(path) if path else DEFAULT_USERDICT
    terms = []
    for number, line in _read_lines(path):
        term = userdict_term(line)
        if len(term) > 50:
            raise ConfigError(f"{path}: line {number}: a term longer than 50 characters")
        terms.append(term)
    return tuple(dict.fromkeys(terms))


def load_stopwords(path: Path | str | None = None, maintained: bool = True) -> frozenset[str]:
    """The project's stopword file plus, by default, the maintained zh/en lists (stopwords-iso)."""
    path = Path(path) if path else DEFAULT_STOPWORDS
    words = {unicodedata.normalize("NFKC", line).casefold() for _, line in _read_lines(path)}
    if maintained:
        import stopwordsiso

        for language in ("zh", "en"):
            words |= {
                unicodedata.normalize("NFKC", w).casefold()
                for w in stopwordsiso.stopwords(language)
            }
    return frozenset(words)


# A session's vocabulary: dictionary words and stopwords a visitor adds or removes in the
# dashboard (or imports as a file). Limits bound the work one vocabulary can ask for: each
# changed word sends the turns that contain it back to the segmenter.
MAX_VOCABULARY_BYTES = 128 * 1024
MAX_VOCABULARY_WORDS = 500  # in the four lists together
MAX_VOCABULARY_WORD_LENGTH = 30  # characters
# Characters of speech one vocabulary may send back to the segmenter on one corpus (the turns
# holding its changed words): bounds its CPU and the memory its tokens hold (see
# `store.Store.vocabulary_cost`): at most ~3.5 s of CPU and ~40 MB of tokens held (measured:
# 0.85 s and 10 MB per million characters). 我们 counted again at 500 articles fits; a
# character that is in every turn of 1,000 articles (6.8 million characters) does not.
MAX_RESEGMENTED_CHARS = 4_000_000
# The file's sections, in the order they are written; `[add words]` is the dictionary.
VOCABULARY_SECTIONS = ("add words", "remove words", "add stopwords", "remove stopwords")
# Letters and digits of any script, joined by single hyphens, dots or middle dots (GPT-4o,
# o1-preview, 萨姆·奥特曼); a stopword may also join its parts by single spaces (sam altman).
# Separators are required between runs, so the pattern cannot backtrack.
DICTIONARY_WORD = re.compile(r"[^\W_]+(?:[-.·][^\W_]+)*")
STOPWORD = re.compile(r"[^\W_]+(?:[-.· ][^\W_]+)*")


@dataclass(frozen=True)
class Vocabulary:
    """A session's changes to the segmenter's dictionary and to the stopwords.

    `add_words` are kept whole (jieba's add_word); `remove_words` are taken out of the
    dictionary so jieba may split them (del_word); `add_stopwords` are no longer counted;
    `remove_stopwords` are counted again (even single characters).
    """

    add_words: tuple[str, ...] = ()
    remove_words: tuple[str, ...] = ()
    add_stopwords: tuple[str, ...] = ()
    remove_stopwords: tuple[str, ...] = ()

    def lists(self) -> tuple[tuple[str, ...], ...]:
        """The four lists in `VOCABULARY_SECTIONS` order."""
        return (self.add_words, self.remove_words, self.add_stopwords, self.remove_stopwords)

    def is_empty(self) -> bool:
        return not any(self.lists())

    def key(self) -> str:
        """16 hex digits naming the vocabulary's content (order, case and width don't matter),
        so visitors with the same vocabulary share its store."""
        canonical = "\n".join(
            "|".join(sorted({fold_word(word) for word in words})) for words in self.lists()
        )
        return hashlib.sha256(canonical.encode()).hexdigest()[:16]

    def version(self) -> str:
        """8 hex digits for links (`vocab_version`); empty for no changes."""
        return "" if self.is_empty() else self.key()[:8]

    def folded(self, which: str) -> frozenset[str]:
        """One list (`add_words`, …) width- and case-folded, as tokens are."""
        return frozenset(fold_word(word) for word in getattr(self, which))


def fold_word(word: str) -> str:
    """A word as the tokens table holds it: width- and case-folded, spaces single."""
    return " ".join(unicodedata.normalize("NFKC", word).casefold().split())


# Why a vocabulary line is refused, in English; the dashboard says the same in Chinese
# (dashboard.texts' `vocab_error_<reason>`), with the same fields.
VOCABULARY_ERRORS = {
    "too_big": "the file is {size} KB; a vocabulary may have at most {most} KB",
    "not_utf8": "not UTF-8 text",
    "not_section": "{word!r} is not a section; use [add words], [remove words], "
    "[add stopwords] or [remove stopwords]",
    "before_section": "a word before any section; start with [add words], [remove words], "
    "[add stopwords] or [remove stopwords]",
    "empty": "an empty word (only invisible characters)",
    "too_long": "a word of {size} characters; at most {most}",
    "space": "{word!r} has a space; a dictionary word is one word "
    "(letters and digits, joined by - . or ·)",
    "symbol": "{word!r} has a symbol; a word is letters and digits, joined by - . or · "
    "(a stopword also by single spaces)",
    "one_char": "{word!r} is one character; a dictionary word has at least 2",
    "conflict": "{word!r} is also in [{other}] (line {first}); keep it in one of the two",
    "too_many": "more than {most} words; a vocabulary may have at most {most}",
    "too_costly": "this vocabulary would segment {turns:,} turns again ({chars:,} characters "
    "of speech); a vocabulary may send at most {most:,} characters back to the segmenter. "
    "The changed words found in the most turns: {words}",
}


class VocabularyCostError(ConfigError):
    """A vocabulary that would send more speech back to the segmenter than one may
    (`MAX_RESEGMENTED_CHARS`). `reason` is "too_costly"; `values` holds `turns` and `chars`
    (what it would segment), `most` (the limit) and `words` (the changed words found in the
    most turns, joined by commas), so the message can be said in any language."""

    def __init__(self, turns: int, chars: int, most: int, words: list[str]) -> None:
        self.reason = "too_costly"
        self.values = {"turns": turns, "chars": chars, "most": most, "words": ", ".join(words)}
        super().__init__(VOCABULARY_ERRORS["too_costly"].format(**self.values))


class VocabularyError(ConfigError):
    """A vocabulary line that cannot be used: the source, the line, why (a key of
    `VOCABULARY_ERRORS`) and the values its message names, so it can be said in any language."""

    def __init__(self, source: str, line: int, reason: str, **values) -> None:
        self.source, self.line, self.reason, self.values = source, line, reason, values
        super().__init__(f"{source}: line {line}: " + VOCABULARY_ERRORS[reason].format(**values))


def _vocabulary_word(line: str, section: str, source: str, number: int) -> str:
    """The word on a line of a section, or a VocabularyError saying what is wrong with it."""
    visible = "".join(ch for ch in line if unicodedata.category(ch) not in ("Cf", "Cc"))
    word = " ".join(visible.split())
    stopword = "stopwords" in section
    if not word:
        raise VocabularyError(source, number, "empty")
    if len(word) > MAX_VOCABULARY_WORD_LENGTH:
        raise VocabularyError(
            source, number, "too_long", size=len(word), most=MAX_VOCABULARY_WORD_LENGTH
        )
    if not stopword and " " in word:
        raise VocabularyError(source, number, "space", word=word)
    if not (STOPWORD if stopword else DICTIONARY_WORD).fullmatch(word):
        raise VocabularyError(source, number, "symbol", word=word)
    if not stopword and len(word) < 2:
        raise VocabularyError(source, number, "one_char", word=word)
    return word


def parse_vocabulary(text: str, source: str = "vocabulary.txt") -> Vocabulary:
    """A vocabulary from its text: `[add words]`, `[remove words]`, `[add stopwords]` and
    `[remove stopwords]` sections, one word per line, `#` comments. Anything else raises
    VocabularyError naming the line; one pass over the lines."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_VOCABULARY_BYTES:
        raise VocabularyError(
            source, 1, "too_big", size=size // 1024, most=MAX_VOCABULARY_BYTES // 1024
        )
    lists: dict[str, dict[str, str]] = {name: {} for name in VOCABULARY_SECTIONS}
    seen: dict[tuple[str, str], int] = {}  # (section, folded word) -> line, for conflicts
    section, total = None, 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            name = " ".join(line.strip("[] ").casefold().split())
            if not line.endswith("]") or name not in lists:
                raise VocabularyError(source, number, "not_section", word=line[:40])
            section = name
            continue
        if section is None:
            raise VocabularyError(source, number, "before_section")
        word = _vocabulary_word(line, section, source, number)
        folded = fold_word(word)
        if folded in lists[section]:
            continue
        other = _opposite(section)
        if (other, folded) in seen:
            raise VocabularyError(
                source, number, "conflict", word=word, other=other, first=seen[other, folded]
            )
        total += 1
        if total > MAX_VOCABULARY_WORDS:
            raise VocabularyError(source, number, "too_many", most=MAX_VOCABULARY_WORDS)
        lists[section][folded] = word
        seen[section, folded] = number
    return Vocabulary(*(tuple(lists[name].values()) for name in VOCABULARY_SECTIONS))


def decode_vocabulary(data: bytes, source: str = "vocabulary.txt") -> Vocabulary:
    """A vocabulary from a file's bytes (UTF-8, with or without a byte-order mark)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise VocabularyError(source, line, "not_utf8") from error
    return parse_vocabulary(text, source)


def _opposite(section: str) -> str:
    verb, noun = section.split(" ", 1)
    return f"{'remove' if verb == 'add' else 'add'} {noun}"


VOCABULARY_HEADER = (
    "Vocabulary for the transcripts dashboard: one word per line under each section.\n"
    "[add words] kept whole, [remove words] may be split, [add stopwords] not counted,\n"
    "[remove stopwords] counted again."
)


def dump_vocabulary(vocabulary: Vocabulary, header: str = VOCABULARY_HEADER) -> str:
    """A vocabulary as the text `parse_vocabulary` reads, for export from the dashboard:
    `header` as its opening comment (the dashboard's in the interface's language; empty:
    none, for a link). The sections' names are the format's and stay as they are."""
    blocks = ["\n".join(f"# {line}" for line in header.splitlines())] if header else []
    for name, words in zip(VOCABULARY_SECTIONS, vocabulary.lists(), strict=True):
        blocks.append("\n".join([f"[{name}]", *words]))
    return "\n\n".join(blocks) + "\n"


DEFAULT_THEMES = CONFIG_DIR / "themes.toml"

# Limits on a themes file, which visitors may import: each theme is one scan of the corpus, so
# the count and size bound the work a file can ask for.
MAX_THEME_FILE_BYTES = 256 * 1024
MAX_THEMES = 200
MAX_KEYWORDS = 200  # per theme
MAX_KEYWORD_LENGTH = 50  # characters, as for the user dictionary
MAX_PATTERNS = 20  # per theme
MAX_PATTERN_LENGTH = 200  # characters, as for a concordance search
MAX_THEME_NAME_LENGTH = 60  # characters of a name or English label
MAX_NESTING = 20  # brackets deep; a themes file needs 3


@dataclass(frozen=True)
class Theme:
    """A theme: a name for charts and links, and the words and patterns that signal it."""

    name: str
    keywords: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    label_en: str = ""


def _deep_line(text: str) -> int:
    """The line where brackets first nest deeper than MAX_NESTING (strings are not skipped)."""
    depth = 0
    for number, line in enumerate(text.splitlines(), start=1):
        for char in line:
            depth += (char in "[{") - (char in "]}")
            if depth > MAX_NESTING:
                return number
    return 1


def _parse_theme_toml(text: str, source: str) -> dict:
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_THEME_FILE_BYTES:
        raise ConfigError(
            f"{source}: line 1: the file is {size // 1024} KB; "
            f"a themes file may have at most {MAX_THEME_FILE_BYTES // 1024} KB"
        )
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(toml_error_message(source, error, text)) from error
    except RecursionError as error:
        raise ConfigError(
            f"{source}: line {_deep_line(text)}: brackets nested too deeply "
            f"(a themes file needs at most 3 levels)"
        ) from error


def _check_theme(
    text: str, source: str, line: int, name: str, keywords: list[str], patterns: list[str]
) -> None:
    """Refuse a theme whose keywords or patterns are too many, too long, or not linear-time."""
    where = f"{source}: line {line}"
    if len(keywords) > MAX_KEYWORDS:
        raise ConfigError(
            f"{where}: theme {name!r} has {len(keywords)} keywords; at most {MAX_KEYWORDS}"
        )
    if len(patterns) > MAX_PATTERNS:
        raise ConfigError(
            f"{where}: theme {name!r} has {len(patterns)} patterns; at most {MAX_PATTERNS}"
        )
    for keyword in keywords:
        if len(keyword) > MAX_KEYWORD_LENGTH:
            raise ConfigError(
                f"{source}: line {_toml_line(text, keyword[:20])}: a keyword of {name!r} is longer "
                f"than {MAX_KEYWORD_LENGTH} characters"
            )
    for pattern in patterns:
        pattern_line = _toml_line(text, pattern[:20]) if pattern[:20] else line
        if len(pattern) > MAX_PATTERN_LENGTH:
            raise ConfigError(
                f"{source}: line {pattern_line}: a pattern of {name!r} is longer than "
                f"{MAX_PATTERN_LENGTH} characters"
            )
        try:
            compile_pattern(pattern)
        except PatternError as error:
            raise ConfigError(
                f"{source}: line {pattern_line}: pattern {pattern!r} of {name!r}: {error}"
            ) from error
    # Each pattern alone may compile and the whole theme still not: check what will be searched.
    try:
        compile_regex(theme_source(keywords, patterns))
    except PatternError as error:
        raise ConfigError(
            f"{where}: the keywords and patterns of {name!r} together: {error}"
        ) from error


def parse_themes(text: str, source: str = "themes.toml") -> list[Theme]:
    """Themes from TOML text (a file, or what a user pasted or uploaded in the dashboard)."""
    data = _parse_theme_toml(text, source)
    entries = data.get("theme", [])
    if not isinstance(entries, list) or not entries:
        raise ConfigError(f"{source}: line 1: no [[theme]] entries")
    if len(entries) > MAX_THEMES:
        line = _nth_line(text, "[[theme]]", MAX_THEMES + 1)
        raise ConfigError(
            f"{source}: line {line}: {len(entries)} themes; a themes file may have at most "
            f"{MAX_THEMES}"
        )
    themes, seen = [], set()
    for number, entry in enumerate(entries, start=1):
        name = entry.get("name") if isinstance(entry, dict) else None
        if not isinstance(name, str) or not name.strip():
            line = _nth_line(text, "[[theme]]", number)
            raise ConfigError(f"{source}: line {line}: theme number {number} has no name")
        name = name.strip()
        line = _toml_line(text, f'"{name}"')
        if len(name) > MAX_THEME_NAME_LENGTH:
            raise ConfigError(
                f"{source}: line {line}: a theme name is longer than "
                f"{MAX_THEME_NAME_LENGTH} characters"
            )
        if name in seen:
            raise ConfigError(f"{source}: line {line}: the theme name {name!r} is used twice")
        seen.add(name)
        keywords = entry.get("keywords", [])
        patterns = entry.get("patterns", [])
        for field_name, values in (("keywords", keywords), ("patterns", patterns)):
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                raise ConfigError(
                    f"{source}: line {line}: {field_name} of {name!r} must be a list of text"
                )
        keywords = [k.strip() for k in keywords if k.strip()]
        patterns = [p for p in patterns if p.strip()]
        if not keywords and not patterns:
            raise ConfigError(f"{source}: line {line}: theme {name!r} has no keywords or patterns")
        _check_theme(text, source, line, name, keywords, patterns)
        label_en = entry.get("label_en", "")
        label_en = label_en if isinstance(label_en, str) else ""
        if len(label_en) > MAX_THEME_NAME_LENGTH:
            raise ConfigError(
                f"{source}: line {_toml_line(text, 'label_en')}: the English label of {name!r} is "
                f"longer than {MAX_THEME_NAME_LENGTH} characters"
            )
        themes.append(Theme(name, tuple(keywords), tuple(patterns), label_en))
    return themes


def _nth_line(text: str, needle: str, n: int) -> int:
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            seen += 1
            if seen == n:
                return number
    return 1


def load_themes(path: Path | str | None = None) -> list[Theme]:
    """Read a themes file; a bad one raises ConfigError naming the file, the line and the problem."""
    path = Path(path) if path else DEFAULT_THEMES
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # _read_config_text says why it can't be read
    if size > MAX_THEME_FILE_BYTES:
        # Refused before reading: the limit is there so nobody reads a huge file.
        raise ConfigError(
            f"{path}: line 1: the file is {size // 1024} KB; "
            f"a themes file may have at most {MAX_THEME_FILE_BYTES // 1024} KB"
        )
    return parse_themes(_read_config_text(path), str(path))


def dump_themes(themes: list[Theme]) -> str:
    """Themes back to TOML text, for export from the dashboard."""

    def quote(value: str) -> str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'

    blocks = []
    for theme in themes:
        lines = ["[[theme]]", f"name = {quote(theme.name)}"]
        if theme.label_en:
            lines.append(f"label_en = {quote(theme.label_en)}")
        lines.append("keywords = [" + ", ".join(quote(k) for k in theme.keywords) + "]")
        if theme.patterns:
            lines.append("patterns = [" + ", ".join(quote(p) for p in theme.patterns) + "]")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"
