"""French numerals in digits and words: "2 500", "2.500", "3,5 millions",
"deux mille cinq cents", "septante-huit", "1er", "une centaine".

Two entry points:

- ``parse_number(text)``: the value of a string that is one number, or None;
- ``find_numbers(text)``: every number in a running text, with its offsets
  (what the counts component reads).

Number words go to text2num first; when it refuses them, a small grammar
(units, tens, "cent", scales) reads them. The grammar agrees with text2num on
what is valid ("vingt et un", not "vingt un"; "quatre-vingt-dix-huit", not
"quarante douze"; they give the same value on every row of the shared sets
that text2num reads), splits running text into numbers with offsets (which
text2num does not give), and goes further where text2num stops: digits with
French thousands separators (space, U+00A0, U+202F, dot), digits followed by
a scale ("3 millions", which text2num turns into "3 1000000"), suffixes
("100K", "1,2M"), ordinals in digits ("1er"), approximate nouns ("une
centaine", "des milliers") and a leading sign.

>>> parse_number("deux mille cinq cents"), parse_number("2 500"), parse_number("3,5 millions")
(2500, 2500, 3500000)
>>> parse_number("une centaine"), parse_number("des milliers"), parse_number("1er")
(100, 2000, 1)
>>> parse_number("manifestants") is None
True
"""

from __future__ import annotations

import re
import string
import unicodedata
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from text_to_num import text2num

from kzevents import _number_words as words
from kzevents.errors import InputTypeError
from kzevents.text import strip_accents, trie

Number = int | float

# ----------------------------------------------------------------- lexing

_SPACES = "\u0020\u00a0\u202f\u2009"
_DIGITS = re.compile(
    rf"""(?<![\w.,])
    (?P<num>\d{{1,3}}(?:[{_SPACES}]\d{{3}})+(?![\d])   # 2 500, 1 200 000 (any French space)
      | \d{{1,3}}(?:\.\d{{3}})+(?![\d])                 # 2.500, 3.000.000
      | \d+)
    (?P<frac>[.,]\d+)?
    (?P<suffix>k|K|M|G|Mds|Md)?
    (?P<ordinal>ères|ère|ème|èmes|eme|emes|mes|me|er|re|res|e|es|nd|nde)?
    (?!\w)""",
    re.X,
)
_APPROX = re.compile(
    r"\b(?P<det>une?|des|plusieurs|quelques|de)\s+(?P<noun>"
    + "|".join(sorted(words.APPROX_NOUNS, key=len, reverse=True))
    + r")(?P<plural>s?)(?:\s+de\s+(?P<of>milliers|millions|milliards))?\b",
    re.I,
)


@dataclass
class _Atom:
    kind: str          # zero unit teen tens hundred scale digits et virgule
    value: Number
    start: int
    end: int
    word: str
    ordinal: bool = False
    group: int = 0     # index of the hyphenated compound it belongs to


class NumberMatch(NamedTuple):
    """A number found in a text: ``text[start:end]`` reads ``value``.

    ``low`` and ``high`` bound an approximate plural ("des centaines": 200 to
    999); ``approximate`` marks "une centaine"-style nouns.
    """

    start: int
    end: int
    value: Number
    low: Number | None = None
    high: Number | None = None
    approximate: bool = False
    ordinal: bool = False


def _fold(word: str) -> str:
    """Lower case without accents (for lookups that accept "zero" and "zéro")."""
    return strip_accents(word)


_UNITS = {_fold(k): v for k, v in words.UNITS.items()}
_TEENS = {_fold(k): v for k, v in words.TEENS.items()}
_TENS = {_fold(k): v for k, v in words.TENS.items()}
_SCALES = {_fold(k): v for k, v in words.SCALES.items()}
_FIRST = {_fold(w) for w in words.FIRST}


def _word_atom(word: str, start: int, end: int) -> _Atom | None:
    """The number atom of one word, or None when it is not a number word."""
    reading = _word_reading(word)
    if reading is None:
        return None
    kind, value, folded, ordinal = reading
    return _Atom(kind, value, start, end, folded, ordinal=ordinal)


@lru_cache(maxsize=65536)
def _word_reading(word: str) -> tuple[str, Number, str, bool] | None:
    """(kind, value, folded word, ordinal) of a number word, or None: the same few
    thousand words come back in every text, so each is read once."""
    atom = _word_atom_uncached(word)
    return None if atom is None else (atom.kind, atom.value, atom.word, atom.ordinal)


def _word_atom_uncached(word: str, start: int = 0, end: int = 0) -> _Atom | None:
    w = _fold(word)
    ordinal = False
    if w in _FIRST:
        return _Atom("unit", 1, start, end, w, ordinal=True)
    if w.endswith(("ieme", "iemes")) and len(w) > 5:
        stem = w[: w.rindex("ieme")]
        stem = words.ORDINAL_STEMS.get(stem, stem)
        ordinal = True
        candidates = (stem, stem + "e")
    else:
        candidates = (w,)
    for c in candidates:
        if c in ("zero",):
            return None if ordinal else _Atom("zero", 0, start, end, c)
        if c in _UNITS:
            return _Atom("unit", _UNITS[c], start, end, c, ordinal)
        if c in _TEENS:
            return _Atom("teen", _TEENS[c], start, end, c, ordinal)
        if c in _TENS:
            return _Atom("tens", _TENS[c], start, end, c, ordinal)
        if c in words.HUNDRED:
            return _Atom("hundred", 100, start, end, c, ordinal)
        if c in _SCALES:
            return _Atom("scale", _SCALES[c], start, end, c, ordinal)
    if ordinal:
        return None
    if w == "et":
        return _Atom("et", 0, start, end, w)
    if w == "virgule":
        return _Atom("virgule", 0, start, end, w)
    return None


def _digits_value(m: re.Match[str]) -> Number:
    raw = re.sub(rf"[{_SPACES}.]", "", m.group("num"))
    frac = m.group("frac")
    if frac and frac[0] == "." and len(frac) == 4 and "." not in m.group("num"):
        # "2.500" is two thousand five hundred in French copy, not 2.5
        raw += frac[1:]
        frac = None
    value: Number = int(raw) if raw else 0
    if frac:
        value = float(f"{raw or 0}.{frac[1:]}")
    suffix = m.group("suffix")
    if suffix:
        value = value * words.DIGIT_SUFFIXES[suffix.lower()]
    return _tidy(value)


def _tidy(value: Number) -> Number:
    """Round float noise away and give an int when the value is whole."""
    if isinstance(value, float):
        value = round(value, 9)
        if value.is_integer():
            return int(value)
    return value


def _lex(text: str) -> list[tuple[_Atom | None, int, int]]:
    """Tokens of ``text``: (number atom or None, start, end), in order.

    One pass of ``_TOKENS``: at each place a number in digits, else a word, else
    what runs up to the next letter or digit (no token).
    """
    out: list[tuple[_Atom | None, int, int]] = []
    for m in _TOKENS.finditer(text):
        kind = m.lastgroup
        if kind is None:
            continue
        start, end = m.span()
        if kind == "word":  # ``_word_atom``, inlined: most words are no number
            reading = _word_reading(m.group())
            atom = None if reading is None else _Atom(*reading[:2], start, end, reading[2],
                                                       ordinal=reading[3])
            out.append((atom, start, end))
        else:
            atom = _Atom("digits", _digits_value(m), start, end, m.group(0),
                         ordinal=bool(m.group("ordinal")))
            out.append((atom, start, end))
    return out


# A number in digits; else a word (with "°", as ``_WORD`` below); else the rest up
# to the next letter or digit, where the next token starts.
_TOKENS = re.compile("(?:" + _DIGITS.pattern + "\n)|(?P<word>[\\w°]+)|[^\\w°][\\W_]*", re.X)

# Letters that each fold (``_fold``) to one ASCII letter: a word of these folds letter
# by letter, so a pattern can tell whether it may start like a number word.
_PLAIN_LETTERS = string.ascii_letters + "_àâäçéèêëîïôöùûüÿ" + "àâäçéèêëîïôöùûüÿ".upper()


def _number_beginnings() -> set[str]:
    """What every number word folds to the start of: each word of ``_number_words``
    and each stem an ordinal is made of ("quatr" of "quatrième", "cinqu"), without
    those that start with another ("une" starts with "un")."""
    whole = {*_UNITS, *_TEENS, *_TENS, *_SCALES, *map(_fold, words.HUNDRED), *_FIRST,
             "et", "virgule", "zero"}
    stems = {w[:-1] for w in whole if w.endswith("e")} | set(map(_fold, words.ORDINAL_STEMS))
    found = whole | stems
    return {w for w in found if not any(w != o and w.startswith(o) for o in found)}


def _beginning_pattern(folded: set[str]) -> str:
    """A pattern of the words of ``_PLAIN_LETTERS`` that fold to one of ``folded``
    (none starts with another), factored letter by letter."""
    return trie(folded, lambda first: "[" + "".join(
        c for c in _PLAIN_LETTERS if _fold(c) == first) + "]")


# ``_TOKENS`` where the words that cannot be numbers (plain letters only, not starting
# like a number word) run together with the gaps around them into one unnamed match:
# the same tokens, without a Python step for each word.
_NUMBER_TOKENS = re.compile(
    "(?:" + _DIGITS.pattern + "\n)"
    + "|(?:[^\\w°][\\W_]*|(?!" + _beginning_pattern(_number_beginnings()) + ")"
    + f"[{_PLAIN_LETTERS}][{_PLAIN_LETTERS}0-9]*(?![\\w°]))+"
    + "|(?P<word>[\\w°]+)", re.X)


def _number_tokens(text: str) -> list[tuple[_Atom, int, int]]:
    """The tokens of ``_lex`` that are number atoms.

    What ``_read`` needs: a word that is no number only ends a run of atoms, and
    the text between two atoms says so too (``_segments``). Reading only the few
    words ``_NUMBER_TOKENS`` names makes this three times cheaper than ``_lex``.
    """
    out: list[tuple[_Atom, int, int]] = []
    for m in _NUMBER_TOKENS.finditer(text):
        kind = m.lastgroup
        if kind is None:
            continue
        start, end = m.span()
        if kind == "word":
            reading = _word_reading(m.group())
            if reading is not None:
                out.append((_Atom(*reading[:2], start, end, reading[2], ordinal=reading[3]),
                            start, end))
        else:
            out.append((_Atom("digits", _digits_value(m), start, end, m.group(0),
                              ordinal=bool(m.group("ordinal"))), start, end))
    return out


# ----------------------------------------------------------------- grammar

def _below_hundred(atoms: Sequence[_Atom]) -> Number | None:
    """Value of 1-99 written in words (or a lone digit group); None when invalid."""
    kinds = [a.kind for a in atoms]
    vals = [a.value for a in atoms]
    n = len(atoms)
    if n == 1:
        if kinds[0] in ("unit", "teen", "digits"):
            return vals[0]
        if kinds[0] == "tens" and atoms[0].word != "vingts":
            return vals[0]
        return None
    head, rest = atoms[0], atoms[1:]
    if head.kind == "teen" and head.value == 10 and n == 2 and kinds[1] == "unit":
        return 10 + vals[1] if vals[1] >= 7 else None           # dix-sept .. dix-neuf
    if head.kind == "unit" and head.value == 4 and kinds[1] == "tens" and vals[1] == 20:
        if n == 2:
            return 80                                           # quatre-vingt(s)
        if atoms[1].word == "vingts":
            return None
        tail = _below_hundred(atoms[2:])
        if tail is None or tail >= 20 or atoms[2].kind in ("tens", "digits"):
            return None
        return 80 + tail                                        # quatre-vingt-un .. -dix-neuf
    if head.kind != "tens" or head.word == "vingts":
        return None
    tens = head.value
    if kinds[0:2] == ["tens", "et"]:
        if n == 3 and kinds[2] == "unit" and vals[2] == 1 and tens % 10 == 0:
            return tens + 1                                     # vingt et un, huitante et un
        if n == 3 and kinds[2] == "teen" and vals[2] == 11 and tens == 60:
            return 71                                           # soixante et onze
        return None
    if n == 2 and kinds[1] == "unit" and 2 <= vals[1] <= 9:
        return tens + vals[1]                                   # trente-deux
    if n == 2 and kinds[1] == "digits" and 1 <= vals[1] <= 9 and tens % 10 == 0:
        return tens + vals[1]                                   # "trente 3" (Duckling)
    if tens == 60:
        tail = _below_hundred(rest)
        if tail is not None and 10 <= tail <= 19 and rest[0].kind == "teen":
            return 60 + tail                                    # soixante-dix-huit, -treize
    return None


def _below_thousand(atoms: Sequence[_Atom], century: bool) -> Number | None:
    """Value of 1-999 (or 1100-9999 in "dix-neuf cent" form when ``century``)."""
    if not atoms:
        return None
    hundreds = [i for i, a in enumerate(atoms) if a.kind == "hundred"]
    if len(hundreds) > 1:
        return None
    if not hundreds:
        return _below_hundred(atoms)
    i = hundreds[0]
    left, right = atoms[:i], atoms[i + 1 :]
    if atoms[i].word == "cents" and right and right[0].kind not in ("unit", "teen", "tens"):
        return None
    if not left:
        mult: Number | None = 1
    elif len(left) == 1 and left[0].kind == "unit" and left[0].value == 1:
        return None                                             # "un cent" is not French
    else:
        mult = _below_hundred(left)
        if mult is None or (mult >= 10 and not century) or left[0].kind == "digits":
            return None
    low = _below_hundred(right) if right else 0
    if low is None or (right and right[0].kind == "digits"):
        return None
    return mult * 100 + low


def _below_million(atoms: Sequence[_Atom], alone: bool) -> Number | None:
    thousands = [i for i, a in enumerate(atoms) if a.kind == "scale" and a.value == 1000]
    if len(thousands) > 1:
        return None
    if not thousands:
        if len(atoms) == 1 and atoms[0].kind == "digits":
            return atoms[0].value
        return _below_thousand(atoms, century=alone)
    i = thousands[0]
    left, right = atoms[:i], atoms[i + 1 :]
    if not left:
        mult: Number | None = 1
    elif len(left) == 1 and left[0].kind == "unit" and left[0].value == 1:
        return None                                             # "un mille"
    elif len(left) == 1 and left[0].kind == "digits":
        mult = left[0].value
    else:
        mult = _below_thousand(left, century=False)
    if mult is None:
        return None
    low = _below_thousand(right, century=False) if right else 0
    if low is None:
        return None
    return mult * 1000 + low


def _cardinal(atoms: Sequence[_Atom]) -> Number | None:
    """Value of a whole cardinal (no ordinal, no zero, no "virgule"); None if invalid."""
    if not atoms or atoms[0].kind == "et" or atoms[-1].kind == "et":
        return None
    total: Number = 0
    last_scale = float("inf")
    start = 0
    big = [i for i, a in enumerate(atoms) if a.kind == "scale" and a.value > 1000]
    for i in big:
        scale = atoms[i].value
        if scale >= last_scale:
            return None
        group = atoms[start:i]
        if not group and start == 0 and (atoms[i].ordinal or not atoms[i].word.endswith("s")):
            mult: Number | None = 1                             # "le millionième", "million"
        elif not group:
            return None
        else:
            mult = _below_million(group, alone=False)
        if mult is None:
            return None
        total += mult * scale
        last_scale = scale
        start = i + 1
    rest = atoms[start:]
    if rest:
        low = _below_million(rest, alone=not big)
        if low is None or (big and low >= last_scale):
            return None
        total += low
    return _tidy(total)


def _fraction_digits(atoms: Sequence[_Atom]) -> str | None:
    zeros = 0
    while zeros < len(atoms) and atoms[zeros].kind == "zero":
        zeros += 1
    rest = atoms[zeros:]
    if not rest:
        return "0" * zeros if zeros else None
    if any(a.kind == "scale" for a in rest):
        return None
    value = _cardinal(rest)
    if value is None and len(rest) > 1 and all(a.kind == "unit" for a in rest):
        return "0" * zeros + "".join(str(a.value) for a in rest)  # "virgule quatre deux": .42
    if value is None or isinstance(value, float):
        return None
    return "0" * zeros + str(value)


def _value(atoms: Sequence[_Atom]) -> Number | None:
    """Value of a sequence of atoms read as one number, or None when invalid."""
    if not atoms:
        return None
    if any(a.ordinal for a in atoms[:-1]):
        return None
    if atoms[-1].ordinal and atoms[-1].word in _FIRST and len(atoms) > 1:
        return None                                             # "cinq cent premiers"
    if atoms[-1].ordinal and atoms[-1].kind == "digits" and len(atoms) > 1:
        return None
    commas = [i for i, a in enumerate(atoms) if a.kind == "virgule"]
    if commas:
        if len(commas) > 1 or atoms[-1].ordinal:
            return None
        i = commas[0]
        whole = _value(atoms[:i])
        frac = _fraction_digits(atoms[i + 1 :])
        if whole is None or frac is None or isinstance(whole, float):
            return None
        return float(f"{whole}.{frac}")
    zeros = 0
    while zeros < len(atoms) and atoms[zeros].kind == "zero":
        zeros += 1
    if zeros:
        rest = atoms[zeros:]
        if not rest:
            return 0 if zeros == 1 else None
        if any(a.kind in ("scale", "zero") for a in rest):
            return None                                         # "zéro un mille" is two numbers
        return _cardinal(rest)
    if any(a.kind == "zero" for a in atoms):
        return None                                             # "cinquante trois zéro"
    if len(atoms) == 1 and atoms[0].kind == "digits":
        return atoms[0].value
    if atoms[0].kind == "digits" and not all(a.kind == "scale" for a in atoms[1:]):
        return None                                             # "3 millions" yes, "3 deux" no
    if atoms[0].kind == "digits":
        value: Number = atoms[0].value
        last = float("inf")
        for a in atoms[1:]:
            if a.value >= last:
                return None
            value *= a.value
            last = a.value
        return _tidy(value)
    return _cardinal(atoms)


# ----------------------------------------------------------------- approximate nouns

def _approx(m: re.Match[str]) -> tuple[Number, Number | None, Number | None]:
    """(value, low, high) of "une centaine", "des milliers", "des dizaines de milliers"."""
    unit = words.APPROX_NOUNS[m.group("noun").lower()]
    of = m.group("of")
    if of:
        unit *= words.APPROX_NOUNS[of.lower().rstrip("s")]
    det = m.group("det").lower()
    plural = bool(m.group("plural")) or det in words.APPROX_PLURAL
    if not plural:
        return unit, None, None
    first_digit_unit = 10 ** (len(str(int(unit))) - 1)
    return 2 * unit, 2 * unit, 10 * first_digit_unit * (unit // first_digit_unit) - 1


def _is_approx(m: re.Match[str]) -> bool:
    """A singular determiner with a singular noun, or a plural one with a plural noun."""
    singular = m.group("det").lower() in words.APPROX_SINGULAR
    plural_noun = bool(m.group("plural"))
    if m.group("noun").lower() in ("million", "milliard"):
        return plural_noun and not singular                     # "un million" is exact
    return singular != plural_noun


# ----------------------------------------------------------------- public API

def _check(text: object) -> str:
    if not isinstance(text, str):
        raise InputTypeError(f"parse_number takes a str, not {type(text).__name__}: "
                             "pass the text of the number, e.g. parse_number('2 500')")
    return text


def parse_number(text: str) -> int | float | None:
    """The value of a French number written in digits or words, or None.

    Accepts "2 500" (ordinary, no-break or narrow no-break space), "2.500",
    "3,5", "3,5 millions", "100K", "deux mille cinq cents",
    "quatre-vingt-dix-sept", "vingt et un", "septante-huit", "1er",
    "vingt-cinquième", "8me", "moins 12", "une centaine" (100), "des centaines"
    (200: the least a plural allows; ``find_numbers`` gives the range),
    "dix-sept virgule quatre deux" (17.42: digits read one by one), the long
    scale ("un billion" 10**12, "un trillion" 10**18), and the value of a money
    phrase ("2,5 milliards d'euros", "huit euros et vingt-six centimes": 8.26;
    ``kzevents.parse_amount`` gives its currency too). A
    string that is not one number ("manifestants", "vingt un", "mille mille")
    gives None. Raises ``InputTypeError`` when ``text`` is not a str.

    >>> parse_number("quatre-vingt-dix-sept"), parse_number("2\u202f500"), parse_number("6,7")
    (97, 2500, 6.7)
    """
    text = unicodedata.normalize("NFC", _check(text)).strip().strip(".")
    if not text:
        return None
    sign = 1
    lowered = text.lower()
    if lowered.startswith("moins "):
        sign, text = -1, text[6:].lstrip()
    elif text[0] in "-−":
        sign, text = -1, text[1:].lstrip()
    if text.startswith(","):
        text = "0" + text
    m = _APPROX.fullmatch(text.strip())
    if m and _is_approx(m):
        return _tidy(sign * _approx(m)[0])
    tokens = _lex(text)
    if tokens and any(atom is None for atom, _, _ in tokens):
        return _money_value(text, sign)
    if not tokens:
        return None
    if all(atom.kind != "digits" and not atom.ordinal for atom, _, _ in tokens if atom):
        try:                                                    # words: text2num first
            return _tidy(sign * text2num(text.lower(), "fr"))
        except ValueError:
            pass                                                # our grammar goes further
    for (_, _, end), (_, start, _) in pairwise(tokens):
        if text[end:start].strip(_SPACES + "-") != "":
            return None
    value = _value([atom for atom, _, _ in tokens if atom is not None])
    return None if value is None else _tidy(sign * value)


def _money_value(text: str, sign: int) -> Number | None:
    """The value of a whole money phrase ("huit euros et vingt-six centimes": 8.26)."""
    from kzevents.amounts import parse_amount  # amounts reads numbers: import late

    amount = parse_amount(text)
    if amount is None or amount.text != text.strip() or amount.value is None:
        return None
    return _tidy(sign * amount.value)


_CARDINAL_LIKE = ("digits", "unit", "teen", "tens", "hundred", "scale", "zero")
_AMBIGUOUS = {"un", "une", "zero"}


def _segments(text: str, tokens: list[tuple[_Atom, int, int]]
              ) -> tuple[list[list[_Atom]], list[Number]]:
    """Split the number atoms into the numbers they write, longest valid first;
    the numbers, and their values.

    Atoms run on across spaces and hyphens only: any other word or sign between
    two atoms ends a run.
    """
    runs: list[list[_Atom]] = []
    run: list[_Atom] = []
    group = 0
    prev_end = None
    for atom, start, end in tokens:
        gap = text[prev_end:start] if prev_end is not None else ""
        prev_end = end
        if run and "-" in gap and gap.strip(_SPACES + "-") == "":
            atom.group = group
        elif run and gap.strip(_SPACES) == "":
            group += 1
            atom.group = group
        else:
            if run:
                runs.append(run)
            group += 1
            atom.group = group
            run = []
        run.append(atom)
    if run:
        runs.append(run)
    numbers: list[list[_Atom]] = []
    values: list[Number] = []
    for run in runs:
        i = 0
        while i < len(run):
            best = value = None
            for j in range(len(run), i, -1):
                if j < len(run) and run[j].group == run[j - 1].group:
                    continue                                    # never split a compound
                value = _value(run[i:j])
                if value is not None:
                    best = j
                    break
            if best is None or value is None:
                g = run[i].group
                while i < len(run) and run[i].group == g:
                    i += 1                                      # "vingt-un": not a number
                continue
            if run[i].kind not in ("et", "virgule"):
                numbers.append(run[i:best])
                values.append(value)
            i = best
    return numbers, values


def find_numbers(text: str, threshold: float = 7.0) -> list[NumberMatch]:
    """Every number of a running French text, with character offsets.

    Like text2num's ``ordinal_threshold``, a word that has another reading
    ("un"/"une" the article, "zéro" the noun, an ordinal such as "premier")
    is kept as a word when it stands alone, outside a list of numbers, and its
    value is below ``threshold``; a lone "neuf" that ends a phrase after a
    noun is the adjective ("un logement neuf"). Approximate nouns ("une
    centaine", "des dizaines de milliers") come with ``approximate=True`` and,
    when plural, a ``low``-``high`` range.

    >>> found = find_numbers("Plus de 3 000 arrêtés, une centaine de blessés")
    >>> [(m.value, m.approximate) for m in found]
    [(3000, False), (100, True)]
    """
    text = _check(text)
    approximate, numbers, values = _readings(text)
    found = list(approximate)
    for k, (atoms, value) in enumerate(zip(numbers, values, strict=True)):
        start, end = atoms[0].start, atoms[-1].end
        ordinal = atoms[-1].ordinal
        if len(atoms) == 1 and atoms[0].kind != "digits" and not _kept(
                text, numbers, k, value, threshold):
            continue
        found.append(NumberMatch(start, end, _tidy(value), ordinal=ordinal))
    found.sort(key=lambda m: m.start)
    return found


_Readings = tuple[tuple["NumberMatch", ...], list[list[_Atom]], list[Number]]


class _Recent(OrderedDict[str, _Readings]):
    """The readings of the last texts, up to ``budget`` characters in all (their
    sum kept as they come and go: adding it up again for every text made a batch
    of short texts quadratic)."""

    def __init__(self, budget: int) -> None:
        super().__init__()
        self.budget = budget
        self.size = 0

    def add(self, text: str, readings: _Readings) -> None:
        self[text] = readings
        self.size += len(text)
        while self.size > self.budget and len(self) > 1:
            self.size -= len(self.popitem(last=False)[0])

    def clear(self) -> None:
        super().clear()
        self.size = 0


_recent = _Recent(budget=2_000_000)


def _readings(text: str) -> _Readings:
    """The approximate nouns of a text, and its other numbers as runs of atoms
    with their values.

    What ``find_numbers`` reads whatever its threshold: the counts and the amounts
    components read the same texts (doc by doc, or a batch after a batch), so the
    last texts' readings are kept, within a budget of characters; callers never
    change them.
    """
    found = _recent.get(text)
    if found is None:
        found = _read(text)
        _recent.add(text, found)
    return found


def _read(text: str) -> _Readings:
    found: list[NumberMatch] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in _APPROX.finditer(text):  # left to right, never overlapping
        if _is_approx(m):
            value, low, high = _approx(m)
            found.append(NumberMatch(m.start(), m.end(), value, low, high, approximate=True))
            starts.append(m.start())
            ends.append(m.end())

    def free(start: int) -> bool:
        k = bisect_right(starts, start) - 1
        return k < 0 or start >= ends[k]

    tokens = _number_tokens(text)
    if starts:
        tokens = [t for t in tokens if free(t[1])]
    return (tuple(found), *_segments(text, tokens))


def _listed(text: str, a: list[_Atom], b: list[_Atom]) -> bool:
    """Whether two numbers are neighbours in a list ("un, deux, trois")."""
    gap = text[a[-1].end : b[0].start]
    return gap.strip(_SPACES + ",;") == "" and a[-1].ordinal == b[-1].ordinal


_ELIDED_L = re.compile(r"\bl['’]$", re.I)
_WORD = re.compile(r"[\w°]+")


def _words_before(text: str, end: int, width: int = 200) -> list[str]:
    """The words of ``text`` before ``end``, read back ``width`` characters at most
    (more when a word is longer): the callers only need the last one."""
    start = max(0, end - width)
    while start > 0 and _WORD.fullmatch(text[start - 1]):
        start -= 1
    return _WORD.findall(text, start, end)


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _SPACES:
        pos += 1
    return pos


def _kept(text: str, numbers: list[list[_Atom]], k: int, value: Number,
          threshold: float) -> bool:
    """Whether a one-word number is read as a number (see ``find_numbers``)."""
    atom = numbers[k][0]
    listed = (k > 0 and _listed(text, numbers[k - 1], numbers[k])) or (
        k + 1 < len(numbers) and _listed(text, numbers[k], numbers[k + 1]))
    if listed:
        return True
    if atom.word == "neuf" and not atom.ordinal:
        before = _words_before(text, atom.start)
        after_at = _skip_spaces(text, atom.end)
        ends = after_at == len(text) or not text[after_at].isalnum()
        if ends and before and _fold(before[-1]) not in {
                _fold(w) for w in words.NEUF_NUMBER_AFTER}:
            return False
    if atom.word in ("un", "une") and _ELIDED_L.search(text, max(0, atom.start - 2),
                                                        atom.start):
        return False                                            # "l'un", "l'une": pronouns
    ambiguous = atom.ordinal or atom.word in _AMBIGUOUS
    return not (ambiguous and value < threshold)
