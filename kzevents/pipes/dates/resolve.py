"""Resolve one date match to a TimeRef dict: one small function per rule of ``patterns``.

``resolve(match, context)`` reads the groups a rule captured and the context
(publication date, tense, last date of the text) and returns the TimeRef dict
without offsets, or None when the match is no date after all ("31 février").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kzevents.pipes.dates import patterns as P
from kzevents.pipes.dates.periods import (
    Tense,
    add_months,
    day_number,
    day_ref,
    direction_of,
    full_year,
    last_day,
    make_date,
    month_number,
    month_ref,
    norm,
    period_part,
    pick_month_year,
    pick_year,
    quantity,
    ref,
    season_bounds,
    shift_unit,
    unit_grain,
    unit_period,
    unresolved,
    week_ref,
    weekday_near,
    weekday_number,
    year_from_weekday,
    year_ref,
)


@dataclass
class Match:
    """A pattern match: where, which rule, what its groups captured."""

    start: int
    end: int
    rule: str
    groups: dict[str, str]
    text: str = ""


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


def _day_and_month(groups: dict[str, str], ctx: Context, default_month: int | None = None
                   ) -> tuple[dt.date | None, bool] | None:
    """A day from the groups d, m (else ``default_month``), y or yy, wd:
    (date or None when unanchored, relative?)."""
    day = day_number(groups["d"])
    month = month_number(groups["m"]) if "m" in groups else default_month
    if day is None or month is None or not 1 <= day <= 31:
        return None
    if "y" in groups or "yy" in groups:
        year = full_year(groups.get("y") or groups["yy"])
    else:
        if ctx.published is None:
            return (None, True) if make_date(2000, month, day) else None
        if "wd" in groups:
            year = year_from_weekday(month, day, weekday_number(groups["wd"]),
                                     ctx.published, ctx.tense)
        else:
            year = pick_year(month, day, ctx.published, ctx.tense)
        date = make_date(year, month, day)
        return (date, True) if date else None
    date = make_date(year, month, day)
    return (date, False) if date else None


def resolve(m: Match, ctx: Context) -> dict[str, Any] | None:
    """The TimeRef dict of one match (no offsets), or None when it is no date."""
    return RESOLVERS[m.rule](m, ctx)


def _resolve_day_month(m: Match, ctx: Context) -> dict[str, Any] | None:
    """ "le 7 janvier", "vendredi 7 janvier 2022", "11/01/2022": one day."""
    g = m.groups
    if "wd0" in g:  # "dimanche 7/12": the weekday without "le"
        g = {("wd" if k == "wd0" else k): v for k, v in g.items()}
    month = None
    if m.rule.startswith("numeric"):  # the month is a number: "11/01/2022"
        month = int(g["m"])
        if not 1 <= month <= 12:
            return None
        g = {k: v for k, v in g.items() if k != "m"}
    direction = direction_of(g.get("dir"))
    if direction:  # "le 8 mars dernier": before publication, whatever the tense
        ctx = Context(ctx.published, "past" if direction < 0 else "future", ctx.last)
    got = _day_and_month(g, ctx, default_month=month)
    if got is None:
        return None
    date, relative = got
    if date is None:
        return unresolved("day")
    return day_ref(date, relative)  # a wrong weekday beside a full date: the date wins


def _resolve_day_range(m: Match, ctx: Context) -> dict[str, Any] | None:
    """ "du 2 au 5 janvier", "les 3 et 4 janvier", "du 13 au 18": first day to last."""
    g = m.groups
    pub = ctx.published
    rule = m.rule
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
    month1 = month_number(g["m1"]) if "m1" in g else end.month
    year1 = int(g["y1"]) if "y1" in g else end.year
    day1 = day_number(g["d1"])
    start = make_date(year1, month1, day1) if day1 else None
    if start is None:
        return None
    if start > end and "y1" not in g:
        start = make_date(year1 - 1, month1, day1) if "m1" in g else None
        if start is None:
            return None
    return ref("day", start, end, relative=relative)


def _resolve_weekday_range(m: Match, ctx: Context) -> dict[str, Any] | None:
    """ "de mardi à jeudi": the days from the first weekday to the second."""
    g = m.groups
    pub = ctx.published
    if pub is None:
        return unresolved("day")
    first = weekday_near(weekday_number(g["wd1"]), pub, None, ctx.tense)
    gap = (weekday_number(g["wd2"]) - first.weekday()) % 7
    return ref("day", first, first + dt.timedelta(days=gap), relative=True)


def _resolve_day_alone(m: Match, ctx: Context) -> dict[str, Any] | None:
    """ "le 16": in the month of the last date, else of publication (moved by the tense)."""
    g = m.groups
    pub = ctx.published
    day = day_number(g["d"])
    last = ctx.last if ctx.last and ctx.last.get("grain") in ("day", "month") else None
    anchor = dt.date.fromisoformat(last["earliest"]) if last else pub
    if anchor is None or day is None:
        return unresolved("day") if day else None
    month_start = anchor.replace(day=1)
    if not last and ctx.tense == "future" and day < anchor.day:
        month_start = add_months(month_start, 1)  # "le 2", said on the 12th of a plan
    elif not last and ctx.tense == "past" and day > anchor.day:
        month_start = add_months(month_start, -1)
    date = make_date(month_start.year, month_start.month, day)
    return day_ref(date, True) if date else None


def _resolve_weekday_day(m: Match, ctx: Context) -> dict[str, Any] | None:
    """ "mercredi 13": the nearest month where the 13th is a Wednesday (on the tense's side)."""
    g = m.groups
    pub = ctx.published
    if pub is None:
        return unresolved("day")
    weekday, day = weekday_number(g["wd"]), day_number(g["d"])
    candidates = []
    for shift in range(-12, 13):
        first = add_months(pub.replace(day=1), shift)
        d = make_date(first.year, first.month, day or 0)
        if d and d.weekday() == weekday and not (
                (ctx.tense == "past" and d > pub) or (ctx.tense == "future" and d < pub)):
            candidates.append(d)
    if not candidates:
        return None
    return day_ref(min(candidates, key=lambda d: (abs((d - pub).days), d > pub)), True)


def _resolve_weekday(m: Match, ctx: Context) -> dict[str, Any] | None:
    """ "mercredi", "vendredi dernier", "lundi de la semaine prochaine", "lundi en huit"."""
    g = m.groups
    pub = ctx.published
    if pub is None:
        return unresolved("day")
    weekday = weekday_number(g["wd"])
    if "plus" in g:  # "lundi en huit": a week after the coming Monday; "en quinze": two
        weeks = 1 if g["plus"] in ("huit", "8") else 2
        coming = pub + dt.timedelta(days=(weekday - pub.weekday()) % 7)
        return day_ref(coming + dt.timedelta(weeks=weeks), True)
    if "wdir" in g or ("dir" not in g and "semaine" in m.text.lower()):
        direction = direction_of(g.get("wdir")) or 0
        monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=direction)
        return day_ref(monday + dt.timedelta(days=weekday), True)
    if norm(g.get("ce", "")) == "ce" and "dir" not in g:
        monday = pub - dt.timedelta(days=pub.weekday())
        return day_ref(monday + dt.timedelta(days=weekday), True)
    direction = direction_of(g.get("dir"))
    return day_ref(weekday_near(weekday, pub, direction, ctx.tense), True)


def _resolve_month_phrase(m: Match, ctx: Context) -> dict[str, Any] | None:
    """ "en juillet 2016", "depuis mars", "septembre dernier": a month."""
    g = m.groups
    pub = ctx.published
    month = month_number(g["m"])
    assert month is not None
    if "y" in g:
        return month_ref(int(g["y"]), month)
    if pub is None:
        return unresolved("month")
    direction = direction_of(g.get("dir"))
    tense = {-1: "past", 1: "future"}.get(direction or 0, ctx.tense)
    year = pick_month_year(month, pub, tense)
    if direction == -1 and (year, month) >= (pub.year, pub.month):
        year -= 1
    if direction == 1 and (year, month) <= (pub.year, pub.month):
        year += 1
    return month_ref(year, month, True)


def _resolve_month_range(m: Match, ctx: Context) -> dict[str, Any] | None:
    """ "de mai à juillet 2021", "mars-avril": months from the first to the last."""
    g = m.groups
    pub = ctx.published
    m1, m2 = month_number(g["m1"]), month_number(g["m2"])
    assert m1 is not None and m2 is not None
    if "y" in g:
        year2, relative = int(g["y"]), False
    elif pub is None:
        return unresolved("month")
    else:
        year2, relative = pick_month_year(m2, pub, ctx.tense), True
    year1 = year2 if m1 <= m2 else year2 - 1
    return ref("month", dt.date(year1, m1, 1), dt.date(year2, m2, last_day(year2, m2)),
               relative=relative)


def _resolve_period_part(m: Match, ctx: Context) -> dict[str, Any] | None:
    """ "début janvier", "mi-février", "fin 2021", "en fin de mois": part of a period."""
    g = m.groups
    pub = ctx.published
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
        unit = unit_grain(g["unit"])
        direction = direction_of(g.get("dir")) or 0
        day = shift_unit(pub, direction, unit)
        lo, hi = unit_period(day, unit)
        part_lo, part_hi = period_part(part, unit, lo, hi)
        if not g.get("dir") and ctx.tense == "future" and part_hi < pub:
            lo, hi = unit_period(shift_unit(pub, 1, unit), unit)  # the next one's
        elif not g.get("dir") and ctx.tense == "past" and part_lo > pub:
            lo, hi = unit_period(shift_unit(pub, -1, unit), unit)
        base, relative = ref(unit, lo, hi, relative=True), True
    earliest = dt.date.fromisoformat(base["earliest"])
    latest = dt.date.fromisoformat(base["latest"])
    lo, hi = period_part(part, base["grain"], earliest, latest)
    out = dict(base)
    out.update(earliest=lo.isoformat(), latest=hi.isoformat(), relative=relative)
    return out


def _resolve_year_phrase(m: Match, ctx: Context) -> dict[str, Any] | None:
    """ "en 2023", "2023" alone, "1991 :" heading a chronology line: a year."""
    g = m.groups
    return year_ref(int(g["y"]))


def _resolve_era_year(m: Match, ctx: Context) -> dict[str, Any] | None:
    """ "en 52 av. J.-C.", "le 15 mars 44 av. J.-C.", "en 476 apr. J.-C.".

    After the common era: an ordinary year, month or day. Before it: the
    ISO 8601 astronomical year (1 av. J.-C. is year 0, 52 av. J.-C. "-0051")
    as value, cut to the grain, and no earliest/latest, which Python dates
    cannot hold.
    """
    g = m.groups
    year = int(g["y"])
    month = month_number(g.get("m") or g.get("m2") or "")
    day = day_number(g["d"]) if "d" in g else None
    if "ce" in g:
        if day:
            date = make_date(year, month or 0, day) if month else None
            return day_ref(date) if date else None
        return month_ref(year, month) if month else year_ref(year)
    astronomical = 1 - year
    sign = "-" if astronomical < 0 else ""
    value = f"{sign}{abs(astronomical):04d}"
    grain = "year"
    if month:
        if day and not 1 <= day <= 31:
            return None
        value, grain = f"{value}-{month:02d}", "month"
        if day:
            value, grain = f"{value}-{day:02d}", "day"
    return {"value": value, "grain": grain, "earliest": None, "latest": None,
            "relative": False, "part_of_day": None}


def _resolve_decade(m: Match, ctx: Context) -> dict[str, Any] | None:
    """ "les années 90": the 1990s; "les années 2000": 2000-2009."""
    g = m.groups
    digits = g["dec"]
    start = int(digits) if len(digits) == 4 else 1900 + int(digits)
    return ref("year", dt.date(start, 1, 1), dt.date(start + 9, 12, 31))


def _resolve_year_range(m: Match, ctx: Context) -> dict[str, Any] | None:
    """ "entre 1990 et 1999", "1982-1990": years from the first to the last."""
    g = m.groups
    y1, y2 = int(g.get("y1") or g["y1b"]), int(g.get("y2") or g["y2b"])
    if y2 <= y1 or y2 - y1 > 100:
        return None
    return ref("year", dt.date(y1, 1, 1), dt.date(y2, 12, 31))


def _resolve_new_year(m: Match, ctx: Context) -> dict[str, Any] | None:
    """ "la nouvelle année": the year starting nearest the publication."""
    pub = ctx.published
    if pub is None:
        return unresolved("year")
    return year_ref(pub.year + (pub.month >= 7), relative=True)


def _resolve_weekend(m: Match, ctx: Context) -> dict[str, Any] | None:
    """ "ce week-end", "le week-end dernier": Saturday and Sunday."""
    g = m.groups
    pub = ctx.published
    if pub is None:
        return unresolved("day")
    direction = direction_of(g.get("dir"))
    saturday = weekday_near(5, pub, direction, ctx.tense)
    if direction == -1 and pub.weekday() == 6:  # on a Sunday, "dernier" is the one before
        saturday -= dt.timedelta(weeks=1)
    return ref("day", saturday, saturday + dt.timedelta(days=1), relative=True)


def _resolve_deictic(m: Match, ctx: Context) -> dict[str, Any] | None:
    """ "hier", "aujourd'hui", "ce soir", "actuellement": from the publication date."""
    g = m.groups
    pub = ctx.published
    word = norm(g["w"])
    shift, part = (P.DEICTIC_DAYS[word], None) if word in P.DEICTIC_DAYS \
        else P.DEICTIC_PARTS[word]
    out = unresolved("day") if pub is None else day_ref(pub + dt.timedelta(days=shift), True)
    out["part_of_day"] = part
    return out


def _resolve_anaphoric(m: Match, ctx: Context) -> dict[str, Any] | None:
    """ "la veille", "le lendemain", "le jour même": from the last date of the text."""
    g = m.groups
    anchor = ctx.anchor()
    if anchor is None:
        return unresolved("day")
    shift = P.ANAPHORIC_DAYS[norm(g["w"])]
    if shift > 0 and ctx.last and ctx.last.get("latest") and ctx.last.get("grain") == "day":
        anchor = dt.date.fromisoformat(ctx.last["latest"])
    return day_ref(anchor + dt.timedelta(days=shift), True)


def _resolve_holiday(m: Match, ctx: Context) -> dict[str, Any] | None:
    """ "Noël", "la Toussaint": a fixed day, its year chosen like a yearless date."""
    g = m.groups
    pub = ctx.published
    if pub is None:
        return unresolved("day")
    month, day = P.HOLIDAYS[norm(g["w"])]
    return day_ref(dt.date(pick_year(month, day, pub, ctx.tense), month, day), True)


def _resolve_offset(m: Match, ctx: Context) -> dict[str, Any] | None:
    """ "il y a cinq jours", "dans deux semaines", "trois jours plus tard": a shifted day."""
    g = m.groups
    pub = ctx.published
    rule = m.rule
    n = quantity(g["n"])
    unit = unit_grain(g["unit"])
    if n is None:
        return None
    sign = -1 if rule == "ago" or (
        rule == "later" and norm(g["dir"]) in ("plus tôt", "auparavant", "avant")) else 1
    anchor = ctx.anchor() if rule == "later" else pub
    if anchor is None:
        return unresolved("day")
    day = shift_unit(anchor, sign * n, unit)
    if unit == "year":  # "il y a deux ans": the month, no finer
        return ref("month", day.replace(day=1),
                   day.replace(day=last_day(day.year, day.month)), relative=True)
    return day_ref(day, True)


def _resolve_last_n(m: Match, ctx: Context) -> dict[str, Any] | None:
    """ "les trois derniers jours", "les 2 prochaines semaines": n whole units."""
    g = m.groups
    pub = ctx.published
    n = quantity(g["n"])
    unit = unit_grain(g["unit"])
    direction = direction_of(g.get("dir") or g.get("dir2"))
    if n is None or direction in (None, 0):
        return None
    if pub is None:
        return unresolved(unit)
    if direction < 0:
        lo = unit_period(shift_unit(pub, -n, unit), unit)[0]
        hi = unit_period(shift_unit(pub, -1, unit), unit)[1]
    else:
        lo = unit_period(shift_unit(pub, 1, unit), unit)[0]
        hi = unit_period(shift_unit(pub, n, unit), unit)[1]
    return ref(unit, lo, hi, relative=True)


def _resolve_period(m: Match, ctx: Context) -> dict[str, Any] | None:
    """ "la semaine dernière", "cette année", "le mois prochain": one whole unit."""
    g = m.groups
    pub = ctx.published
    unit = unit_grain(g["unit"])
    if pub is None:
        return unresolved(unit)
    direction = direction_of(g.get("dir")) or 0
    lo, hi = unit_period(shift_unit(pub, direction, unit), unit)
    return ref(unit, lo, hi, relative=True)


def _resolve_ordinal_in(m: Match, ctx: Context) -> dict[str, Any] | None:
    """ "le premier mercredi du mois prochain", "la dernière semaine de septembre 2014"."""
    g = m.groups
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
        shifted = add_months(pub.replace(day=1), direction_of(g["mdir"]) or 0)
        year, month, relative = shifted.year, shifted.month, True
    last = last_day(year, month)
    n = P.ORDINALS[norm(g["ord"])]
    what = norm(g["what"])
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


def _resolve_season(m: Match, ctx: Context) -> dict[str, Any] | None:
    """ "cet été", "l'hiver dernier", "au printemps 2021": a month-grain period.

    With a year, the season starting that year ("l'hiver 2022" runs into 2023).
    Otherwise a season under way is the current one; "ce"/"cet" is this
    year's; "dernier" the last one over, "prochain" the next to start; with
    none of these, the next one under a future tense, else the last one over.
    """
    g = m.groups
    name = norm(g["season"])
    if "y" in g:
        lo, hi = season_bounds(name, int(g["y"]))
        return ref("month", lo, hi)
    pub = ctx.published
    if pub is None:
        return unresolved("month")
    seasons = [season_bounds(name, y) for y in range(pub.year - 2, pub.year + 2)]
    current = next(((lo, hi) for lo, hi in seasons if lo <= pub <= hi), None)
    direction = direction_of(g.get("dir"))
    if direction == -1:
        lo, hi = [s for s in seasons if s[1] < pub][-1]
    elif direction == 1:
        lo, hi = next(s for s in seasons if s[0] > pub)
    elif current:
        lo, hi = current
    elif norm(g["det"]) in ("ce", "cet"):
        lo, hi = season_bounds(name, pub.year)
    elif ctx.tense == "future":
        lo, hi = next(s for s in seasons if s[0] > pub)
    else:
        lo, hi = [s for s in seasons if s[1] < pub][-1]
    return ref("month", lo, hi, relative=True)


# rule of ``patterns.RULES`` -> its resolver
RESOLVERS: dict[str, Callable[[Match, Context], dict[str, Any] | None]] = {
    "day_month": _resolve_day_month,
    "numeric_full": _resolve_day_month,
    "numeric_iso": _resolve_day_month,
    "numeric_short": _resolve_day_month,
    "numeric_spaced": _resolve_day_month,
    "numeric_dashed": _resolve_day_month,
    "day_range": _resolve_day_range,
    "day_range_no_month": _resolve_day_range,
    "weekday_range": _resolve_weekday_range,
    "day_alone": _resolve_day_alone,
    "weekday_day": _resolve_weekday_day,
    "weekday": _resolve_weekday,
    "weekday_abbreviated": _resolve_weekday,
    "month_phrase": _resolve_month_phrase,
    "month_alone": _resolve_month_phrase,
    "month_range": _resolve_month_range,
    "period_part": _resolve_period_part,
    "year_phrase": _resolve_year_phrase,
    "year_alone": _resolve_year_phrase,
    "year_heading": _resolve_year_phrase,
    "decade": _resolve_decade,
    "era_year": _resolve_era_year,
    "year_range": _resolve_year_range,
    "ordinal_in": _resolve_ordinal_in,
    "season": _resolve_season,
    "new_year": _resolve_new_year,
    "weekend": _resolve_weekend,
    "deictic": _resolve_deictic,
    "anaphoric": _resolve_anaphoric,
    "holiday": _resolve_holiday,
    "ago": _resolve_offset,
    "in": _resolve_offset,
    "later": _resolve_offset,
    "last_n": _resolve_last_n,
    "period": _resolve_period,
}
