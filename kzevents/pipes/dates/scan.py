"""Run each date rule only around the words it cannot match without.

Running some thirty rules over a whole article costs far more than the dates
in it: most of the text has no month, weekday or digit. Each rule of
``patterns.ANCHORS`` names a class of words (``patterns.ANCHOR_WORDS``) that
every one of its matches contains; the rule is then searched only in the
window around each such word (of its rarest class, when it names several, and
only where a word of each other class is near enough to be in the same match),
and gives exactly the matches a scan of the whole text gives (same starts, same order, same groups):

- a match starts at most ``width`` characters before the anchor it contains,
  where ``width`` is the longest match of the rule; whitespace runs (``\\s+``)
  count as long as the longest run of the text;
- the search stops ``reach`` characters after the anchor, where ``reach`` also
  counts what the rule's look-aheads read, so cutting the text there cannot
  change what matches at a position up to the anchor.

Anchors are looked up in the lower-cased text with plain (case-sensitive)
regexes, which the regex engine scans fast. When lower-casing could disagree
with the rules' case-insensitive matching (a character whose lower case is
longer, or one of the few that fold specially, like "ſ" for "s"), the whole text
is scanned as before.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache
from typing import Any

try:  # Python 3.11+
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

from kzevents.pipes.dates import patterns as P
from kzevents.text import trie

_C = sre_constants
_DIGITS = re.compile(r"\d+")
_LONG_SPACE = re.compile(r"\s\s+")
_SINGLE = (_C.LITERAL, _C.NOT_LITERAL, _C.IN, _C.ANY)
_REPEATS = (_C.MAX_REPEAT, _C.MIN_REPEAT)


class Unbounded(ValueError):
    """A rule whose matches have no bounded length: it scans the whole text."""


def _is_space_class(item: Any) -> bool:
    """One whitespace character (``\\s``, ``[ \\t]``): the only unbounded repeat a
    bounded rule may hold, as long as the longest whitespace run of the text."""
    if len(item) != 1 or item[0][0] is not _C.IN:
        return False
    return all((op is _C.CATEGORY and av is _C.CATEGORY_SPACE)
               or (op is _C.LITERAL and chr(av).isspace()) for op, av in item[0][1])


def _span(items: Any, spaces: int, groups: dict[int, int], negative: bool,
          tail: bool) -> tuple[int, int]:
    """(longest match, farthest character read) of a parsed regex sequence.

    ``negative``: inside a negative look-ahead, whose capture is never kept;
    ``tail``: nothing follows inside that look-ahead, so a greedy repeat there
    is decided by its minimum number of repetitions.
    """
    width = reach = 0
    items = list(items)
    for k, (op, av) in enumerate(items):
        last = tail and k == len(items) - 1
        if op in _SINGLE:
            w, r = 1, 1
        elif op is _C.SUBPATTERN:
            w, r = _span(av[-1], spaces, groups, negative, last)
            if av[0]:
                groups[av[0]] = w
        elif op is _C.BRANCH:
            spans = [_span(alt, spaces, groups, negative, last) for alt in av[1]]
            w, r = max(s[0] for s in spans), max(s[1] for s in spans)
        elif op in _REPEATS:
            low, high, sub = av
            w1, r1 = _span(sub, spaces, groups, negative, False)
            if high is _C.MAXREPEAT:
                if _is_space_class(sub):
                    w, r = spaces, spaces + 1
                elif negative and last and op is _C.MAX_REPEAT:
                    w, r = low * w1, low * w1 + r1
                else:
                    raise Unbounded(op)
            else:
                w, r = high * w1, max(high - 1, 0) * w1 + r1 if high else 0
        elif op in (_C.ASSERT, _C.ASSERT_NOT):
            direction, sub = av
            w, r = 0, 0
            if direction == 1:  # a look-ahead reads on; a look-behind reads back
                r = _span(sub, spaces, groups, negative or op is _C.ASSERT_NOT, True)[1]
        elif op is _C.AT:
            w, r = 0, 2  # "$" reads a final line break; "\b" the next character
        elif op is _C.GROUPREF:
            w = r = groups[av]
        else:
            raise Unbounded(op)
        reach = max(reach, width + r)
        width += w
    return width, max(reach, width)


@cache
def bounds(pattern: str, flags: int, spaces: int) -> tuple[int, int] | None:
    """(width, reach) of a rule when whitespace runs are at most ``spaces`` long,
    or None when its matches can be of any length (then it scans everything)."""
    parsed = sre_parse.parse(pattern, flags)
    if parsed.getwidth()[0] == 0:
        return None  # an empty match would change how a scan moves on
    try:
        return _span(parsed, spaces, {}, False, False)
    except Unbounded:
        return None


_Group = tuple[re.Pattern[str], bool, dict[str, list[str]]]


@cache
def _word_groups() -> list[_Group]:
    """The anchor words in one regex per kind of boundary (for the lower-cased
    text, whose letters keep their being ``\\w`` or not), each with whether it
    checks the end of the word, and for each word its classes."""
    kinds: dict[tuple[bool, bool], dict[str, list[str]]] = {}
    for name, (words, at_start, at_end) in P.ANCHOR_WORDS.items():
        for word in {w.lower() for w in words}:
            kinds.setdefault((at_start, at_end), {}).setdefault(word, []).append(name)
    groups = []
    for (at_start, at_end), classes in kinds.items():
        pattern = ("(?<!\\w)" if at_start else "") + f"(?:{trie(set(classes))})"
        if at_end:  # then only one word of the group can end there
            pattern += "(?!\\w)"
        groups.append((re.compile(pattern), at_end, classes))
    return groups


@cache
def _fold_risk() -> re.Pattern[str]:
    """Characters whose lower case could mislead the anchor search: taken by a
    case-insensitive rule for a letter of an anchor word although their lower case
    is not that letter ("ſ", dotless "ı"...), or changing between word and not."""
    letters = {c for words, _, _ in P.ANCHOR_WORDS.values() for w in words for c in w.lower()}
    same = re.compile("[" + re.escape("".join(sorted(letters))) + "]", re.I | re.U)
    every = "".join(map(chr, range(0x10000)))
    risky = [char for char in same.findall(every) if char.lower() not in letters]
    risky += [char for char in every
              if char.lower() != char and _is_word(char) != _is_word(char.lower()[:1])]
    return re.compile("[" + re.escape("".join(risky)) + "]") if risky else re.compile("(?!)")


_PATTERNS = {name: re.compile(pattern) for name, pattern in P.ANCHOR_PATTERNS.items()}


def _is_word(char: str) -> bool:
    """``\\w`` of the regex engine, for one character."""
    return char.isalnum() or char == "_"


class Anchors:
    """The anchors of one text, each class found once and shared by the rules."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lower = text.lower()
        # lower-casing must keep offsets and agree with the rules' case folding
        self.usable = len(self._lower) == len(text) and not _fold_risk().search(text)
        self.spaces = max((len(m) for m in _LONG_SPACE.findall(text)), default=1)
        self._found: dict[str, list[int]] | None = None

    def positions(self, name: str) -> list[int]:
        """Start offsets of the anchors of class ``name``, in text order."""
        if self._found is None:
            self._found = self._find_words()
        if name not in self._found:
            self._found[name] = self._find_pattern(name)
        return self._found[name]

    def _find_pattern(self, name: str) -> list[int]:
        regex = _PATTERNS[name]
        if name == "digit":  # a rule's match starts before a word, so holds
            return [m.start() for m in regex.finditer(self.text)]  # a whole run
        found = []
        m = regex.search(self.text)
        while m:
            found.append(m.start())
            m = regex.search(self.text, m.start() + 1)  # anchors may overlap
        return found

    def _find_words(self) -> dict[str, list[int]]:
        lower = self._lower
        found: dict[str, list[int]] = {name: [] for name in P.ANCHOR_WORDS}
        for regex, at_end, classes in _word_groups():
            m = regex.search(lower)
            while m:
                start, longest = m.span()
                # the words found here: the match, or also its beginnings
                ends = [longest] if at_end else range(start + 1, longest + 1)
                for end in ends:
                    for name in classes.get(lower[start:end], ()):
                        if not found[name] or found[name][-1] != start:
                            found[name].append(start)
                m = regex.search(lower, start + 1)  # anchors may overlap
        return found


def _near(places: list[int], at: int, width: int) -> bool:
    """Whether one of ``places`` lies within ``width`` characters of ``at``: else no
    match (at most ``width`` long) holds both."""
    k = bisect_left(places, at - width)
    return k < len(places) and places[k] <= at + width


def finditer(regex: re.Pattern[str], text: str, anchors: Anchors,
             classes: tuple[str, ...] | None) -> list[re.Match[str]]:
    """The matches ``regex.finditer(text)`` gives, searched near the anchors only
    (see the module's docstring); the whole text when the rule has no anchor."""
    limits = bounds(regex.pattern, regex.flags, anchors.spaces) if classes else None
    if not classes or limits is None or not anchors.usable:
        return list(regex.finditer(text))
    width, reach = limits
    found: list[re.Match[str]] = []
    checked = 0  # every start before this offset is decided
    places = [anchors.positions(name) for name in classes]
    fewest = min(places, key=len)
    others = [other for other in places if other is not fewest]
    for at in fewest:
        if at < checked:
            continue
        if others and not all(_near(other, at, width) for other in others):
            continue  # a match over ``at`` would hold an anchor of every class
        stop = min(len(text), at + reach + 3)
        m = regex.search(text, max(checked, at - width + 1), stop)
        while m is not None and m.start() <= at:
            found.append(m)
            checked = m.end()
            if checked > at:
                break
            m = regex.search(text, checked, stop)
        checked = max(checked, at + 1)
    return found
