"""Currency words: babel's CLDR French names and symbols, plus data/lexicons/currencies.jsonl.

``currency_lexicon()`` builds, once, what the amount finder matches after (or
before) a number: every CLDR French currency name in the singular and plural
("rouble russe", "roubles russes", "franc CFA (BCEAO)"), every French CLDR
symbol ("$CA", "FCFA"), and the words of the data file: head words read
without their adjective ("dollars", "francs CFA"), extra spellings ("dollars
américains", "$", "€") and country cues. A word that may name several
currencies ("dinars", "francs CFA") is settled by a country the text names,
else by its default; ``Currency.resolve`` does that.

>>> lex = currency_lexicon()
>>> lex.resolve(lex.names["roubles russes"], "")
'RUB'
>>> lex.resolve(lex.names["francs cfa"], ""), lex.resolve(lex.names["francs cfa"], "au Cameroun")
('XOF', 'XAF')
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

from babel import Locale
from babel.numbers import get_currency_name, get_territory_currencies, list_currencies
from pydantic import BaseModel, ConfigDict, Field

from kzevents.pipes.amounts.patterns import CODES_NOT_READ, DEMONYM_ENDINGS
from kzevents.resources import data_path, read_jsonl
from kzevents.text import trie

# Currencies in use on this day count as "current" (a fixed day: nothing depends on today).
CURRENT_ON = dt.date(2024, 1, 1)
_ADJECTIVE_FIRST = ("nouveau ", "nouvelle ")


class CurrencyRecord(BaseModel):
    """One line of currencies.jsonl (see the comments at the top of that file)."""

    model_config = ConfigDict(extra="forbid")
    kind: Literal["head", "code"]
    forms: list[str] = Field(default_factory=list)
    code: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    default: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    by_country: bool = False
    needs_country: bool = False
    cues: list[str] = Field(default_factory=list)


class _CountryLine(BaseModel):
    """What the lexicon reads of a line of data/gazetteers/countries.jsonl."""

    model_config = ConfigDict(extra="ignore")
    name: str
    aliases: list[str] = Field(default_factory=list)
    country: str | None = None
    iso2: str | None = None


class _DemonymLine(BaseModel):
    """A line of data/gazetteers/demonyms.jsonl: French adjectives of one country."""

    model_config = ConfigDict(extra="ignore")
    country: str
    forms: list[str]


class _FoldTable(dict):
    """Code point -> folded character, filled on first sight (``str.translate`` table)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch in "\u00a0\u202f\u2009":
            folded = " "
        elif ch == "’":
            folded = "'"
        else:
            folded = "".join(c for c in unicodedata.normalize("NFKD", ch)
                             if not unicodedata.combining(c)).lower()
            if len(folded) != 1:
                folded = ch.lower()[:1] or ch
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes, narrow spaces as spaces; same length."""
    return text.translate(_FOLD)


def is_symbol(form: str) -> bool:
    """A form matched with its case: no lower-case letter ("$", "USD", "FCFA", "US$")."""
    return not any(ch.islower() for ch in form)


@dataclass(frozen=True)
class Currency:
    """What one matched word may name: its candidate codes and how to choose among them."""

    codes: frozenset[str]
    default: str | None = None
    by_country: bool = False
    needs_country: bool = False


@dataclass
class CurrencyLexicon:
    """Folded names and case-kept symbols -> ``Currency``, and country words -> codes."""

    names: dict[str, Currency] = field(default_factory=dict)
    symbols: dict[str, Currency] = field(default_factory=dict)
    country_words: dict[str, frozenset[str]] = field(default_factory=dict)
    country_stems: dict[str, frozenset[str]] = field(default_factory=dict)
    _country_re: re.Pattern[str] | None = None
    _stem_re: re.Pattern[str] | None = None

    def countries_in(self, text: str) -> list[tuple[int, frozenset[str]]]:
        """(offset, currency codes) of every country name, adjective or cue in ``text``."""
        if self._country_re is None:
            self._country_re = _words_re(self.country_words, r"(?![\w-])")
            endings = "|".join(sorted(DEMONYM_ENDINGS, key=len, reverse=True))
            self._stem_re = _words_re(self.country_stems, rf"(?P<ending>{endings})(?![\w-])")
        folded = fold(text)
        found = [(m.start(), self.country_words[m.group(0)])
                 for m in self._country_re.finditer(folded)]
        assert self._stem_re is not None
        found += [(m.start(), self.country_stems[m.group(0)[: m.start("ending") - m.start()]])
                  for m in self._stem_re.finditer(folded)]
        return sorted(found)

    def resolve(self, currency: Currency, context: str, at: int = 0,
                countries: list[tuple[int, frozenset[str]]] | None = None) -> str | None:
        """The ISO 4217 code ``currency`` names in ``context`` (the text around it), or None.

        One candidate: it. Else, when a country named in the context uses one of
        the candidates, the nearest such country's; else the default.
        ``countries`` is ``countries_in(context)`` when the caller has it already.
        """
        if len(currency.codes) == 1:
            return next(iter(currency.codes))
        if currency.by_country:
            if countries is None:
                countries = self.countries_in(context)
            near = [(abs(pos - at), sorted(codes & currency.codes)[0])
                    for pos, codes in countries if codes & currency.codes]
            if near:
                return min(near)[1]
        return currency.default

    def needs_country(self, currency: Currency, context: str,
                      countries: list[tuple[int, frozenset[str]]] | None = None) -> bool:
        """Whether the word is no money here: it needs a country and the context names none."""
        if not currency.needs_country:
            return False
        if countries is None:
            countries = self.countries_in(context)
        return not any(codes & currency.codes for _, codes in countries)


def _add_gazetteer_countries(lex: CurrencyLexicon) -> None:
    """Country names, aliases and demonyms of the project's gazetteers ("kényan" is
    in none of CLDR's lists): alpha-3 codes go to alpha-2 through countries.jsonl."""
    alpha2: dict[str, str] = {}
    for _, line in read_jsonl(data_path("gazetteers", "countries.jsonl"), _CountryLine):
        if not (line.iso2 and line.country):
            continue
        alpha2[line.country] = line.iso2
        codes = frozenset(get_territory_currencies(line.iso2, CURRENT_ON))
        for form in (line.name, *line.aliases):
            if codes:
                lex.country_words.setdefault(fold(form), codes)
    for _, demonym in read_jsonl(data_path("gazetteers", "demonyms.jsonl"), _DemonymLine):
        territory = alpha2.get(demonym.country)
        codes = frozenset(get_territory_currencies(territory, CURRENT_ON)) if territory else None
        for form in demonym.forms if codes else ():
            lex.country_words.setdefault(fold(form), codes)


def _words_re(words: dict[str, frozenset[str]], tail: str) -> re.Pattern[str]:
    # the words factored letter by letter: same matches as "|".join(longest first),
    # several times faster on a long text
    return re.compile(rf"(?<![\w-])(?P<word>{trie(set(words))}){tail}")


def _stems(name: str) -> list[str]:
    """The stems of a one-word country name its adjectives start with: "pakistan",
    "argentin" (Argentine), "keny" (Kenya); none under four letters ("ind" of Inde)."""
    if not name.isalpha():
        return []
    stems = [name] if len(name) >= 4 else []
    if name[-1] in "aeiouy" and len(name) >= 5:
        stems.append(name[:-1])
    return stems


def _name_forms(code: str) -> set[str]:
    """The CLDR French names of a currency, singular and plural, with and without
    a parenthesis ("franc CFA (BCEAO)", "francs CFA")."""
    forms = set()
    for count in (1, 2):
        name = get_currency_name(code, count=count, locale="fr")
        if name and name != code:
            forms.add(name)
            forms.add(re.sub(r"\s*\(.*?\)\s*", " ", name).strip())
    return forms


def _current_codes() -> set[str]:
    locale = Locale("fr")
    codes: set[str] = set()
    for territory in locale.territories:
        if len(territory) == 2 and territory.isalpha():
            codes.update(get_territory_currencies(territory, CURRENT_ON))
    return codes


def _starts_with(name: str, head: str) -> bool:
    name = fold(re.sub(r"\s*\(.*?\)", "", name))
    for adjective in _ADJECTIVE_FIRST:
        name = name.removeprefix(adjective)
    return name == head or name.startswith(head + " ")


def _add(table: dict[str, Currency], key: str, currency: Currency) -> None:
    """Several currencies under one name: a head word of the data file wins, else the
    current currencies are all candidates (``resolve`` chooses)."""
    old = table.get(key)
    if old is None or currency.default or currency.by_country:
        table[key] = currency
    elif not (old.default or old.by_country):
        table[key] = Currency(old.codes | currency.codes)


@cache
def currency_lexicon(path: str | None = None) -> CurrencyLexicon:
    """The currency lexicon of CLDR plus ``path`` (default: the package's currencies.jsonl)."""
    records = [r for _, r in read_jsonl(Path(path) if path else
                                        data_path("lexicons", "currencies.jsonl"),
                                        CurrencyRecord)]
    current = _current_codes()
    lex = CurrencyLexicon()
    locale = Locale("fr")
    for code in sorted(list_currencies()):
        if code.startswith("X") and code not in current:
            continue  # gold, special drawing rights, test codes
        for form in _name_forms(code):
            key = fold(form)
            if key in lex.names and code not in current:
                continue  # a current currency keeps its name ("rouble russe": RUB, not RUR)
            if key in lex.names and next(iter(lex.names[key].codes)) in current:
                lex.names[key] = Currency(lex.names[key].codes | {code})
            else:
                lex.names[key] = Currency(frozenset({code}))
        if code in current and code not in CODES_NOT_READ:
            lex.symbols.setdefault(code, Currency(frozenset({code})))
        symbol = locale.currency_symbols.get(code)
        if code in current and symbol and symbol != code and not symbol.isalpha():
            lex.symbols[symbol.replace("\u202f", " ")] = Currency(frozenset({code}))
    for record in records:
        if record.kind == "head":
            codes = frozenset(c for c in current
                              if any(_starts_with(n, fold(record.forms[0]))
                                     for n in _name_forms(c)))
            if record.default:
                codes |= {record.default}
            currency = Currency(codes, record.default, record.by_country, record.needs_country)
            for form in record.forms:
                if is_symbol(form):
                    lex.symbols[form] = currency
                else:
                    _add(lex.names, fold(form), currency)
        else:
            assert record.code is not None
            one = Currency(frozenset({record.code}))
            for form in record.forms:
                if is_symbol(form):
                    lex.symbols[form] = one
                else:
                    lex.names[fold(form)] = one
            for cue in record.cues:
                lex.country_words[fold(cue)] = frozenset({record.code})
    _add_gazetteer_countries(lex)
    for territory, name in locale.territories.items():
        if len(territory) == 2 and territory.isalpha():
            codes = frozenset(get_territory_currencies(territory, CURRENT_ON))
            if codes:
                lex.country_words.setdefault(fold(name), codes)
                for stem in _stems(fold(name)):
                    lex.country_stems[stem] = lex.country_stems.get(stem, frozenset()) | codes
    return lex
