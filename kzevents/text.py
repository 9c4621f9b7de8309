"""Markdown and HTML to clean text for spaCy, with a map back to the input.

spaCy tags markup as entities (a URL as LOC, a heading word as PER) and splits
sentences badly on it, so the pipeline reads a cleaned copy. Every character of
the copy remembers the span of the input it came from, so a mention found in
the copy is reported with offsets into the exact string the caller passed.

Cleaning only deletes markup or replaces it with a shorter literal (a decoded
``&amp;``, a paragraph break for ``<p>``); it never reorders text.

>>> clean = clean_markup("**Almaty** : voir [le site](https://x.kz).")
>>> clean.text
'Almaty : voir le site.'
>>> clean.to_original(0, 6)
(2, 8)
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

# A piece of a replacement: an int keeps that regex group (with its offsets),
# a str is a literal standing for the whole match.
Piece = int | str
_Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], Sequence[Piece] | None]]

_BLOCK_TAGS = (
    "address|article|aside|blockquote|br|caption|dd|div|dl|dt|figcaption|figure|footer|"
    "h[1-6]|header|hr|li|main|nav|ol|p|pre|section|table|tbody|td|tfoot|th|thead|title|tr|ul"
)
_URL_END = r"[^\s<>()\[\]{}\"'«»,;.!?:]"
MAX_RUN = 100  # longest run of non-space characters handed to spaCy
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _keep(group: int) -> Callable[[re.Match[str]], Sequence[Piece]]:
    return lambda m: (group,)


def _drop(m: re.Match[str]) -> Sequence[Piece]:
    return ()


def _paragraph(m: re.Match[str]) -> Sequence[Piece]:
    return ("\n\n",)


def _entity(m: re.Match[str]) -> Sequence[Piece] | None:
    decoded = html.unescape(m.group())
    return None if decoded == m.group() else (decoded,)


def _heading(m: re.Match[str]) -> Sequence[Piece]:
    # A heading is a sentence of its own even when no blank line follows it.
    return (1, "\n\n") if m.group(2) else (1,)


_HTML_RULES: list[_Rule] = [
    (re.compile(r"<!--.*?-->", re.S), _drop),
    (re.compile(r"<(script|style|noscript|template)\b[^>]*>.*?</\1\s*>", re.S | re.I), _drop),
    (re.compile(rf"</?(?:{_BLOCK_TAGS})\b[^<>]*>", re.I), _paragraph),
    (re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>"), _drop),
    (re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"), _entity),
]

_MARKDOWN_RULES: list[_Rule] = [
    # Links and URLs first: their brackets and underscores are not emphasis.
    (re.compile(r"!\[[^\]\n]{0,500}\]\([^)\n]{0,2000}\)"), _drop),
    (re.compile(r"\[([^\]\n]{1,500})\]\([^)\n]{0,2000}\)"), _keep(1)),
    (re.compile(r"\[([^\]\n]{1,500})\]\[[^\]\n]{0,200}\]"), _keep(1)),
    (re.compile(r"^[ \t]{0,3}\[[^\]\n]{1,200}\]:[ \t]*\S+[^\n]*$", re.M), _drop),
    (re.compile(r"<(?:https?://|mailto:)[^>\s]{1,2000}>"), _drop),
    (re.compile(rf"\b(?:https?://|www\.)[^\s<>()\[\]{{}}\"«»]{{0,2000}}{_URL_END}"), _drop),
    # Block structure at the start of a line.
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+([^\n]*?)[ \t#]*(\n|\Z)", re.M), _heading),
    (re.compile(r"^[ \t]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.M), _drop),
    (re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+", re.M), _drop),
    (re.compile(r"^[ \t]{0,3}(?:[-*+]|[0-9]{1,3}[.)])[ \t]+(?=\S)", re.M), _drop),
    # Inline markup.
    (re.compile(r"`([^`\n]{1,500})`"), _keep(1)),
    (re.compile(r"(?<!\\)(\*\*|__)(?=\S)([^\n]{1,2000}?)(?<=[^\s\\])\1"), _keep(2)),
    (re.compile(r"(?<!\\)\*(?=[^\s*])([^*\n]{1,2000}?)(?<=[^\s*\\])\*"), _keep(1)),
    (re.compile(r"(?<![\w_\\])_(?=[^\s_])([^_\n]{1,2000}?)(?<=[^\s_\\])_(?![\w_])"), _keep(1)),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|])"), _keep(1)),
    # spaCy's tokenizer is quadratic in the length of a run without spaces (30,000
    # punctuation marks take minutes): no French word is this long, so break it.
    (re.compile(rf"\S{{{MAX_RUN}}}(?=\S)"), lambda m: (0, " ")),
]

# Strings a Markdown rule cannot match without (one of them): plain text, which has
# none, is not scanned by those rules at all.
_NEEDS: dict[re.Pattern[str], tuple[str, ...]] = {
    pattern: needs for (pattern, _), needs in zip(_MARKDOWN_RULES, (
        ("![",), ("](",), ("][",), ("]:",), ("<",), ("http", "www."), ("#",),
        ("-", "*", "_"), (">",), (), ("`",), ("**", "__"), ("*",), ("_",), ("\\",), (),
    ), strict=True) if needs
}

_LOOKS_LIKE_HTML = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>|&#?[A-Za-z0-9]{2,32};")


def replace_lone_surrogates(text: str) -> str:
    """Replace lone surrogates (invalid Unicode) by U+FFFD, one for one.

    No UTF-8 file, JSON document or spaCy string store can hold them; the
    replacement keeps every offset where it was.

    >>> replace_lone_surrogates("a\\ud800b") == "a\\ufffdb"
    True
    """
    return _LONE_SURROGATE.sub("\ufffd", text)


@dataclass(frozen=True)
class CleanText:
    """The cleaned text and, per character, the span of the input it stands for.

    ``starts``/``ends`` are ``None`` when cleaning changed nothing (the common
    case of plain text): then offsets are the same in both strings.
    """

    original: str
    text: str
    starts: list[int] | None = None
    ends: list[int] | None = None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the span ``[start, end)`` of the clean text to the input."""
        if self.starts is None or self.ends is None:
            return start, end
        if not 0 <= start <= end <= len(self.text):
            raise IndexError(f"span {start}:{end} is outside the clean text")
        if start == end:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]


def _apply(rule: _Rule, text: str, starts: list[int], ends: list[int]
           ) -> tuple[str, list[int], list[int]] | None:
    """Run one rule over the text; ``None`` when it matched nothing to change."""
    pattern, replace = rule
    parts: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    pos = 0
    for m in pattern.finditer(text):
        pieces = replace(m)
        if pieces is None:
            continue
        a, b = m.span()
        parts.append(text[pos:a])
        new_starts += starts[pos:a]
        new_ends += ends[pos:a]
        for piece in pieces:
            if isinstance(piece, int):
                ga, gb = m.span(piece)
                if ga < 0:
                    continue
                parts.append(text[ga:gb])
                new_starts += starts[ga:gb]
                new_ends += ends[ga:gb]
            else:
                parts.append(piece)
                new_starts += [starts[a]] * len(piece)
                new_ends += [ends[b - 1]] * len(piece)
        pos = b
    if not parts:
        return None
    parts.append(text[pos:])
    new_starts += starts[pos:]
    new_ends += ends[pos:]
    return "".join(parts), new_starts, new_ends


def clean_markup(text: str) -> CleanText:
    """Strip Markdown and HTML markup, keeping a map back to ``text``.

    Plain text comes back unchanged (and costs one scan per rule).

    >>> clean_markup("<p>Des heurts &agrave; Almaty.</p>").text.strip()
    'Des heurts à Almaty.'
    """
    rules = _MARKDOWN_RULES
    if _LOOKS_LIKE_HTML.search(text):
        rules = _HTML_RULES + _MARKDOWN_RULES
    current = text
    starts: list[int] | None = None
    ends: list[int] | None = None
    for rule in rules:
        needs = _NEEDS.get(rule[0])
        if needs and not any(literal in current for literal in needs):
            continue  # the rule cannot match
        if starts is None:
            if not rule[0].search(current):
                continue
            starts, ends = list(range(len(text))), list(range(1, len(text) + 1))
        assert ends is not None
        result = _apply(rule, current, starts, ends)
        if result is not None:
            current, starts, ends = result
    if starts is None:
        return CleanText(original=text, text=text)
    return CleanText(original=text, text=current, starts=starts, ends=ends)


class _CharTable(dict[int, str]):
    """A ``str.translate`` table filled on first sight of each character: the
    per-character work of folding is done once per distinct character, not once
    per character of every text."""

    def __init__(self, fold_char: Callable[[str], str]) -> None:
        super().__init__()
        self.fold_char = fold_char

    def __missing__(self, code: int) -> str:
        self[code] = folded = self.fold_char(chr(code))
        return folded


def _bare(ch: str) -> str:
    """A character without its accents (NFKD, combining marks dropped)."""
    return "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))


def _folded_char(ch: str) -> str:
    """One character of ``fold_same_length``: always one character long."""
    f = _bare(ch).lower()
    return (f if len(f) == 1 else ch.lower()[:1] or ch).replace("’", "'")


_BARE = _CharTable(_bare)
_FOLDED_CHAR = _CharTable(_folded_char)


def strip_accents(text: str) -> str:
    """Lower case without accents: how names and words are compared.

    >>> strip_accents("Défense Élysée")
    'defense elysee'
    """
    if text.isascii():  # nothing to decompose: most words
        return text.lower()
    return text.translate(_BARE).lower()


def fold_same_length(text: str) -> str:
    """Lower case, no accents, straight apostrophes, and exactly as long as ``text``.

    Offsets found in the folded text are offsets in ``text``.

    >>> fold_same_length("Coup d’État")
    "coup d'etat"
    """
    if text.isascii():
        return text.lower()
    return text.translate(_FOLDED_CHAR)


_ARTICLES = re.compile(r"^(?:(?:le|la|les|l|un|une|des|du|de|d|au|aux)\s+)+")
_NOT_WORD = re.compile(r"[^\w]+")


def normalise_name(name: str) -> str:
    """A name as the gazetteers and the scorer compare it.

    Lower case, no accents, no punctuation, no leading article.

    >>> normalise_name("L'Organisation du Traité")
    'organisation du traite'
    """
    return _normalise(name)


@lru_cache(maxsize=65_536)
def _normalise(name: str) -> str:
    """``normalise_name``, remembered: the same names and words come back in every
    text, and every component and the scorer compare them."""
    text = _NOT_WORD.sub(" ", strip_accents(name)).strip()
    return _ARTICLES.sub("", text)


def trie(words: set[str], letter: Callable[[str], str] = re.escape) -> str:
    """A regex of the words, factored letter by letter ("jour(?:née(?:s)?|s)?"):
    the engine then tries one letter at a time instead of every word. Where
    several words start, the longest first (backtracking to the shorter), as an
    alternation of the words sorted longest first, so it matches the same.
    ``letter``: the pattern of one letter (a class of its accented forms...).

    >>> trie({"jour", "jours", "journée"})
    'jour(?:(?:née|s))?'
    """
    ends_here = "" in words
    following: dict[str, set[str]] = {}
    for word in words:
        if word:
            following.setdefault(word[0], set()).add(word[1:])
    branches = [letter(first) + trie(rest, letter) for first, rest in sorted(following.items())]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends_here else body
