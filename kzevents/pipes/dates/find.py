"""Find French date expressions in a text and resolve them to TimeRef dicts.

Pure Python over the regexes of ``patterns``: no spaCy needed, so
``kzevents.parse_date`` runs without a model. The component passes the tense
around each date; the resolver itself never looks at today's date.

>>> import datetime as dt
>>> [d["value"] for d in find_dates("Vendredi 7 janvier, puis la veille.", dt.date(2022, 1, 11))]
['2022-01-07', '2022-01-06']
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from kzevents.pipes.dates import patterns as P
from kzevents.pipes.dates.periods import Tense, day_ref, norm, part_of_hour, week_ref
from kzevents.pipes.dates.resolve import Context, Match, resolve
from kzevents.pipes.dates.scan import Anchors
from kzevents.pipes.dates.scan import finditer as anchored_finditer

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
# Patterns anchored at a match look this many characters around it, not the whole
# text: reading the whole text for every match made long texts quadratic.
_LOOK_BACK = 200
_PLURAL_AFTER = re.compile(r"\s+([a-zàâäéèêëîïôöùûüç'-]+[sx])\b", _FLAGS)


def find_matches(text: str, whole: bool = False, anchors: Anchors | None = None) -> list[Match]:
    """Non-overlapping matches of every rule, the longest first where they overlap.

    ``whole``: the text is one date expression (``parse_date``), so rules
    that are too ambiguous inside running text (a bare year, a bare month,
    "17 02") are tried too, and only a match covering the text counts.
    ``anchors``: the text's ``Anchors`` when the caller has them already.
    """
    found: list[Match] = []
    anchors = anchors or Anchors(text)
    for name, (regex, whole_only) in COMPILED.items():
        if whole_only and not whole:
            continue
        # in running text, each rule only around its anchor words (same matches)
        anchor = None if whole else P.ANCHORS.get(name)
        for m in anchored_finditer(regex, text, anchors, anchor):
            if m.end() <= m.start():
                continue
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            found.append(Match(m.start(), m.end(), name, groups, m.group(0)))
    if whole:
        stripped = text.strip()
        lead = len(text) - len(text.lstrip())
        found = [m for m in found
                 if m.start == lead and m.end == lead + len(stripped)]
    found.sort(key=lambda m: (-(m.end - m.start), m.start))
    chosen: list[Match] = []
    # the chosen spans never overlap: kept in text order, a new one need only be
    # compared with the last that starts before its end (their ends are in order too)
    starts: list[int] = []
    ends: list[int] = []
    for m in found:
        k = bisect_left(starts, m.end)
        if (k == 0 or ends[k - 1] <= m.start) and _plausible(text, m, whole):
            chosen.append(m)
            starts.insert(k, m.start)
            ends.insert(k, m.end)
    chosen.sort(key=lambda m: m.start)
    return chosen


def _plausible(text: str, m: Match, whole: bool) -> bool:
    """Reject matches that are counts or names rather than dates."""
    if whole:
        return True
    if m.rule in ("year_phrase", "year_range"):
        if _COUNT_BEFORE.search(text, max(0, m.start - _LOOK_BACK), m.start):
            return False
        after = _PLURAL_AFTER.match(text, m.end)
        if after and norm(after.group(1)) not in P.YEAR_FOLLOWERS_OK:
            return False
    if m.rule == "weekday_day":
        after = _PLURAL_AFTER.match(text, m.end)
        if after and norm(after.group(1)) not in P.YEAR_FOLLOWERS_OK:
            return False  # "a fait libérer samedi 14 détenus": a weekday, then a count
    if m.rule == "month_phrase" and not (m.groups.keys() & {"prep", "y", "dir"}):
        # a month alone in running text only in lower case ("Mars" may be the planet)
        return m.groups["m"].islower()
    if m.rule == "day_range" and "m1" in m.groups and norm(m.groups["conn"]).startswith("et") \
            and not norm(m.groups.get("pre", "")).startswith("entre"):
        return False  # "le 30 juin et le 7 juillet": two dates, unless "entre ... et"
    if m.rule == "month_phrase" and m.groups.get("prep", "").lower() in ("de", "d'", "d’"):
        # "les émeutes de janvier"; a capital ("la révolution d'Octobre", "de Mars")
        # only when a year or direction follows, or "fin de mars".
        before = text[max(0, m.start - _LOOK_BACK) : m.start].rstrip().lower()
        if not (m.groups.keys() & {"y", "dir"}) and not m.groups["m"].islower() and not re.search(
                r"(?:mois|fin|début|milieu|mi|courant|depuis|partir)$", before):
            return False
    if m.rule == "season" and not m.groups["season"].islower():
        return False  # "le Printemps", the shop
    if m.rule == "period" and not m.groups.get("dir"):
        det = norm(m.groups.get("det", ""))
        if det not in ("cette", "ce", "cet", "dans la"):
            return False
        if det == "dans la" and norm(m.groups["unit"]) != "semaine":
            return False
    if m.rule == "period" and norm(m.groups.get("det", "")) == "en":
        return False
    return not (m.rule == "last_n" and not (m.groups.get("dir") or m.groups.get("dir2")))


def find_dates(text: str, published: dt.date | None, tense_at: TenseAt | None = None,
               whole: bool = False, last: dict[str, Any] | None = None
               ) -> list[dict[str, Any]]:
    """Every date expression of ``text`` as TimeRef dicts with ``start``/``end``.

    ``tense_at(start, end)`` gives the tense around a date ("past", "future",
    "present" or None); by default it is read from the sentence's cue words.
    ``last``: the last date of the text before ``text`` (a chunk of a long
    article), the anchor of a "le lendemain" before any date of its own.
    """
    tense_at = tense_at or (lambda start, end: _cue_tense(text, start))
    ctx = Context(published, last=last)
    dates: list[dict[str, Any]] = []
    anchors = Anchors(text)
    for m in find_matches(text, whole=whole, anchors=anchors):
        ctx.tense = tense_at(m.start, m.end)
        out = resolve(m, ctx)
        if out is None:
            continue
        if not whole:
            out = _extend(text, m, out)
        out["start"], out["end"] = m.start, m.end
        while dates and dates[-1]["end"] > m.start:  # taken into this one's prefix
            dates.pop()
        if dates and dates[-1].get("earliest") is not None:
            ctx.last = dates[-1]
        dates.append(out)
        if out.get("earliest") is not None:  # a date before the era anchors nothing
            ctx.last = out
    if not whole:
        _attach_times(text, dates, anchors)
    return dates


def _extend(text: str, m: Match, out: dict[str, Any]) -> dict[str, Any]:
    """Take in what surrounds a date: part of day, time, "le lendemain du", "la semaine du"."""
    before = PREFIX_RE.search(text[max(0, m.start - 40): m.start])
    if before:
        m.start -= len(before.group(0))
        if before.group("pod"):
            out["part_of_day"] = P.PARTS_OF_DAY[norm(before.group("pod"))]
        elif before.group("shift") and out.get("earliest"):
            shift = P.ANAPHORIC_DAYS.get(norm(before.group("shift")), 0)
            base = dt.date.fromisoformat(out["earliest"])
            out = {**day_ref(base + dt.timedelta(days=shift), out["relative"]),
                   "part_of_day": out.get("part_of_day")}
        elif before.group("week") and out.get("earliest"):
            out = week_ref(dt.date.fromisoformat(out["earliest"]), out["relative"])
    after = SUFFIX_RE.match(text[m.end: m.end + 60])
    if after and out.get("grain") in ("day", None):
        m.end += len(after.group(0))
        if after.group("pod"):
            out["part_of_day"] = P.PARTS_OF_DAY[norm(after.group("pod"))]
        elif (after.group("h") or after.group("h2")) and not out.get("part_of_day"):
            out["part_of_day"] = part_of_hour(int(after.group("h") or after.group("h2")))
    return out


def _attach_times(text: str, dates: list[dict[str, Any]], anchors: Anchors) -> None:
    """Give a time alone ("se sont rassemblés à 13 h") as part of day to the
    nearest day of its sentence that has none; a time is never a date itself."""
    for m in anchored_finditer(TIME_RE, text, anchors, ("digit",)):  # an hour has digits
        if any(d["start"] <= m.start() < d["end"] for d in dates):
            continue  # already the detail of a date ("le 6 janvier à 13 h")
        sentence = _sentence_bounds(text, m.start())
        near = [d for d in dates if d["grain"] == "day" and not d["part_of_day"]
                and sentence[0] <= d["start"] < sentence[1]]
        if near:
            nearest = min(near, key=lambda d: min(abs(d["start"] - m.end()),
                                                  abs(m.start() - d["end"])))
            nearest["part_of_day"] = part_of_hour(int(m.group("h")))


_SENTENCE_END = re.compile(r"[.!?]\s|\n")


_SENTENCE_END_AT = re.compile(r"(?=[.!?]\s|\n)")


@lru_cache(maxsize=8)
def _sentence_ends(text: str) -> tuple[list[int], list[int]]:
    """Where the sentence ends of ``text`` end (read left to right, never
    overlapping), and every place one may start: read once per text, not once per
    date or time (which made long texts quadratic)."""
    return ([m.end() for m in _SENTENCE_END.finditer(text)],
            [m.start() for m in _SENTENCE_END_AT.finditer(text)])


def _sentence_bounds(text: str, offset: int) -> tuple[int, int]:
    """Start and end of the sentence around ``offset``, by punctuation and line breaks."""
    ends, starts = _sentence_ends(text)
    k = bisect_right(ends, offset)
    j = bisect_left(starts, offset)
    return (ends[k - 1] if k else 0), (starts[j] if j < len(starts) else len(text))


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
