"""Dates: accuracy on the shared French test sets, and the component's share of time.

Run: ``.venv/bin/python bench/bench_dates.py [--list]``. Reads ../shared/eval/dates/ in place.

Rows scored: Duckling's French corpus and the French TimeBank development half,
grain day, week, month or year, plus Duckling's negatives (must give no date).
A row is right when the date found starts where the expected one starts, cut to
the row's grain (the start of an interval for interval rows; a week is compared
by ISO week). Three readers:
- ``parse_date`` on the exact span, with the row's reference as publication date;
  once with no tense (the news convention: a bare weekday or holiday is the
  most recent one), once with ``tense="future"``: Duckling's corpus is written
  for an assistant, so its bare "mardi", "Noël" or "le 2" are the next ones;
- the ``kzevents_dates`` component on the whole sentence (the full pipeline, so
  the tense of the sentence is known): right when a date overlapping the span
  has the expected start or end;
- ``dateparser.parse`` on the exact span (languages=["fr"], RELATIVE_BASE = reference).

The forms of issue 15 are reported apart: on the shared sets, Duckling's rows of
grain hour or minute scored at their day (a date followed by a time, "le 2 mars à
5h"; the other forms, a weekday before a numeric date, abbreviations without a dot,
years before the common era, have no row there); and on our own spans of each form
(``NEW_FORMS``), beside dateparser.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from pathlib import Path

import dateparser

from kzevents import Extractor, parse_date

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
EVAL = SHARED / "eval" / "dates"
GRAINS = ("day", "week", "month", "year")


def rows(name: str) -> list[dict]:
    with (EVAL / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def reference(row: dict) -> dt.date:
    return dt.date.fromisoformat(row["reference"][:10])


def cut(value: str | dt.date | None, grain: str) -> str | None:
    """An ISO date (or its start) cut to a grain; weeks as ISO year-week."""
    if value is None:
        return None
    text = value.isoformat() if isinstance(value, dt.date) else value.split("/")[0]
    if grain == "year":
        return text[:4]
    if grain == "month":
        return text[:7]
    try:
        day = dt.date.fromisoformat(text[:10])
    except ValueError:
        return None
    if grain == "week":
        iso = day.isocalendar()
        return f"{iso[0]}-W{iso[1]:02d}"
    return day.isoformat()


def span_ok(row: dict, tense: str | None = None) -> bool:
    ref = parse_date(row["text"], published=reference(row), tense=tense)
    return ref is not None and cut(ref.earliest, row["grain"]) == cut(row["expected"], row["grain"])


def dateparser_ok(row: dict) -> bool:
    base = dt.datetime.combine(reference(row), dt.time(4, 30))
    found = dateparser.parse(row["text"], languages=["fr"], settings={"RELATIVE_BASE": base})
    return found is not None and cut(found.date(), row["grain"]) == cut(row["expected"],
                                                                         row["grain"])


def sentence_dates(nlp, text: str, published: dt.date) -> list[dict]:
    doc = nlp.make_doc(text)
    doc._.kz_published = published.isoformat()
    return nlp(doc)._.kz_dates or []


def sentence_ok(nlp, row: dict) -> bool:
    if "sentence" in row:
        text, start = row["sentence"], row["start"] - row["sentence_start"]
    else:
        text, start = row["text"], 0
    end = start + len(row["text"])
    want = cut(row["expected"], row["grain"])
    for found in sentence_dates(nlp, text, reference(row)):
        if found["start"] < end and start < found["end"] and want in (
                cut(found["earliest"], row["grain"]), cut(found["latest"], row["grain"])):
            return True
    return False


def share_of_time(nlp, texts: list[str], rounds: int = 3) -> tuple[float, float, float]:
    """Seconds of the full pipeline, of the date component alone on the same
    processed docs, and their ratio; the fastest of ``rounds`` rounds of each."""
    component = nlp.get_pipe("kzevents_dates")
    fulls, alones = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        docs = list(nlp.pipe(nlp.make_doc(t) for t in texts))
        fulls.append(time.perf_counter() - started)
        started = time.perf_counter()
        for doc in docs:
            doc._.kz_published = "2022-01-11"
            component(doc)
        alones.append(time.perf_counter() - started)
    return min(fulls), min(alones), min(alones) / min(fulls)


# Issue 15 forms, our own spans, published 2022-01-11: (form, text, expected value).
NEW_FORMS: tuple[tuple[str, str, str], ...] = (
    ("weekday + numeric date", "dimanche 7/12/2014", "2014-12-07"),
    ("weekday + numeric date", "le vendredi 7/01", "2022-01-07"),
    ("weekday + numeric date", "sam. 8/01/2022", "2022-01-08"),
    ("date + time", "le 12 juillet à 19:00", "2022-07-12"),
    ("date + time", "5 mai 12h", "2022-05-05"),
    ("date + time", "le 6 janvier 2022 à 8h30", "2022-01-06"),
    ("date + time", "le 5 janvier, 21:45", "2022-01-05"),
    ("abbreviations", "dim. 15 sept.", "2024-09-15"),
    ("abbreviations", "Mar 10 Jan", "2023-01-10"),
    ("abbreviations", "ven 7 janv 2022", "2022-01-07"),
    ("abbreviations", "Jeu. 13 janv.", "2022-01-13"),
    ("era", "en 52 av. J.-C.", "-0051"),
    ("era", "le 15 mars 44 av. J.-C.", "-0043-03-15"),
    ("era", "en 476 apr. J.-C.", "0476"),
)
_PUB = dt.date(2022, 1, 11)


def new_forms_report(show: bool) -> None:
    timed = [r for r in rows("duckling_time_fr.jsonl") if r["grain"] in ("hour", "minute")]
    for tense in (None, "future"):
        right = sum(span_ok({**r, "grain": "day"}, tense) for r in timed)
        print(f"duckling hour/minute rows at their day ({tense or 'no'} tense): "
              f"{right}/{len(timed)}")
    ours = {form: [0, 0, 0] for form, _, _ in NEW_FORMS}
    for form, text, want in NEW_FORMS:
        ref = parse_date(text, published=_PUB)
        base = dateparser.parse(text, languages=["fr"], settings={
            "RELATIVE_BASE": dt.datetime.combine(_PUB, dt.time(4, 30))})
        ours[form][0] += 1
        ours[form][1] += bool(ref and ref.value == want)
        ours[form][2] += bool(base and base.date().isoformat()[:len(want)] == want)
        if show and not (ref and ref.value == want):
            print(f"   {text!r}: want {want}, got {ref.value if ref else None}")
    for form, (n, right, base) in ours.items():
        print(f"issue 15, {form}: {n} spans  parse_date {right}/{n}  dateparser {base}/{n}")


def main(show: bool = False) -> None:
    if not EVAL.exists():
        sys.exit(f"{EVAL} is not available")
    sets = {
        "duckling": [r for r in rows("duckling_time_fr.jsonl") if r["grain"] in GRAINS],
        "ftib": [r for r in rows("ftib_timex_dev.jsonl") if r["grain"] in GRAINS],
    }
    negatives = rows("duckling_time_fr_negative.jsonl")
    nlp = Extractor().nlp
    for name, data in sets.items():
        span = [span_ok(r) for r in data]
        future = [span_ok(r, "future") for r in data]
        sent = [sentence_ok(nlp, r) for r in data]
        base = [dateparser_ok(r) for r in data]
        n = len(data)
        print(f"{name}: {n} rows  parse_date(span) {sum(span) / n:.3f}  "
              f"parse_date(span, future) {sum(future) / n:.3f}  "
              f"component(sentence) {sum(sent) / n:.3f}  dateparser(span) {sum(base) / n:.3f}")
        if show:
            for r, a, f, b in zip(data, span, future, sent, strict=True):
                if not (a and f and b):
                    got = parse_date(r["text"], published=reference(r))
                    print(f"   {'span' if not a else '    '} {'fut' if not f else '   '} "
                          f"{'sent' if not b else '    '} "
                          f"{r['text']!r} ref {r['reference'][:10]} want {r['expected']} "
                          f"({r['grain']}) got {got.value if got else None}")
    wrong = [r["text"] for r in negatives
             if parse_date(r["text"], published=reference(r)) is not None
             or sentence_dates(nlp, r["text"], reference(r))]
    print(f"negatives: {len(negatives)} rows, {len(wrong)} matched {wrong}")
    new_forms_report(show)

    texts = sorted({r["sentence"] for r in rows("ftib_timex_dev.jsonl") if "sentence" in r})
    seeds = SHARED / "seeds"
    for path in sorted(seeds.glob("*")) if seeds.exists() else []:
        if path.suffix in (".md", ".txt", ".html"):
            texts.append(path.read_text(encoding="utf-8"))
    full, alone, ratio = share_of_time(nlp, texts * 3)
    print(f"time: {len(texts) * 3} texts, date component {ratio:.1%} of the full pipeline "
          f"({alone:.2f}s of {full:.2f}s in this run)")


if __name__ == "__main__":
    main(show="--list" in sys.argv)
