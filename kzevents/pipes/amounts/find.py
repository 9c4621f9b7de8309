"""Find amounts of money in a French text and read their value and currency.

Pure Python over ``kzevents.numbers.find_numbers`` and the currency lexicon:
no spaCy needed, so ``kzevents.parse_amount`` runs without a model. An amount is
a number with a currency:

- after it: a name ("800 millions de dollars", "2,5 milliards d'euros",
  "300 000 francs CFA", "un milliard et demi d'euros") or a symbol or code,
  maybe behind a scale letter ("5 M$", "1,2 Md€", "300 k€", "12 USD");
- before it: a symbol or code only ("$5 millions", "USD 300"); a name before a
  number is something else ("l'Euro 2016");
- none, after a money noun ("une amende de 300 000", "une enveloppe d'environ
  50 millions") or as a part of the amount before it in its sentence ("dont 300
  millions"): the currency of the last amount before it, else None.

Cents join the amount before them ("huit euros et dix centimes" = 8.10);
"entre 2 et 3 milliards de dollars" is a range (value = low, as counts do);
qualifiers are those of counts ("plus de", "environ", "jusqu'à").
A number with no currency and no money noun is never an amount: scores,
percentages, ages, telephone numbers, years and counts of people give nothing.

>>> [(a["value"], a["currency"], a["qualifier"])
...  for a in find_amounts("Une aide de plus de 800 millions de dollars, et 1,2 Md€ de prêts.")]
[(800000000, 'USD', 'at_least'), (1200000000, 'EUR', 'exact')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from kzevents.numbers import NumberMatch, find_numbers
from kzevents.pipes.amounts import patterns as P
from kzevents.pipes.amounts.currencies import Currency, CurrencyLexicon, currency_lexicon, fold
from kzevents.pipes.counts.patterns import QUALIFIERS_AFTER, QUALIFIERS_BEFORE
from kzevents.text import trie

_SP = "[ \u00a0\u202f\u2009]"
_SPACES = re.compile(_SP + "+")
_YEARS = (1800, 2100)


def _alt(words: Iterable[str]) -> str:
    """The words as one pattern, a space matching any run of French spaces.

    Factored letter by letter (``trie``): it matches what their alternation longest
    first matches, without trying the 700 currency names one after the other at
    every number.
    """
    return trie(set(words)).replace(r"\ ", _SP + "+")


def _key(matched: str) -> str:
    """The lexicon key of a matched name or symbol: the patterns let any run of French
    spaces stand for the one space of the key ("francs\u00a0 CFA")."""
    return _SPACES.sub(" ", matched)


class _Patterns:
    """The regexes of one currency lexicon, compiled once."""

    def __init__(self, lex: CurrencyLexicon) -> None:
        symbols = _alt(lex.symbols)
        scales = _alt(P.SCALE_LETTERS)
        self.symbol_after = re.compile(
            rf"{_SP}*(?:(?P<scale>{scales}){_SP}*|de{_SP}+)?(?P<sym>{symbols})(?![A-Za-z0-9])")
        self.name_after = re.compile(
            rf"{_SP}*(?:(?P<scale>{_alt(k.lower() for k in P.SCALE_LETTERS)}){_SP}+)?"
            rf"(?:(?:de{_SP}+|d')\s*)?"
            rf"(?P<name>{_alt(lex.names)})(?![\w-])")
        self.symbol_before = re.compile(rf"(?<![A-Za-z0-9])(?P<sym>{symbols}){_SP}*$")
        self.scale_after = re.compile(rf"{_SP}*(?P<scale>{scales})(?![\w$€£¥])")
        self.scale_name = re.compile(rf"{_SP}+(?P<w>{_alt(P.SCALE_NAMES)})(?![\w])")
        self.half_before = re.compile(rf"(?<![\w])(?:(?:un|une){_SP}+)?demi-$")
        self.half = re.compile(rf"{_SP}+(?:{_alt(P.HALF)})(?![\w])")
        self.cents_word = re.compile(rf"{_SP}*(?P<c>{_alt(P.CENTS)})(?![\w-])")
        self.cents_of = re.compile(rf"{_SP}*(?:{_alt(P.CENTS_OF)})(?![\w-])")
        self.money_noun = re.compile(
            rf"(?<![\w-])(?:{_alt(P.MONEY_NOUNS)})(?:{_SP}+[\w-]+)?{_SP}+(?:de{_SP}+|d')$")
        self.part_of = re.compile(rf"(?<![\w])(?:{_alt(P.PART_OF)}){_SP}*$")
        self.follower_ok = re.compile(
            rf"{_SP}*(?:$|[,.;:!?)\]»\n]|(?:{_alt(P.FOLLOWERS_OK)})(?![\w]))")
        before = {fold(k): v for k, v in QUALIFIERS_BEFORE.items()}
        self.qual_before = re.compile(rf"(?<![\w])(?P<q>{_alt(before)}){_SP}*$")
        self.qual_before_map = before
        after = {fold(k): v for k, v in QUALIFIERS_AFTER.items()}
        self.qual_after = re.compile(  # "5 000 euros environ", not "…, environ 310 euros"
            rf"{_SP}*(?P<q>{_alt(after)})(?![\w])(?!{_SP}*(?:\d|un|une|de|d'))")
        self.qual_after_map = after


_COMPILED: dict[int, _Patterns] = {}


def _patterns(lex: CurrencyLexicon) -> _Patterns:
    if id(lex) not in _COMPILED:
        _COMPILED[id(lex)] = _Patterns(lex)
    return _COMPILED[id(lex)]


def _tidy(value: float) -> int | float:
    value = round(value, 6)
    return int(value) if float(value).is_integer() else value


def _scale_of(folded: str, n: NumberMatch) -> int:
    """The scale word a number ends with ("800 millions": 10**6), else 1."""
    last = re.split(r"[\s-]+", folded[n.start:n.end])[-1]
    return P.SCALE_WORDS.get(last, 1)


def _range_joined(folded: str, low: NumberMatch, high: NumberMatch) -> int | None:
    """Where "entre 2 et 3", "de 2 à 3", "2 à 3", "2-3" starts, when ``low`` and
    ``high`` are the two ends of a range; else None."""
    between = folded[low.end:high.start].strip(" \u00a0\u202f\u2009")
    if between == "et":
        opener = _opener(_ENTRE, folded, low.start)
        return opener.start() if opener else None
    if between == "a":
        opener = _opener(_DE, folded, low.start)
        if opener and _is_change(folded[max(0, opener.start() - 40):opener.start()]):
            return None  # "passé de 60 à 120 tenges": two amounts
        return opener.start() if opener else low.start
    if between in ("-", "–"):
        return low.start
    return None


_ENTRE = re.compile(r"(?<![\w])entre$")
_DE = re.compile(r"(?<![\w])(?:de|d')$")
_ENDS_CLAUSE = re.compile(rf"{_SP}*(?:$|[,.;:!?)\n])")


def _opener(pattern: re.Pattern[str], folded: str, end: int) -> re.Match[str] | None:
    """``pattern`` (anchored with ``$``) right before ``end``, spaces skipped.

    Searches a few characters back instead of the whole text before ``end``:
    the whole prefix made every number cost as much as the text was long.
    """
    while end > 0 and folded[end - 1] in " \u00a0\u202f\u2009":
        end -= 1
    return pattern.search(folded, max(0, end - 8), end)


def _is_change(before: str) -> bool:
    """Whether the words before "de X à Y" say a change ("est passé", "relevée")."""
    words = re.findall(r"[\w-]+", before[-40:])
    return bool(words) and words[-1].startswith(P.CHANGE_STEMS)


def _change_joined(folded: str, old: NumberMatch, new: NumberMatch) -> bool:
    """Whether ``old`` and ``new`` are the two ends of a change, "passé de 60 à 120"."""
    if folded[old.end:new.start].strip(" \u00a0\u202f\u2009") != "a":
        return False
    opener = _opener(_DE, folded, old.start)
    return bool(opener) and _is_change(folded[max(0, opener.start() - 40):opener.start()])


class _Finder:
    """One pass over one text (see the module docstring)."""

    def __init__(self, text: str, lex: CurrencyLexicon) -> None:
        self.text = text
        self.folded = fold(text)
        self.lex = lex
        self.re = _patterns(lex)
        self.numbers = [n for n in find_numbers(text, threshold=0) if not n.ordinal]
        self.used: set[int] = set()
        self.found: list[dict[str, Any]] = []
        self._countries: list[tuple[int, frozenset[str]]] | None = None

    def run(self) -> list[dict[str, Any]]:
        for i in range(len(self.numbers)):
            if i in self.used:
                continue
            if i + 1 < len(self.numbers) and _range_joined(
                    self.folded, self.numbers[i], self.numbers[i + 1]) is not None:
                continue  # the high end reads the range
            amount = self._amount(i)
            if amount is not None:
                self.found.append(amount)
        return self.found

    def _currency(self, currency: Currency, at: int) -> tuple[bool, str | None]:
        """(is it money here?, its code)."""
        if len(currency.codes) == 1 and not currency.needs_country:
            return True, next(iter(currency.codes))
        if self._countries is None:  # the countries of the text, read once
            self._countries = self.lex.countries_in(self.text)
        if self.lex.needs_country(currency, self.text, self._countries):
            return False, None
        return True, self.lex.resolve(currency, self.text, at, self._countries)

    def _after(self, n: NumberMatch) -> tuple[int, float, Currency, bool] | None:
        """(end, multiplier, currency, is it a name?) of a currency right after the number."""
        pos, mult = n.end, 1.0
        half = self.re.half.match(self.folded, pos)
        scale = _scale_of(self.folded, n)
        if half and scale > 1:
            pos, mult = half.end(), 1 + 0.5 * scale / n.value if n.value else 1
        named = self.re.scale_name.match(self.folded, pos)
        if named:
            pos, mult = named.end(), mult * P.SCALE_NAMES[named.group("w")]
        sym = self.re.symbol_after.match(self.text, pos)
        if sym:
            letters = sym.group("scale")
            factor = P.SCALE_LETTERS[letters] if letters else 1
            return sym.end(), mult * factor, self.lex.symbols[_key(sym.group("sym"))], False
        name = self.re.name_after.match(self.folded, pos)
        if name:
            letters = self.text[name.start("scale"):name.end("scale")] if name.group("scale") \
                else ""
            if letters and letters not in P.SCALE_LETTERS:
                return None  # the folded "m" of "5 m de ..." is a metre, not a million
            factor = P.SCALE_LETTERS[letters] if letters else 1
            return name.end(), mult * factor, self.lex.names[_key(name.group("name"))], True
        return None

    def _before(self, n: NumberMatch) -> tuple[int, int, float, Currency] | None:
        """(start, end, multiplier, currency) of a symbol or code right before the number."""
        sym = self.re.symbol_before.search(self.text, max(0, n.start - 12), n.start)
        if not sym:
            return None
        end, factor = n.end, 1
        scale = self.re.scale_after.match(self.text, n.end)
        if scale:
            end, factor = scale.end(), P.SCALE_LETTERS[scale.group("scale")]
        return sym.start(), end, factor, self.lex.symbols[_key(sym.group("sym"))]

    def _cents(self, i: int, end: int) -> tuple[int, float] | None:
        """(end, cents) of "et dix centimes", " 50" right after a currency name."""
        if i + 1 >= len(self.numbers):
            return None
        m = self.numbers[i + 1]
        gap = self.folded[end:m.start]
        if not re.fullmatch(rf"{_SP}+(?:et{_SP}+)?", gap):
            return None
        value = m.value
        stop = m.end
        if self.folded[m.start:m.end].endswith("cents") and value % 100 == 0:
            value //= 100  # "vingt-six cents" reads 2 600 as a number
        else:
            word = self.re.cents_word.match(self.folded, m.end)
            if word:
                stop = word.end()
                self.used.update(k for k in range(i + 2, len(self.numbers))
                                 if self.numbers[k].start < stop)
            elif not _ENDS_CLAUSE.match(self.folded, m.end) \
                    or "et" in gap:
                return None  # "8 euros 50" only when nothing follows the 50
        if not (isinstance(value, int) and 0 < value < 100):
            return None
        self.used.add(i + 1)
        return stop, value / 100

    def _inherited(self) -> str | None:
        for amount in reversed(self.found):
            if amount["currency"]:
                return amount["currency"]
        return None

    def _amount(self, i: int) -> dict[str, Any] | None:
        """The Amount dict of ``numbers[i]``, or None when it is no money."""
        read = self._money(i)
        if read is None:
            return None
        start, end, value, code = read
        n = self.numbers[i]
        if i > 0 and i - 1 not in self.used and _change_joined(self.folded, self.numbers[i - 1], n):
            self._change_from(self.numbers[i - 1], n, value, code)
            self.used.add(i - 1)
        return self._qualified(i, start, end, value, code)

    def _money(self, i: int) -> tuple[int, int, float, str | None] | None:
        """(start, end, value, currency) when ``numbers[i]`` is money, else None: a
        currency after it (and cents), a symbol before it, "centimes", or a money noun."""
        n = self.numbers[i]
        start, end, value = n.start, n.end, float(n.value)
        after = self._after(n)
        if after:
            end, mult, currency, is_name = after
            money, code = self._currency(currency, n.start)
            if not money or (self.folded[n.start:n.end] in ("un", "une")
                             and not self.re.follower_ok.match(self.folded, end)):
                return None  # "un franc succès"; but "un euro symbolique", "un dollar."
            value *= mult
            half = self.re.half_before.search(self.folded, max(0, n.start - 10), n.start)
            if half and self.folded[n.start:n.end] in ("million", "milliard"):
                start, value = half.start(), value / 2  # "un demi-milliard d'euros"
            cents = self._cents(i, end) if is_name else None
            if cents:
                end, value = cents[0], value + cents[1]
            return start, end, value, code
        before = self._before(n)
        if before:
            start, end, mult, currency = before
            money, code = self._currency(currency, n.start)
            return (start, end, value * mult, code) if money else None
        cents_alone = self.re.cents_word.match(self.folded, n.end)
        if cents_alone and (cents_alone.group("c").startswith("centime")
                            or self.text[n.start:n.end].isdigit()):
            end, value = cents_alone.end(), value / 100
            of = self.re.cents_of.match(self.folded, end)
            code = self._inherited()
            if of:
                end = of.end()
                code = "EUR" if "euro" in of.group(0) else "USD" if "dollar" in of.group(0) \
                    else code
            return start, end, value, code
        if self._bare(n):
            return start, end, value, self._inherited()
        return None

    def _qualified(self, i: int, start: int, end: int, value: float, code: str | None
                   ) -> dict[str, Any]:
        """The Amount dict with its qualifier: a range with the number before, an
        approximate noun, or the words around ("plus de", "environ")."""
        n = self.numbers[i]
        low = high = None
        qualifier = "approx" if n.approximate else "exact"
        if n.approximate and n.low is not None:
            ratio = value / n.value if n.value else 1
            low, high = n.low * ratio, n.high * ratio if n.high is not None else None
        opener = _range_joined(self.folded, self.numbers[i - 1], n) \
            if i > 0 and i - 1 not in self.used and start == n.start else None
        if opener is not None:
            p = self.numbers[i - 1]
            unit = _scale_of(self.folded, n) * (round(value / n.value) if n.value else 1)
            low_value = p.value * unit if _scale_of(self.folded, p) == 1 and \
                p.value * unit <= value else p.value
            qualifier, low, high, start, value = "range", low_value, value, opener, low_value
            self.used.add(i - 1)
        else:
            q = self.re.qual_before.search(self.folded, max(0, start - 30), start)
            if q:
                qualifier, start = self.re.qual_before_map[q.group("q")], q.start()
            else:
                qa = self.re.qual_after.match(self.folded, end)
                if qa:
                    qualifier = self.re.qual_after_map[qa.group("q")]
            if qualifier == "at_least":
                low = value
            elif qualifier == "at_most":
                high = value
        return {"start": start, "end": end, "value": _tidy(value),
                "low": None if low is None else _tidy(low),
                "high": None if high is None else _tidy(high),
                "qualifier": qualifier, "currency": code}

    def _change_from(self, old: NumberMatch, new: NumberMatch, value: float,
                     code: str | None) -> None:
        """The first amount of a change, in the currency (and scale) of the second."""
        if any(a["start"] == old.start for a in self.found):
            return
        unit = _scale_of(self.folded, new) * (round(value / new.value) if new.value else 1)
        scaled = _scale_of(self.folded, old) == 1 and old.value < 1000 and unit > 1
        amount = old.value * unit if scaled else old.value
        self.found.append({"start": old.start, "end": old.end, "value": _tidy(amount),
                           "low": None, "high": None, "qualifier": "exact", "currency": code})

    def _bare(self, n: NumberMatch) -> bool:
        """A number without currency is money after a money noun, when nothing
        that could be its unit follows ("une amende de 300 000.", not "une aide de 50 tonnes")."""
        raw = self.text[n.start:n.end]
        if raw.isdigit() and len(raw) == 4 and _YEARS[0] <= n.value <= _YEARS[1]:
            return False  # "le budget de 2023"
        start = n.start
        q = self.re.qual_before.search(self.folded, max(0, start - 30), start)
        if q:
            start = q.start()
        if not (self.re.money_noun.search(self.folded, max(0, start - 60), start)
                or self._part_of_previous(start)):
            return False
        return bool(self.re.follower_ok.match(self.folded, n.end))

    def _part_of_previous(self, start: int) -> bool:
        """ "dont 300 millions" after an amount with a currency in the same sentence."""
        if not self.re.part_of.search(self.folded, max(0, start - 20), start):
            return False
        previous = next((a for a in reversed(self.found) if a["currency"]), None)
        return previous is not None and not re.search(r"[.!?\n]", self.text[previous["end"]:start])


def find_amounts(text: str) -> list[dict[str, Any]]:
    """Every amount of money in ``text``: Amount dicts (``start``, ``end``, ``value``,
    ``low``, ``high``, ``qualifier``, ``currency``), in text order."""
    return _Finder(text, currency_lexicon()).run()
