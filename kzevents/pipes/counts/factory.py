"""The ``kzevents_counts`` component: how many were killed, arrested, deployed.

For every number of a sentence (``kzevents.numbers.find_numbers``) it decides
whether it counts people or things, and fills ``doc._.kz_counts`` with Count
dicts (``value``, ``low``, ``high``, ``qualifier``, ``noun``, ``category``,
``sector``, ``start``, ``end``):

1. false friends are dropped: dates, years, ages and durations, percentages,
   money, measures, scores, references ("résolution 1559");
2. the counted noun is the group noun that follows ("3 000 manifestants",
   "une centaine de policiers"; data/gazetteers/group_nouns.jsonl gives its
   sector), or with a parser the noun the number modifies;
3. the category comes from the noun itself ("50 blessés"), then from the
   verb that governs it when the parse is there, then from the nearest cue of
   data/lexicons/count_categories.jsonl in the clause, after the number first
   ("18 policiers ... ont été tués"), then before it ("a envoyé 100 soldats");
4. the qualifier comes from the words around the number ("plus de",
   "environ", "entre 10 et 20") or from an approximate noun ("une centaine").

A number with neither a counted noun nor a category is not a count.

>>> import spacy
>>> nlp = spacy.blank("fr"); _ = nlp.add_pipe("kzevents_counts")
>>> [(c["value"], c["qualifier"], c["category"], c["sector"])
...  for c in nlp("Plus de 3 000 manifestants ont été interpellés.")._.kz_counts]
[(3000, 'at_least', 'arrested', 'CVL')]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from spacy.language import Language
from spacy.tokens import Doc

from kzevents._extensions import ensure_extensions
from kzevents.models import CountCategory
from kzevents.numbers import NumberMatch, find_numbers
from kzevents.pipes.counts import patterns
from kzevents.pipes.doc_text import doc_text
from kzevents.pipes.doc_words import Words, doc_words
from kzevents.resources import data_path, read_jsonl
from kzevents.text import fold_same_length as fold
from kzevents.text import trie

_SPACE = " \u00a0\u202f\u2009\t\n"
_QUOTES = "«»\"“”*_ "
_NUMBERING = re.compile(r"\b(?:au nombre de|soit)\s*$")
_DONT_BEFORE = re.compile(r"\bdont\s*$")
_WORD_BEFORE = re.compile(r"([\w°'$€£₸]+)[ \u00a0\u202f]*$")
_SAME_GROUP_AFTER = re.compile(r"[\s\u00a0\u202f]*(?:$|[,;.)!?]|selon\b|d'apres\b)")
_LOOK_BACK = 200  # characters a pattern anchored at a number looks back over
_TAIL = 60  # longer than any qualifier or range opener of patterns.py


Hit = tuple[int, int, str, str]


@dataclass
class _Hits:
    """The category cues of one doc, in text order, with the look-ups the rules need.

    Cue matches never overlap, so both their starts and their ends are sorted:
    each rule finds its cue by bisection instead of reading every cue of the doc
    for every number (which made long texts quadratic).
    """

    items: list[Hit]
    starts: list[int] = field(init=False)
    ends: list[int] = field(init=False)
    at: dict[int, Hit] = field(init=False)

    def __post_init__(self) -> None:
        self.starts = [h[0] for h in self.items]
        self.ends = [h[1] for h in self.items]
        self.at = {}
        for hit in self.items:
            self.at.setdefault(hit[0], hit)

    def first_from(self, pos: int) -> Hit | None:
        """The first cue that starts at or after ``pos``."""
        k = bisect_left(self.starts, pos)
        return self.items[k] if k < len(self.items) else None

    def last_ending_by(self, pos: int) -> Hit | None:
        """The last cue that ends at or before ``pos``."""
        k = bisect_right(self.ends, pos)
        return self.items[k - 1] if k else None


class GroupNoun(BaseModel):
    """One line of group_nouns.jsonl: a counted noun, its forms and its sector."""

    model_config = ConfigDict(extra="forbid")
    noun: str
    forms: list[str] = Field(min_length=1)
    sector: str | None = None


class CountCue(BaseModel):
    """One line of count_categories.jsonl: words that give a count its category."""

    model_config = ConfigDict(extra="forbid")
    category: CountCategory
    kind: Literal["noun", "verb"] = "verb"
    cues: list[str] = Field(min_length=1)


@cache
def group_noun_forms(paths: tuple[str, ...]) -> list[tuple[str, str, str | None]]:
    """(folded form, form, sector) of every counted noun of these files, longest first,
    read once per process: the counts component and the events' sectors share it."""
    forms = [(fold(form), form, entry.sector)
             for path in paths for _, entry in read_jsonl(path, GroupNoun)
             for form in entry.forms]
    forms.sort(key=lambda f: -len(f[0]))
    return forms


def package_group_nouns() -> str:
    """The package's data/gazetteers/group_nouns.jsonl, as the key ``group_noun_forms``
    caches it under."""
    return str(data_path("gazetteers", "group_nouns.jsonl"))


@cache
def _lexicons(nouns_paths: tuple[str, ...], cues_paths: tuple[str, ...]
              ) -> tuple[list[tuple[str, str, str | None]], dict[str, tuple[str, str]]]:
    """Group-noun forms (longest first) and cue -> (category, kind), read once per files.

    Later files add to earlier ones (a user's lexicon extends the package's).
    """
    forms = group_noun_forms(nouns_paths)
    cues: dict[str, tuple[str, str]] = {}
    entries = [entry for path in cues_paths for _, entry in read_jsonl(path, CountCue)]
    for entry in entries:
        for cue in entry.cues:
            key = fold(cue)
            if key not in cues or entry.kind == "noun":
                cues[key] = (entry.category, entry.kind)
    return forms, cues


def _word_at(folded: str, pos: int, phrase: str) -> bool:
    """Whether ``phrase`` starts at ``pos`` as whole words."""
    if not folded.startswith(phrase, pos):
        return False
    end = pos + len(phrase)
    before_ok = pos == 0 or not folded[pos - 1].isalnum()
    after_ok = end >= len(folded) or not folded[end].isalnum() or not phrase[-1].isalnum()
    return before_ok and after_ok


def _by_first_letter(phrases: list[Any]) -> dict[str, list[Any]]:
    """Phrases (or tuples that start with one) by their first character, in their
    order: only those can start where that character is (``_word_at``). The key
    "" holds what fits anywhere (an empty phrase), also put in every other list."""
    firsts = {(p if isinstance(p, str) else p[0])[:1] for p in phrases} | {""}
    return {c: [p for p in phrases if (p if isinstance(p, str) else p[0])[:1] in (c, "")]
            for c in firsts}


def _starting_at(table: dict[str, list[Any]], folded: str, pos: int) -> list[Any]:
    """The phrases of ``table`` that may start at ``pos``."""
    return table.get(folded[pos : pos + 1], table[""])


def _skip(folded: str, pos: int, chars: str = _QUOTES + _SPACE) -> int:
    while pos < len(folded) and folded[pos] in chars:
        pos += 1
    return pos


def _tail(folded: str, s_start: int, end: int) -> tuple[int, str]:
    """The words of the sentence just before ``end``, trailing spaces dropped, and
    where they start: enough for any qualifier or range opener, without copying the
    whole sentence for every number (a text without sentences is one long sentence).
    """
    while end > s_start and folded[end - 1] in _SPACE:
        end -= 1
    start = max(s_start, end - _TAIL)
    return start, folded[start:end]


def _phrase_at(folded: str, s_start: int, start: int, before: str, phrase: str) -> int | None:
    """Where ``phrase`` starts as the last words of ``before`` (which starts at
    ``start``), when it is the sentence's start or follows a non-letter; else None."""
    if not before.endswith(phrase):
        return None
    at = start + len(before) - len(phrase)
    return at if at == s_start or not folded[at - 1].isalnum() else None


def _last_visible(text: str, end: int) -> str:
    """The last character before ``end`` that is not a space, quote or markup."""
    pos = end
    while pos > 0 and text[pos - 1] in " \u00a0\u202f\t*_»\"”)":
        pos -= 1
    return text[pos - 1] if pos > 0 else ""


def _sentences(doc: Doc, words: Words) -> list[tuple[int, int]]:
    """Sentence bounds; a parser sentence that does not end a sentence is merged on.

    The parser sometimes cuts after a number phrase ("200 policiers | au moins
    ont été mobilisés"): a cut that follows no final punctuation or line
    break is ignored. The sentences are those of ``doc.sents``, read from the
    word table (a ``Span`` per sentence cost more than the rest of this).
    """
    text = doc_text(doc)  # built from every token on each access: read it once
    if not doc.has_annotation("SENT_START"):
        return [(0, len(text))]
    bounds: list[tuple[int, int]] = []
    for first, end in words.sentences():
        start_char, end_char = words.idx[first], words.end_char(end - 1)
        before = _last_visible(text, start_char)
        if bounds and before and before not in ".!?…:;\n":
            bounds[-1] = (bounds[-1][0], end_char)
        else:
            bounds.append((start_char, end_char))
    return bounds


class CountsComponent:
    """Finds counts of people and things; see the module docstring."""

    def __init__(self, nouns_paths: tuple[str, ...], cues_paths: tuple[str, ...]) -> None:
        self.nouns_paths = nouns_paths
        self.cues_paths = cues_paths
        self.forms, self.cue_info = _lexicons(nouns_paths, cues_paths)
        # the cues factored letter by letter: as their alternation longest first
        self.cue_pattern = re.compile(rf"(?<!\w)(?:{trie(set(self.cue_info))})(?!\w)")
        fold_keys = {fold(k): v for k, v in patterns.QUALIFIERS_BEFORE.items()}
        self.qual_before = sorted(fold_keys.items(), key=lambda kv: -len(kv[0]))
        self.qual_after = {fold(k): v for k, v in patterns.QUALIFIERS_AFTER.items()}
        self.ranges = [(opener, fold(joiner)) for opener, joiner in patterns.RANGES]
        self.units = sorted({fold(u) for u in patterns.UNITS_AFTER}, key=len, reverse=True)
        self._units_by_first = _by_first_letter(self.units)
        self._forms_by_first = _by_first_letter(self.forms)
        self.references = {fold(w) for w in patterns.REFERENCES_BEFORE}
        self.weekdays = {fold(w) for w in patterns.WEEKDAYS}
        self.participant_nouns = {fold(w) for w in patterns.PARTICIPANT_NOUNS}

    def __call__(self, doc: Doc) -> Doc:
        doc._.kz_counts = self.find(doc)
        return doc

    # -- the steps

    def find(self, doc: Doc) -> list[dict[str, Any]]:
        text = doc_text(doc)
        folded = fold(text)
        words = doc_words(doc)
        sentences = _sentences(doc, words)
        numbers = [n for n in find_numbers(text) if not n.ordinal]
        number_starts = [n.start for n in numbers]
        cue_hits = _Hits(self._cue_hits(folded))
        parsed = doc.has_annotation("DEP")  # reads every token: once per doc
        counts: list[dict[str, Any]] = []
        for s_start, s_end in sentences:
            nums = numbers[bisect_left(number_starts, s_start) : bisect_left(number_starts,
                                                                             s_end)]
            consumed: set[int] = set()
            previous: dict[str, Any] | None = None
            for i in range(len(nums)):
                if i in consumed:
                    continue
                count = self._count(words, text, parsed, folded, nums, i, (s_start, s_end),
                                    cue_hits, consumed, previous)
                if count is not None:
                    counts.append(count)
                    previous = count
        return counts

    def _cue_hits(self, folded: str) -> list[Hit]:
        """Every category cue of the text, longest first where two overlap."""
        return [(m.start(), m.end(), *self.cue_info[m.group(0)])
                for m in self.cue_pattern.finditer(folded)]

    def _false_friend(self, text: str, folded: str, n: NumberMatch, noun: str | None) -> bool:
        """Whether the number is a date, year, age, amount, measure, score or reference."""
        after = _skip(folded, n.end, _SPACE)
        for scale in patterns.SCALE_WORDS:
            if _word_at(folded, after, scale):
                after = _skip(folded, after + len(scale), _SPACE)
                break
        for det in ("de ", "d'"):
            if folded.startswith(det, after):
                after = _skip(folded, after + len(det), _SPACE)
                break
        if any(_word_at(folded, after, unit)
               for unit in _starting_at(self._units_by_first, folded, after)):
            return True
        if n.end < len(text) and text[n.end] in "-/:h" and text[n.end + 1 : n.end + 2].isdigit():
            return True                                         # scores, dates, times: 3-1, 05/01
        if n.start > 1 and text[n.start - 1] in "-/:" and text[n.start - 2].isdigit():
            return True
        word_before = _WORD_BEFORE.search(folded[max(0, n.start - 30) : n.start])
        if word_before and word_before.group(1) in self.references and not (
                noun is not None and word_before.group(1) in self.weekdays):
            return True  # "lundi 30" is a date, "a arrêté lundi 30 manifestants" a count
        raw = text[n.start : n.end]
        low, high = patterns.YEAR_RANGE
        return raw.isdigit() and len(raw) == 4 and low <= n.value <= high and noun is None

    def _noun(self, folded: str, pos: int) -> tuple[int, int, str, str | None] | None:
        """The group noun right after ``pos``: (start, end, form, sector)."""
        pos = _skip(folded, pos)
        for det in ("de ", "d'", "des ", "autres "):
            if folded.startswith(det, pos):
                pos = _skip(folded, pos + len(det))
                break
        for form, original, sector in _starting_at(self._forms_by_first, folded, pos):
            if _word_at(folded, pos, form):
                return pos, pos + len(form), original, sector
        return None

    def _noun_before(self, folded: str, start: int, end: int
                     ) -> tuple[int, int, str, str | None] | None:
        """The last group noun between ``start`` and ``end``."""
        best = None
        for form, original, sector in self.forms:
            for m in re.finditer(re.escape(form), folded[start:end]):
                a = start + m.start()
                if _word_at(folded, a, form) and (best is None or a > best[0]):
                    best = (a, a + len(form), original, sector)
        return best

    def _range(self, folded: str, nums: list[NumberMatch], i: int, s_start: int
               ) -> NumberMatch | None:
        """The high end when ``nums[i]`` opens "entre 10 et 20" or "de 10 à 20"."""
        if i + 1 >= len(nums):
            return None
        n, m = nums[i], nums[i + 1]
        start, before = _tail(folded, s_start, n.start)
        between = folded[n.end : m.start].strip(_SPACE)
        for opener, joiner in self.ranges:
            opener_at = _phrase_at(folded, s_start, start, before, opener) is not None
            if opener_at and between == joiner:
                return m
        return None

    def _dep_noun(self, words: Words, parsed: bool, n: NumberMatch) -> int | None:
        """With a parser: the noun after the number that it modifies (``nummod``), else None.

        A French cardinal precedes its noun: a ``nummod`` head before the
        number is a parse error ("en compte 12 000").
        """
        tokens = words.char_tokens(n.start, n.end) if parsed else None
        if tokens is None:
            return None
        for i in range(*tokens):
            head = words.head[i]
            if words.dep[i] == "nummod" and words.pos[head] in ("NOUN", "PROPN") \
                    and head >= tokens[1]:
                return head
        return None

    def _dep_category(self, words: Words, token: int, hits: _Hits) -> str | None:
        """With a parser: the category of a cue among the three heads above ``token``
        (the root's head is the root)."""
        for _ in range(3):
            token = words.head[token]
            hit = hits.at.get(words.idx[token])
            if hit is not None:
                return hit[2]
        return None

    def _category(self, words: Words, folded: str, nums: list[NumberMatch], i: int,
                  last: NumberMatch, noun_span: tuple[int, int] | None, noun_token: int | None,
                  sentence: tuple[int, int],
                  hits: _Hits) -> str | None:
        s_start, s_end = sentence
        if noun_span is not None:
            hit = hits.at.get(noun_span[0])
            if hit is not None and hit[3] == "noun" and hit[1] <= noun_span[1]:
                return hit[2]                                   # "50 blessés", "30 morts"
        qualifier_start = self._qualifier(folded, nums[i], s_start)[1]
        # Only the last cue before the number can be followed by nothing but "de", "a":
        # any later cue would stand in the gap.
        hit = hits.last_ending_by(qualifier_start)
        if hit is not None and folded[hit[1]:qualifier_start].strip(_SPACE) in (
                "", "de", "d'", "a"):                          # "a interpellé 320 manifestants",
            return hit[2]                                       # "a coûté la vie à 23 personnes"
        if noun_token is not None:
            category = self._dep_category(words, noun_token, hits)
            if category:
                return category
        after_from = noun_span[1] if noun_span else last.end
        after_to = nums[i + 1].start if i + 1 < len(nums) and nums[i + 1] is not last else s_end
        if after_to <= after_from:
            after_to = s_end
        hit = hits.first_from(after_from)
        if hit is not None and hit[0] < after_to:
            return hit[2]
        before_from = nums[i - 1].end if i > 0 else s_start
        hit = hits.last_ending_by(nums[i].start)
        if hit is not None and hit[0] >= before_from:
            return hit[2]
        subset = i + 1 < len(nums) and _DONT_BEFORE.search(
            folded, max(0, after_to - _LOOK_BACK), after_to)
        hit = hits.first_from(after_to) if subset else None   # past a "dont 12 enfants"
        if hit is not None and hit[0] < s_end:
            return hit[2]
        return None

    def _qualifier(self, folded: str, n: NumberMatch, s_start: int) -> tuple[str | None, int]:
        start, before = _tail(folded, s_start, n.start)
        for phrase, qualifier in self.qual_before:
            if not before.endswith(phrase):
                continue
            at = start + len(before) - len(phrase)
            if at == s_start or not folded[at - 1].isalnum() or not phrase[0].isalnum():
                return qualifier, at
        return None, n.start

    def _count(self, words: Words, text: str, parsed: bool, folded: str, nums: list[NumberMatch],
               i: int, sentence: tuple[int, int], hits: _Hits,
               consumed: set[int], previous: dict[str, Any] | None
               ) -> dict[str, Any] | None:
        n = nums[i]
        high_end = self._range(folded, nums, i, sentence[0])
        last = high_end or n
        found = self._noun(folded, last.end)
        noun_token: int | None = None
        noun: str | None = None
        sector: str | None = None
        noun_span: tuple[int, int] | None = None
        if found:
            a, b, _form, sector = found
            noun, noun_span = text[a:b], (a, b)
        elif _NUMBERING.search(folded, max(sentence[0], n.start - _LOOK_BACK), n.start):
            found = self._noun_before(folded, sentence[0], n.start)  # "les manifestants, au
            if found:                                                # nombre de 7 000"
                a, b, _form, sector = found
                noun = text[a:b]
        else:
            noun_token = self._dep_noun(words, parsed, last)
            if noun_token is not None:
                noun = words.text[noun_token]
                noun_span = (words.idx[noun_token], words.end_char(noun_token))
        if self._false_friend(text, folded, n, noun) or (
                high_end is not None and self._false_friend(text, folded, high_end, noun)):
            return None
        if noun_token is None and parsed and noun_span is not None:
            tokens = words.char_tokens(*noun_span)
            noun_token = tokens[0] if tokens is not None else None
        category = self._category(words, folded, nums, i, last, noun_span, noun_token, sentence,
                                  hits)
        if category is None and found is not None and fold(noun or "") in self.participant_nouns:
            category = "participants"
        if noun is None and folded.startswith("autres ", _skip(folded, last.end, _SPACE)):
            return None                                         # "quatre autres républiques"
        if noun is None and category is None and previous is not None and (
                _SAME_GROUP_AFTER.match(folded, last.end)):
            category = previous["category"]                     # "..., 4 000 selon la police"
        elif category is None and previous is not None and found is not None and re.fullmatch(
                r"[\s,]*(?:et|ou)?\s*", folded[previous["end"] : n.start]):
            category = previous["category"]                     # "2 000 soldats et 250 blindés"
        if noun is None and category is None:
            return None
        if found is None and category is None:
            return None                                         # a parser noun alone: "5 raisons"
        qualifier, start = self._qualifier(folded, n, sentence[0])
        value, low, high = n.value, n.low, n.high
        if high_end is not None:
            consumed.add(i + 1)
            qualifier, low, high = "range", n.value, high_end.value
            tail_start, before = _tail(folded, sentence[0], n.start)
            opener = next(o for o, _ in patterns.RANGES if before.endswith(o))
            start = tail_start + len(before) - len(opener)              # "entre 10 et 20"
        elif qualifier is None:
            after = _skip(folded, noun_span[1] if noun_span else n.end, _SPACE + ",")
            qualifier = next((q for p, q in self.qual_after.items() if _word_at(folded, after, p)),
                             None)
        if qualifier is None:
            qualifier = "approx" if n.approximate else "exact"
        if qualifier == "at_least":
            low = value
        elif qualifier == "at_most":
            high = value
        end = noun_span[1] if noun_span and noun_span[1] > last.end else last.end
        return {"value": value, "low": low, "high": high, "qualifier": qualifier,
                "noun": noun, "category": category or "other", "sector": sector,
                "start": start, "end": end}


@Language.factory(
    "kzevents_counts",
    default_config={"group_nouns": None, "categories": None, "extra_group_nouns": [],
                    "extra_categories": []},
)
def make_counts(nlp: Language, name: str, group_nouns: str | None, categories: str | None,
                extra_group_nouns: list[str], extra_categories: list[str]) -> CountsComponent:
    """Factory of ``kzevents_counts``; put it at the end of the pipeline.

    ``group_nouns`` and ``categories`` name JSONL files that replace the
    package's data/gazetteers/group_nouns.jsonl and
    data/lexicons/count_categories.jsonl; the ``extra_`` lists name files in
    the same formats that add to them (``Extractor(lexicons=[...])`` fills these).
    """
    ensure_extensions()
    nouns = Path(group_nouns) if group_nouns else package_group_nouns()
    cues = Path(categories) if categories else data_path("lexicons", "count_categories.jsonl")
    return CountsComponent((str(nouns), *map(str, extra_group_nouns)),
                           (str(cues), *map(str, extra_categories)))
