"""Calendar arithmetic for the date resolver: words to numbers, periods, year choice.

The pieces ``resolve`` composes: reading a day, month or quantity; building
TimeRef dicts at a grain; choosing the year of a yearless date or the day of a
bare weekday from the publication date and the tense. Nothing here reads text
beyond a single word, and nothing looks at today's date.

>>> import datetime as dt
>>> pick_year(12, 28, dt.date(2022, 1, 11), None)   # "le 28 décembre", read in January
2021
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from kzevents.pipes.dates import patterns as P

Tense = str | None  # "past", "future", "present" (a present verb alone) or None
_FUTURE_YEAR_GAP = 9  # months: a yearless date further ahead than this is last year's


# ---------------------------------------------------------------- small readers

def norm(word: str) -> str:
    return re.sub(r"\s+", " ", word.lower().replace("’", "'")).strip()


def day_number(text: str) -> int | None:
    """1er -> 1, "treize" -> 13, "15e" -> 15."""
    word = norm(text)
    if word in P.NUMBER_WORDS:
        return P.NUMBER_WORDS[word]
    digits = re.match(r"\d+", word)
    return int(digits.group()) if digits else None


def weekday_number(text: str) -> int:
    """lundi -> 0, "ven." -> 4, "dim" -> 6."""
    word = norm(text)
    word = word.rstrip(",").strip()
    abbreviation = word if word.endswith(".") else word + "."  # "dim" as "dim."
    return P.WEEKDAYS.get(word, P.WEEKDAY_ABBREVIATIONS.get(abbreviation, 0))


def month_number(text: str) -> int | None:
    word = norm(text).rstrip(".")
    return P.MONTHS.get(word) or P.MONTH_ABBREVIATIONS.get(word)


def quantity(text: str) -> int | None:
    word = norm(text)
    if word == "quelques":
        return 3
    if word in P.APPROXIMATE_QUANTITIES:
        return P.APPROXIMATE_QUANTITIES[word]
    if word.isdigit():
        return int(word)
    return P.NUMBER_WORDS.get(word)


def unit_grain(text: str) -> str:
    """ "jours" -> "day", "la semaine" -> "week", "l'année" -> "year"."""
    return P.UNITS[re.sub(r"^(?:l'|la )", "", norm(text))]


def full_year(text: str) -> int:
    """'74 -> 1974, 14 -> 2014: two-digit years within 50 years either side of 2000."""
    digits = int(text.strip("'’"))
    if len(text.strip("'’")) == 4:
        return digits
    return 2000 + digits if digits < 50 else 1900 + digits


def make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, last_day(year, month + 1)))


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
    return ref("month", *unit_period(dt.date(year, month, 1), "month"), relative=relative)


def year_ref(year: int, relative: bool = False) -> dict[str, Any]:
    return ref("year", *unit_period(dt.date(year, 1, 1), "year"), relative=relative)


def week_ref(day: dt.date, relative: bool = False) -> dict[str, Any]:
    return ref("week", *unit_period(day, "week"), relative=relative)


# ---------------------------------------------------------------- year and day choice

def pick_year(month: int, day: int, published: dt.date, tense: Tense) -> int:
    """The year of a yearless date: the publication's, moved by the tense.

    A past tense puts a date after publication in the year before, a future
    tense puts a date before publication in the year after; with no tense, a
    date more than nine months ahead is taken as last year's ("le 28 décembre"
    in January).
    """
    year = published.year
    candidate = make_date(year, month, min(day, last_day(year, month)))
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


def year_from_weekday(month: int, day: int, weekday: int, published: dt.date,
                      tense: Tense) -> int:
    """The year in which ``day month`` falls on ``weekday``, nearest the publication."""
    default = pick_year(month, day, published, tense)
    years = [y for y in range(default - 6, default + 7)
             if (d := make_date(y, month, day)) is not None and d.weekday() == weekday]
    if not years:
        return default
    return min(years, key=lambda y: (abs(y - default), y > default))


def weekday_near(weekday: int, published: dt.date, direction: int | None, tense: Tense
                 ) -> dt.date:
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


# ---------------------------------------------------------------- periods

def period_part(part: str, grain: str, earliest: dt.date, latest: dt.date
                 ) -> tuple[dt.date, dt.date]:
    """début / mi / fin of a period: its first, middle or last part."""
    part = P.PERIOD_PARTS[norm(part)]
    if grain == "month":
        last = latest.day
        bounds = {"begin": (1, 10), "mid": (10, 20), "end": (21, last)}[part]
        return earliest.replace(day=bounds[0]), earliest.replace(day=bounds[1])
    if grain == "year":
        bounds = {"begin": (1, 2), "mid": (6, 7), "end": (11, 12)}[part]
        return (dt.date(earliest.year, bounds[0], 1),
                dt.date(earliest.year, bounds[1], last_day(earliest.year, bounds[1])))
    days = {"begin": (0, 1), "mid": (2, 3), "end": (3, 6)}[part]  # week
    return earliest + dt.timedelta(days=days[0]), earliest + dt.timedelta(days=days[1])


def shift_unit(day: dt.date, n: int, unit: str) -> dt.date:
    if unit == "day":
        return day + dt.timedelta(days=n)
    if unit == "week":
        return day + dt.timedelta(weeks=n)
    if unit == "month":
        return add_months(day, n)
    return add_months(day, 12 * n)


def unit_period(day: dt.date, unit: str) -> tuple[dt.date, dt.date]:
    """The day, week, month or year containing ``day``."""
    if unit == "day":
        return day, day
    if unit == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return monday, monday + dt.timedelta(days=6)
    if unit == "month":
        return day.replace(day=1), day.replace(day=last_day(day.year, day.month))
    return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)


def direction_of(word: str | None) -> int | None:
    if not word:
        return None
    return P.DIRECTIONS.get(norm(word).rstrip("s") if norm(word) not in P.DIRECTIONS
                            else norm(word))


def part_of_hour(hour: int) -> str:
    if 5 <= hour < 12:
        return "matin"
    if 12 <= hour < 14:
        return "midi"
    if 14 <= hour < 18:
        return "après-midi"
    if 18 <= hour < 23:
        return "soir"
    return "nuit"


def season_bounds(name: str, year: int) -> tuple[dt.date, dt.date]:
    """First and last day of a season starting in ``year`` (winter ends the year after)."""
    (m1, d1), (m2, d2) = P.SEASONS[name]
    return dt.date(year, m1, d1), dt.date(year + (m2 < m1), m2, d2)
