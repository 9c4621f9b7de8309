"""Find French date expressions in a text and resolve them to TimeRef dicts.

Pure Python over the regexes of ``patterns``: no spaCy needed, so
``kzevents.parse_date`` runs without a model. The component passes a tense
hint per sentence; the resolver itself never looks at today's date.

>>> import datetime as dt
>>> [d["value"] for d in find_dates("Vendredi 7 janvier, puis la veille.", dt.date(2022, 1, 11))]
['2022-01-07', '2022-01-06']
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kzevents.pipes.dates import patterns as P

Tense = str | None  # "past", "future", "present" (a present verb alone) or None
TenseAt = Callable[[int, int], Tense]  # (start, end) of a date -> tense around it

_FLAGS = re.I | re.U
# Every match starts at a word's start: the look-behind makes the engine skip
# the inside of words at once, which divides the matching time by several.
COMPILED: dict[str, tuple[re.Pattern[str], bool]] = {
    name: (re.compile(r"(?<!\w)" + pattern, _FLAGS), whole)
    for name, (pattern, whole) in P.RULES.items()
}
PREFIX_RE = re.compile(r"(?<!\w)(?:" + P.PREFIX + ")", _FLAGS)
SUFFIX_RE = re.compile(P.SUFFIX, _FLAGS)
TIME_RE = re.compile(r"(?<!\w)" + P.TIME_ALONE, _FLAGS)
FUTURE_RE = re.compile(P.FUTURE_CUES, _FLAGS)
PAST_RE = re.compile(P.PAST_CUES, _FLAGS)
_COUNT_BEFORE = re.compile(rf"(?:{P._alt(P.COUNT_BEFORE)})\s*$", _FLAGS)
_PLURAL_AFTER = re.compile(r"^\s+([a-zàâäéèêëîïôöùûüç'-]+[sx])\b", _FLAGS)
_FUTURE_YEAR_GAP = 9  # months: a yearless date further ahead than this is last year's


@dataclass
class Match:
    """A pattern match: where, which rule, what its groups captured."""

    start: int
    end: int
    rule: str
    groups: dict[str, str]
    extra: dict[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------- small readers

def _norm(word: str) -> str:
    return re.sub(r"\s+", " ", word.lower().replace("’", "'")).strip()


def day_number(text: str) -> int | None:
    """1er -> 1, "treize" -> 13, "15e" -> 15."""
    word = _norm(text)
    if word in P.NUMBER_WORDS:
        return P.NUMBER_WORDS[word]
    digits = re.match(r"\d+", word)
    return int(digits.group()) if digits else None


def weekday_number(text: str) -> int:
    """lundi -> 0, "ven." -> 4."""
    word = _norm(text)
    return P.WEEKDAYS.get(word, P.WEEKDAY_ABBREVIATIONS.get(word, 0))


def month_number(text: str) -> int | None:
    word = _norm(text).rstrip(".")
    return P.MONTHS.get(word) or P.MONTH_ABBREVIATIONS.get(word)


def quantity(text: str) -> int | None:
    word = _norm(text)
    if word == "quelques":
        return 3
    if word in P.APPROXIMATE_QUANTITIES:
        return P.APPROXIMATE_QUANTITIES[word]
    if word.isdigit():
        return int(word)
    return P.NUMBER_WORDS.get(word)


def full_year(text: str) -> int:
    """'74 -> 1974, 14 -> 2014: two-digit years within 50 years either side of 2000."""
    digits = int(text.strip("'’"))
    if len(text.strip("'’")) == 4:
        return digits
    return 2000 + digits if digits < 50 else 1900 + digits


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, _last_day(year, month + 1)))


# ---------------------------------------------------------------- TimeRef dicts

def ref(grain: str, earliest: dt.date, latest: dt.date | None = None, *,
        relative: bool = False, value_from: dt.date | None = None) -> dict[str, Any]:
    """A TimeRef dict (without offsets) of a period at a grain."""
    latest = latest or earliest
    base = value_from or earliest
    if grain == "day":
        value = base.isoformat()
    elif grain == "week":
        iso = base.isocalendar()
        value = f"{iso[0]}-W{iso[1]:02d}"
    elif grain == "month":
        value = f"{base.year:04d}-{base.month:02d}"
    else:
        value = f"{base.year:04d}"
    return {"value": value, "grain": grain, "earliest": earliest.isoformat(),
            "latest": latest.isoformat(), "relative": relative, "part_of_day": None}


def unresolved(grain: str | None) -> dict[str, Any]:
    """A relative expression with nothing to anchor it."""
    return {"value": None, "grain": grain, "earliest": None, "latest": None,
            "relative": True, "part_of_day": None}


def day_ref(day: dt.date, relative: bool = False) -> dict[str, Any]:
    return ref("day", day, relative=relative)


def month_ref(year: int, month: int, relative: bool = False) -> dict[str, Any]:
    return ref("month", dt.date(year, month, 1), dt.date(year, month, _last_day(year, month)),
               relative=relative)


def year_ref(year: int, relative: bool = False) -> dict[str, Any]:
    return ref("year", dt.date(year, 1, 1), dt.date(year, 12, 31), relative=relative)


def week_ref(day: dt.date, relative: bool = False) -> dict[str, Any]:
    monday = day - dt.timedelta(days=day.weekday())
    return ref("week", monday, monday + dt.timedelta(days=6), relative=relative)


# ---------------------------------------------------------------- year choice

def pick_year(month: int, day: int, published: dt.date, tense: Tense) -> int:
    """The year of a yearless date: the publication's, moved by the tense.

    A past tense puts a date after publication in the year before, a future
    tense puts a date before publication in the year after; with no tense, a
    date more than nine months ahead is taken as last year's ("le 28 décembre"
    in January).
    """
    year = published.year
    candidate = _date(year, month, min(day, _last_day(year, month)))
    assert candidate is not None
    months_ahead = (month - published.month) + (day - published.day) / 31
    if tense == "past" and candidate > published:
        return year - 1
    if tense == "future" and candidate < published:
        return year + 1
    if tense not in ("past", "future") and months_ahead > _FUTURE_YEAR_GAP:
        return year - 1
    return year


def pick_month_year(month: int, published: dt.date, tense: Tense) -> int:
    """The year of a yearless month, by the same rules as ``pick_year``, month by month."""
    year = published.year
    if tense == "past" and month > published.month:
        return year - 1
    if tense == "future" and month < published.month:
        return year + 1
    if tense not in ("past", "future") and month - published.month > _FUTURE_YEAR_GAP:
        return year - 1
    return year


def year_from_weekday(month: int, day: int, weekday: int, published: dt.date | None,
                      tense: Tense) -> int | None:
    """The year in which ``day month`` falls on ``weekday``, nearest the publication."""
    if published is None:
        return None
    default = pick_year(month, day, published, tense)
    years = [y for y in range(default - 6, default + 7)
             if (d := _date(y, month, day)) is not None and d.weekday() == weekday]
    if not years:
        return default
    return min(years, key=lambda y: (abs(y - default), y > default))


def weekday_near(weekday: int, published: dt.date, direction: int | None, tense: Tense,
                 weeks: int = 0) -> dt.date:
    """A weekday named alone: the most recent on or before publication, unless
    "prochain" (``direction`` 1) or a future tense says the next one. In the
    journalistic present ("Les députés votent jeudi le texte") it is the
    nearest one, either side (three days back rather than four ahead)."""
    if direction == -1:  # "vendredi dernier": strictly before
        back = (published.weekday() - weekday) % 7 or 7
        return published - dt.timedelta(days=back)
    if direction == 1 or (direction is None and tense == "future"):
        ahead = (weekday - published.weekday()) % 7
        if ahead == 0 and direction == 1:
            ahead = 7
        return published + dt.timedelta(days=ahead)
    back = (published.weekday() - weekday) % 7
    if direction is None and tense == "present" and back > 3:
        return published + dt.timedelta(days=7 - back)
    return published - dt.timedelta(days=back)


# ---------------------------------------------------------------- finding

def find_matches(text: str, whole: bool = False) -> list[Match]:
    """Non-overlapping matches of every rule, the longest first where they overlap.

    ``whole``: the text is one date expression (``parse_date``), so rules
    that are too ambiguous inside running text (a bare year, a bare month,
    "17 02") are tried too, and only a match covering the text counts.
    """
    found: list[Match] = []
    for name, (regex, whole_only) in COMPILED.items():
        if whole_only and not whole:
            continue
        for m in regex.finditer(text):
            if m.end() <= m.start():
                continue
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            found.append(Match(m.start(), m.end(), name, groups))
    if whole:
        stripped = text.strip()
        lead = len(text) - len(text.lstrip())
        found = [m for m in found
                 if m.start == lead and m.end == lead + len(stripped)]
    found.sort(key=lambda m: (-(m.end - m.start), m.start))
    chosen: list[Match] = []
    for m in found:
        if all(m.end <= c.start or m.start >= c.end for c in chosen) and _plausible(
                text, m, whole):
            chosen.append(m)
    chosen.sort(key=lambda m: m.start)
    return chosen


def _plausible(text: str, m: Match, whole: bool) -> bool:
    """Reject matches that are counts or names rather than dates."""
    if whole:
        return True
    if m.rule in ("year_phrase", "year_range"):
        if _COUNT_BEFORE.search(text[: m.start]):
            return False
        after = _PLURAL_AFTER.match(text[m.end:])
        if after and _norm(after.group(1)) not in P.YEAR_FOLLOWERS_OK:
            return False
    if m.rule == "month_phrase" and not (m.groups.keys() & {"prep", "y", "dir"}):
        # a month alone in running text only in lower case ("Mars" may be the planet)
        return m.groups["m"].islower()
    if m.rule == "day_range" and "m1" in m.groups and _norm(m.groups["conn"]).startswith("et") \
            and not _norm(m.groups.get("pre", "")).startswith("entre"):
        return False  # "le 30 juin et le 7 juillet": two dates, unless "entre ... et"
    if m.rule == "month_phrase" and m.groups.get("prep", "").lower() in ("de", "d'", "d’"):
        # "les émeutes de janvier"; a capital ("la révolution d'Octobre", "de Mars")
        # only when a year or direction follows, or "fin de mars".
        before = text[: m.start].rstrip().lower()
        if not (m.groups.keys() & {"y", "dir"}) and not m.groups["m"].islower() and not re.search(
                r"(?:mois|fin|début|milieu|mi|courant|depuis|partir)$", before):
            return False
    if m.rule == "season" and not m.groups["season"].islower():
        return False  # "le Printemps", the shop
    if m.rule == "period" and not m.groups.get("dir"):
        det = _norm(m.groups.get("det", ""))
        if det not in ("cette", "ce", "cet", "dans la"):
            return False
        if det == "dans la" and _norm(m.groups["unit"]) != "semaine":
            return False
    if m.rule == "period" and _norm(m.groups.get("det", "")) == "en":
        return False
    return not (m.rule == "last_n" and not (m.groups.get("dir") or m.groups.get("dir2")))


# ---------------------------------------------------------------- resolving

@dataclass
class Context:
    """What resolution needs besides the match: the anchor dates and the tense."""

    published: dt.date | None
    tense: Tense = None
    last: dict[str, Any] | None = None  # the last resolved date, for "la veille"

    def anchor(self) -> dt.date | None:
        if self.last and self.last.get("earliest") and self.last.get("grain") == "day":
            return dt.date.fromisoformat(self.last["earliest"])
        return self.published


def _day_and_month(groups: dict[str, str], ctx: Context, d_key: str = "d", m_key: str = "m",
                   y_key: str = "y", wd_key: str = "wd", yy_key: str = "yy",
                   default_month: int | None = None, default_year: int | None = None
                   ) -> tuple[dt.date | None, bool] | None:
    """A day from its groups: (date or None when unanchored, relative?)."""
    day = day_number(groups[d_key])
    month = month_number(groups[m_key]) if m_key in groups else default_month
    if day is None or month is None or not 1 <= day <= 31:
        return None
    if y_key in groups:
        year = full_year(groups[y_key])
    elif yy_key in groups:
        year = full_year(groups[yy_key])
    elif default_year is not None:
        year = default_year
    else:
        if ctx.published is None:
            return (None, True) if _date(2000, month, day) else None
        if wd_key in groups:
            year = year_from_weekday(month, day, weekday_number(groups[wd_key]),
                                     ctx.published, ctx.tense) or ctx.published.year
        else:
            year = pick_year(month, day, ctx.published, ctx.tense)
        date = _date(year, month, day)
        return (date, True) if date else None
    date = _date(year, month, day)
    return (date, False) if date else None


def _period_part(part: str, grain: str, earliest: dt.date, latest: dt.date
                 ) -> tuple[dt.date, dt.date]:
    """début / mi / fin of a period: its first, middle or last part."""
    part = P.PERIOD_PARTS[_norm(part)]
    if grain == "month":
        last = latest.day
        bounds = {"begin": (1, 10), "mid": (10, 20), "end": (21, last)}[part]
        return earliest.replace(day=bounds[0]), earliest.replace(day=bounds[1])
    if grain == "year":
        bounds = {"begin": (1, 2), "mid": (6, 7), "end": (11, 12)}[part]
        return (dt.date(earliest.year, bounds[0], 1),
                dt.date(earliest.year, bounds[1], _last_day(earliest.year, bounds[1])))
    days = {"begin": (0, 1), "mid": (2, 3), "end": (3, 6)}[part]  # week
    return earliest + dt.timedelta(days=days[0]), earliest + dt.timedelta(days=days[1])


def _shift_unit(day: dt.date, n: int, unit: str) -> dt.date:
    if unit == "day":
        return day + dt.timedelta(days=n)
    if unit == "week":
        return day + dt.timedelta(weeks=n)
    if unit == "month":
        return _add_months(day, n)
    return _add_months(day, 12 * n)


def _unit_period(day: dt.date, unit: str) -> tuple[dt.date, dt.date]:
    """The day, week, month or year containing ``day``."""
    if unit == "day":
        return day, day
    if unit == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return monday, monday + dt.timedelta(days=6)
    if unit == "month":
        return day.replace(day=1), day.replace(day=_last_day(day.year, day.month))
    return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)


def _direction(word: str | None) -> int | None:
    if not word:
        return None
    return P.DIRECTIONS.get(_norm(word).rstrip("s") if _norm(word) not in P.DIRECTIONS
                            else _norm(word))


def resolve(m: Match, ctx: Context) -> dict[str, Any] | None:
    """The TimeRef dict of one match (no offsets), or None when it is no date."""
    g = m.groups
    pub = ctx.published
    rule = m.rule

    if rule in ("day_month", "numeric_full", "numeric_iso", "numeric_short", "numeric_spaced",
                "numeric_dashed"):
        if rule.startswith("numeric"):
            month = int(g["m"])
            if not 1 <= month <= 12:
                return None
            g = {**g, "m": list(P.MONTHS)[[*P.MONTHS.values()].index(month)]}
        direction = _direction(g.get("dir"))
        if direction:  # "le 8 mars dernier": before publication, whatever the tense
            ctx = Context(ctx.published, "past" if direction < 0 else "future", ctx.last)
        got = _day_and_month(g, ctx)
        if got is None:
            return None
        date, relative = got
        if date is None:
            return unresolved("day")
        return day_ref(date, relative)  # a wrong weekday beside a full date: the date wins

    if rule in ("day_range", "day_range_no_month"):
        month2 = month_number(g["m2"]) if "m2" in g else (pub.month if pub else None)
        if rule == "day_range_no_month" and pub is None:
            return unresolved("day")
        names = {"d": "d2", "m": "m2", "y": "y2", "wd": "wd2"}
        end_groups = {k: g[v] for k, v in names.items() if v in g}
        got2 = _day_and_month(end_groups, ctx, default_month=month2)
        if got2 is None:
            return None
        end, relative = got2
        if end is None:
            return unresolved("day")
        start_groups = {k: g[v] for k, v in {"d": "d1", "m": "m1", "y": "y1"}.items() if v in g}
        month1 = month_number(g["m1"]) if "m1" in g else end.month
        year1 = int(g["y1"]) if "y1" in g else end.year
        day1 = day_number(start_groups["d"])
        start = _date(year1, month1, day1) if day1 else None
        if start is None:
            return None
        if start > end and "y1" not in g:
            start = _date(year1 - 1, month1, day1) if "m1" in g else None
            if start is None:
                return None
        return ref("day", start, end, relative=relative)

    if rule == "weekday_range":
        if pub is None:
            return unresolved("day")
        first = weekday_near(weekday_number(g["wd1"]), pub, None, ctx.tense)
        gap = (weekday_number(g["wd2"]) - first.weekday()) % 7
        return ref("day", first, first + dt.timedelta(days=gap), relative=True)

    if rule == "day_alone":
        day = day_number(g["d"])
        last = ctx.last if ctx.last and ctx.last.get("grain") in ("day", "month") else None
        anchor = dt.date.fromisoformat(last["earliest"]) if last else pub
        if anchor is None or day is None:
            return unresolved("day") if day else None
        month_start = anchor.replace(day=1)
        if not last and ctx.tense == "future" and day < anchor.day:
            month_start = _add_months(month_start, 1)  # "le 2", said on the 12th of a plan
        elif not last and ctx.tense == "past" and day > anchor.day:
            month_start = _add_months(month_start, -1)
        date = _date(month_start.year, month_start.month, day)
        return day_ref(date, True) if date else None

    if rule == "weekday_day":
        if pub is None:
            return unresolved("day")
        weekday, day = weekday_number(g["wd"]), day_number(g["d"])
        candidates = []
        for shift in range(-12, 13):
            first = _add_months(pub.replace(day=1), shift)
            d = _date(first.year, first.month, day or 0)
            if d and d.weekday() == weekday and not (
                    (ctx.tense == "past" and d > pub) or (ctx.tense == "future" and d < pub)):
                candidates.append(d)
        if not candidates:
            return None
        return day_ref(min(candidates, key=lambda d: (abs((d - pub).days), d > pub)), True)

    if rule in ("weekday", "weekday_abbreviated"):
        if pub is None:
            return unresolved("day")
        weekday = weekday_number(g["wd"])
        if "plus" in g:  # "lundi en huit": a week after the coming Monday; "en quinze": two
            weeks = 1 if g["plus"] in ("huit", "8") else 2
            coming = pub + dt.timedelta(days=(weekday - pub.weekday()) % 7)
            return day_ref(coming + dt.timedelta(weeks=weeks), True)
        if "wdir" in g or (m.extra.get("this_week")) or (
                "dir" not in g and re.search(r"semaine", text_of(m))):
            direction = _direction(g.get("wdir")) or 0
            monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=direction)
            return day_ref(monday + dt.timedelta(days=weekday), True)
        if _norm(g.get("ce", "")) == "ce" and "dir" not in g:
            monday = pub - dt.timedelta(days=pub.weekday())
            return day_ref(monday + dt.timedelta(days=weekday), True)
        direction = _direction(g.get("dir"))
        return day_ref(weekday_near(weekday, pub, direction, ctx.tense), True)

    if rule == "month_phrase" or rule == "month_alone":
        month = month_number(g["m"])
        assert month is not None
        if "y" in g:
            return month_ref(int(g["y"]), month)
        if pub is None:
            return unresolved("month")
        direction = _direction(g.get("dir"))
        tense = {-1: "past", 1: "future"}.get(direction or 0, ctx.tense)
        year = pick_month_year(month, pub, tense)
        if direction == -1 and (year, month) >= (pub.year, pub.month):
            year -= 1
        if direction == 1 and (year, month) <= (pub.year, pub.month):
            year += 1
        return month_ref(year, month, True)

    if rule == "month_range":
        m1, m2 = month_number(g["m1"]), month_number(g["m2"])
        assert m1 is not None and m2 is not None
        if "y" in g:
            year2, relative = int(g["y"]), False
        elif pub is None:
            return unresolved("month")
        else:
            year2, relative = pick_month_year(m2, pub, ctx.tense), True
        year1 = year2 if m1 <= m2 else year2 - 1
        return ref("month", dt.date(year1, m1, 1), dt.date(year2, m2, _last_day(year2, m2)),
                   relative=relative)

    if rule == "period_part":
        part = g["part"]
        if "m" in g:
            month = month_number(g["m"])
            assert month is not None
            if "y" in g:
                base, relative = month_ref(int(g["y"]), month), False
            elif pub is None:
                return unresolved("month")
            else:
                base, relative = month_ref(pick_month_year(month, pub, ctx.tense), month), True
        elif "y2" in g:
            base, relative = year_ref(int(g["y2"])), False
        else:
            if pub is None:
                return unresolved(None)
            unit = _norm(g["unit"])
            unit = {"l'année": "year", "l'an": "year", "année": "year", "la semaine": "week",
                    "semaine": "week", "mois": "month"}[unit]
            direction = _direction(g.get("dir")) or 0
            day = _shift_unit(pub, direction, unit)
            lo, hi = _unit_period(day, unit)
            part_lo, part_hi = _period_part(part, unit, lo, hi)
            if not g.get("dir") and ctx.tense == "future" and part_hi < pub:
                lo, hi = _unit_period(_shift_unit(pub, 1, unit), unit)  # the next one's
            elif not g.get("dir") and ctx.tense == "past" and part_lo > pub:
                lo, hi = _unit_period(_shift_unit(pub, -1, unit), unit)
            base, relative = ref(unit, lo, hi, relative=True), True
        earliest = dt.date.fromisoformat(base["earliest"])
        latest = dt.date.fromisoformat(base["latest"])
        lo, hi = _period_part(part, base["grain"], earliest, latest)
        out = dict(base)
        out.update(earliest=lo.isoformat(), latest=hi.isoformat(), relative=relative)
        return out

    if rule in ("year_phrase", "year_alone", "year_heading"):
        return year_ref(int(g["y"]))

    if rule == "decade":  # "les années 90": the 1990s; "les années 2000": 2000-2009
        digits = g["dec"]
        start = int(digits) if len(digits) == 4 else 1900 + int(digits)
        return ref("year", dt.date(start, 1, 1), dt.date(start + 9, 12, 31))

    if rule == "year_range":
        y1, y2 = int(g.get("y1") or g["y1b"]), int(g.get("y2") or g["y2b"])
        if y2 <= y1 or y2 - y1 > 100:
            return None
        return ref("year", dt.date(y1, 1, 1), dt.date(y2, 12, 31))

    if rule == "ordinal_in":
        return _ordinal_in(g, ctx)

    if rule == "season":
        return _season(g, ctx)

    if rule == "new_year":  # the year starting nearest the publication
        if pub is None:
            return unresolved("year")
        return year_ref(pub.year + (pub.month >= 7), relative=True)

    if rule == "weekend":
        if pub is None:
            return unresolved("day")
        direction = _direction(g.get("dir"))
        saturday = weekday_near(5, pub, direction, ctx.tense)
        if direction == -1 and pub.weekday() == 6:  # on a Sunday, "dernier" is the one before
            saturday -= dt.timedelta(weeks=1)
        return ref("day", saturday, saturday + dt.timedelta(days=1), relative=True)

    if rule == "deictic":
        word = _norm(g["w"])
        shift, part = (P.DEICTIC_DAYS[word], None) if word in P.DEICTIC_DAYS \
            else P.DEICTIC_PARTS[word]
        out = unresolved("day") if pub is None else day_ref(pub + dt.timedelta(days=shift), True)
        out["part_of_day"] = part
        return out

    if rule == "anaphoric":
        anchor = ctx.anchor()
        if anchor is None:
            return unresolved("day")
        shift = P.ANAPHORIC_DAYS[_norm(g["w"])]
        if shift > 0 and ctx.last and ctx.last.get("latest") and ctx.last.get("grain") == "day":
            anchor = dt.date.fromisoformat(ctx.last["latest"])
        return day_ref(anchor + dt.timedelta(days=shift), True)

    if rule == "holiday":
        if pub is None:
            return unresolved("day")
        month, day = P.HOLIDAYS[_norm(g["w"])]
        return day_ref(dt.date(pick_year(month, day, pub, ctx.tense), month, day), True)

    if rule in ("ago", "in", "later"):
        n = quantity(g["n"])
        unit = P.UNITS[_norm(g["unit"])]
        if n is None:
            return None
        sign = -1 if rule == "ago" or (
            rule == "later" and _norm(g["dir"]) in ("plus tôt", "auparavant", "avant")) else 1
        anchor = ctx.anchor() if rule == "later" else pub
        if anchor is None:
            return unresolved("day")
        day = _shift_unit(anchor, sign * n, unit)
        if unit == "year":  # "il y a deux ans": the month, no finer
            return ref("month", day.replace(day=1),
                       day.replace(day=_last_day(day.year, day.month)), relative=True)
        return day_ref(day, True)

    if rule == "last_n":
        n = quantity(g["n"])
        unit = P.UNITS[_norm(g["unit"])]
        direction = _direction(g.get("dir") or g.get("dir2"))
        if n is None or direction in (None, 0):
            return None
        if pub is None:
            return unresolved(unit)
        if direction < 0:
            lo = _unit_period(_shift_unit(pub, -n, unit), unit)[0]
            hi = _unit_period(_shift_unit(pub, -1, unit), unit)[1]
        else:
            lo = _unit_period(_shift_unit(pub, 1, unit), unit)[0]
            hi = _unit_period(_shift_unit(pub, n, unit), unit)[1]
        return ref(unit, lo, hi, relative=True)

    if rule == "period":
        unit = {"semaine": "week", "mois": "month", "année": "year", "an": "year"}[
            _norm(g["unit"])]
        if pub is None:
            return unresolved(unit)
        direction = _direction(g.get("dir")) or 0
        lo, hi = _unit_period(_shift_unit(pub, direction, unit), unit)
        return ref(unit, lo, hi, relative=True)

    return None


def _ordinal_in(g: dict[str, str], ctx: Context) -> dict[str, Any] | None:
    """ "le premier mercredi du mois prochain", "la dernière semaine de septembre 2014"."""
    pub = ctx.published
    if "m" in g:
        month = month_number(g["m"])
        assert month is not None
        if "y" in g:
            year, relative = int(g["y"]), False
        elif pub is None:
            return unresolved(None)
        else:
            year, relative = pick_month_year(month, pub, ctx.tense), True
    else:
        if pub is None:
            return unresolved(None)
        shifted = _add_months(pub.replace(day=1), _direction(g["mdir"]) or 0)
        year, month, relative = shifted.year, shifted.month, True
    last = _last_day(year, month)
    n = P.ORDINALS[_norm(g["ord"])]
    what = _norm(g["what"])
    if what == "jour":
        day = last if n < 0 else n
        return day_ref(dt.date(year, month, day), relative) if day <= last else None
    if what == "quinzaine":
        lo, hi = (1, 15) if n == 1 else (16, last) if n in (2, -1) else (0, 0)
        if not lo:
            return None
        return ref("day", dt.date(year, month, lo), dt.date(year, month, hi), relative=relative)
    if what == "semaine":  # weeks from Monday to Sunday lying wholly in the month
        first = dt.date(year, month, 1)
        monday = first + dt.timedelta(days=(7 - first.weekday()) % 7)
        mondays = []
        while (monday + dt.timedelta(days=6)).month == month:
            mondays.append(monday)
            monday += dt.timedelta(weeks=1)
        index = n - 1 if n > 0 else n
        if not -len(mondays) <= index < len(mondays):
            return None
        return week_ref(mondays[index], relative)
    weekday = weekday_number(what)
    days = [dt.date(year, month, d) for d in range(1, last + 1)
            if dt.date(year, month, d).weekday() == weekday]
    index = n - 1 if n > 0 else n
    return day_ref(days[index], relative) if -len(days) <= index < len(days) else None


def season_bounds(name: str, year: int) -> tuple[dt.date, dt.date]:
    """First and last day of a season starting in ``year`` (winter ends the year after)."""
    (m1, d1), (m2, d2) = P.SEASONS[name]
    return dt.date(year, m1, d1), dt.date(year + (m2 < m1), m2, d2)


def _season(g: dict[str, str], ctx: Context) -> dict[str, Any] | None:
    """ "cet été", "l'hiver dernier", "au printemps 2021": a month-grain period.

    With a year, the season starting that year ("l'hiver 2022" runs into 2023).
    Otherwise a season under way is the current one; "ce"/"cet" is this
    year's; "dernier" the last one over, "prochain" the next to start; with
    none of these, the next one under a future tense, else the last one over.
    """
    name = _norm(g["season"])
    if "y" in g:
        lo, hi = season_bounds(name, int(g["y"]))
        return ref("month", lo, hi)
    pub = ctx.published
    if pub is None:
        return unresolved("month")
    seasons = [season_bounds(name, y) for y in range(pub.year - 2, pub.year + 2)]
    current = next(((lo, hi) for lo, hi in seasons if lo <= pub <= hi), None)
    direction = _direction(g.get("dir"))
    if direction == -1:
        lo, hi = [s for s in seasons if s[1] < pub][-1]
    elif direction == 1:
        lo, hi = next(s for s in seasons if s[0] > pub)
    elif current:
        lo, hi = current
    elif _norm(g["det"]) in ("ce", "cet"):
        lo, hi = season_bounds(name, pub.year)
    elif ctx.tense == "future":
        lo, hi = next(s for s in seasons if s[0] > pub)
    else:
        lo, hi = [s for s in seasons if s[1] < pub][-1]
    return ref("month", lo, hi, relative=True)


def text_of(m: Match) -> str:
    return m.extra.get("text", "")


def _extend(text: str, m: Match, out: dict[str, Any], ctx: Context) -> dict[str, Any]:
    """Take in what surrounds a date: part of day, time, "le lendemain du", "la semaine du"."""
    before = PREFIX_RE.search(text[max(0, m.start - 40): m.start])
    if before:
        m.start -= len(before.group(0))
        if before.group("pod"):
            out["part_of_day"] = P.PARTS_OF_DAY[_norm(before.group("pod"))]
        elif before.group("shift") and out.get("earliest"):
            shift = P.ANAPHORIC_DAYS.get(_norm(before.group("shift")), 0)
            base = dt.date.fromisoformat(out["earliest"])
            out = {**day_ref(base + dt.timedelta(days=shift), out["relative"]),
                   "part_of_day": out.get("part_of_day")}
        elif before.group("week") and out.get("earliest"):
            out = week_ref(dt.date.fromisoformat(out["earliest"]), out["relative"])
    after = SUFFIX_RE.match(text[m.end: m.end + 60])
    if after and out.get("grain") in ("day", None):
        m.end += len(after.group(0))
        if after.group("pod"):
            out["part_of_day"] = P.PARTS_OF_DAY[_norm(after.group("pod"))]
        elif after.group("h") and not out.get("part_of_day"):
            out["part_of_day"] = _part_of_hour(int(after.group("h")))
    return out


def _part_of_hour(hour: int) -> str:
    if 5 <= hour < 12:
        return "matin"
    if 12 <= hour < 14:
        return "midi"
    if 14 <= hour < 18:
        return "après-midi"
    if 18 <= hour < 23:
        return "soir"
    return "nuit"


def find_dates(text: str, published: dt.date | None, tense_at: TenseAt | None = None,
               whole: bool = False) -> list[dict[str, Any]]:
    """Every date expression of ``text`` as TimeRef dicts with ``start``/``end``.

    ``tense_at(start, end)`` gives the tense around a date ("past", "future",
    "present" or None); by default it is read from the sentence's cue words.
    """
    tense_at = tense_at or (lambda start, end: _cue_tense(text, start))
    ctx = Context(published)
    dates: list[dict[str, Any]] = []
    for m in find_matches(text, whole=whole):
        m.extra["text"] = text[m.start: m.end]
        ctx.tense = tense_at(m.start, m.end)
        out = resolve(m, ctx)
        if out is None:
            continue
        if not whole:
            out = _extend(text, m, out, ctx)
        out["start"], out["end"] = m.start, m.end
        while dates and dates[-1]["end"] > m.start:  # taken into this one's prefix
            dates.pop()
        if dates and dates[-1].get("value") is not None:
            ctx.last = dates[-1]
        dates.append(out)
        if out.get("value") is not None:
            ctx.last = out
    if not whole:
        _attach_times(text, dates)
    return dates


def _attach_times(text: str, dates: list[dict[str, Any]]) -> None:
    """Give a time alone ("se sont rassemblés à 13 h") as part of day to the
    nearest day of its sentence that has none; a time is never a date itself."""
    for m in TIME_RE.finditer(text):
        if any(d["start"] <= m.start() < d["end"] for d in dates):
            continue  # already the detail of a date ("le 6 janvier à 13 h")
        sentence = _sentence_bounds(text, m.start())
        near = [d for d in dates if d["grain"] == "day" and not d["part_of_day"]
                and sentence[0] <= d["start"] < sentence[1]]
        if near:
            nearest = min(near, key=lambda d: min(abs(d["start"] - m.end()),
                                                  abs(m.start() - d["end"])))
            nearest["part_of_day"] = _part_of_hour(int(m.group("h")))


_SENTENCE_END = re.compile(r"[.!?]\s|\n")


def _sentence_bounds(text: str, offset: int) -> tuple[int, int]:
    """Start and end of the sentence around ``offset``, by punctuation and line breaks."""
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, offset)]
    end_match = _SENTENCE_END.search(text, offset)
    return (starts[-1] if starts else 0), (end_match.start() if end_match else len(text))


def _cue_tense(text: str, offset: int) -> Tense:
    """The tense of the sentence around ``offset`` from cue words ("sera", "prévu")."""
    start, end = _sentence_bounds(text, offset)
    return cue_tense(text[start:end])


def cue_tense(sentence: str) -> Tense:
    """Future when the sentence has a future cue and no compound past, else None.

    >>> cue_tense("Le sommet aura lieu vendredi.")
    'future'
    >>> cue_tense("Il a déclaré vendredi qu'il va partir.") is None
    True
    """
    if FUTURE_RE.search(sentence) and not PAST_RE.search(sentence):
        return "future"
    return None
