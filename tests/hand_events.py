"""Event dicts built by hand on a parsed doc, to test the qualifiers on their
own (before and beside ``kzevents_events``): find the trigger's words, make
the EVENT_DICT with its offsets and sentence, then run one component."""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc


def _find(text: str, needle: str, occurrence: int = 0, after: int = 0) -> tuple[int, int]:
    spans = [m.span() for m in re.finditer(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", text)
             if m.start() >= after]
    if len(spans) <= occurrence:
        raise ValueError(f"{needle!r} not found in {text!r}")
    return spans[occurrence]


def participant(doc: Doc, words: str, after: int = 0) -> dict[str, Any]:
    """The participant dict of the first ``words`` at or after ``after``,
    linked when an entity of the doc covers exactly those words."""
    start, end = _find(doc.text, words, after=after)
    info = (doc._.kz_entity_info or {}).get(f"{start}:{end}") or {}
    return {"start": start, "end": end, **{k: info.get(k) for k in
                                           ("name", "kb_id", "country", "sector")}}


def sentence_slots(doc: Doc, start: int, end: int, trigger: int | None = None
                   ) -> dict[str, Any]:
    """A stand-in for the events component's slots: the sentence's first
    resolved date, its first linked place after the trigger (else its last
    place) and its counts."""
    info = doc._.kz_entity_info or {}
    places = [{"start": e.start_char, "end": e.end_char, "label": "LOC",
               **info[f"{e.start_char}:{e.end_char}"]}
              for e in doc.ents if start <= e.start_char < end and e.label_ == "LOC"
              and f"{e.start_char}:{e.end_char}" in info]
    dates = [d for d in doc._.kz_dates or [] if start <= d["start"] < end and d.get("value")]
    counts = [c for c in doc._.kz_counts or [] if start <= c["start"] < end]
    after = [p for p in places if trigger is not None and p["start"] > trigger]
    place = after[0] if after else (places[-1] if places else None)
    return {"place": place, "date": dates[0] if dates else None, "counts": counts}


def hand_event(doc: Doc, trigger: str, type_: str = "ASSAULT", occurrence: int = 0,
               index: int = 1, actor: str | None = None, recipient: str | None = None,
               slots: bool = False) -> dict[str, Any]:
    """The EVENT_DICT of the ``occurrence``-th ``trigger`` of the doc."""
    start, end = _find(doc.text, trigger, occurrence)
    span = doc.char_span(start, end, alignment_mode="expand")
    assert span is not None, trigger
    sent = span.sent
    event: dict[str, Any] = {
        "id": f"e{index}", "type": type_, "mode": None,
        "trigger": {"start": start, "end": end, "lemma": span.root.lemma_},
        "actor": None, "recipient": None, "co_actors": [], "co_recipients": [],
        "place": None, "date": None, "counts": [], "modality": "asserted", "source": None,
        "sentence": {"start": sent.start_char, "end": sent.end_char}, "confidence": 1.0,
        "rules": [], "mentions": [{"start": start, "end": end, "lemma": span.root.lemma_}],
    }
    if slots:
        event.update(sentence_slots(doc, sent.start_char, sent.end_char, start))
    if actor:
        event["actor"] = participant(doc, actor, after=sent.start_char)
    if recipient:
        event["recipient"] = participant(doc, recipient, after=sent.start_char)
    return event


def parse(nlp: Language, text: str, published: str | None = "2022-01-11") -> Doc:
    """Run the pipeline on the text as the extractor cleans it (markup out);
    whatever events it finds are replaced by hand-made ones."""
    from kzevents.text import clean_markup

    doc = nlp.make_doc(clean_markup(text).text)
    doc._.kz_published = published
    return nlp(doc)


def qualify(nlp: Language, doc: Doc, events: list[dict[str, Any]],
            components: tuple[str, ...] = ("kzevents_modality", "kzevents_sources")) -> Doc:
    """Put ``events`` on the doc and run the qualifier components on it."""
    doc._.kz_events = events
    for name in components:
        doc = nlp.get_pipe(name)(doc)
    return doc


# ---------------------------------------------------------------- scoring on gold

def speaker_names(doc: Doc, source: dict[str, Any] | None, aliases: Any = None) -> list[str]:
    """Every name a predicted speaker answers to (its text, name, aliases)."""
    if not source or not source.get("speaker"):
        return []
    speaker = source["speaker"]
    names = [doc.text[speaker["start"]: speaker["end"]]]
    if speaker.get("name"):
        names.append(speaker["name"])
    if aliases and speaker.get("kb_id"):
        names.extend(aliases(speaker["kb_id"]))
    return names


def score_hand(nlp: Language, records: list[dict[str, Any]], aliases: Any = None
               ) -> dict[str, Any]:
    """Modality and source of hand-made events (one per gold event, from its
    trigger) against the gold: counts and the list of mismatches."""
    from kzevents.evaluation import same_name

    result: dict[str, Any] = {"events": 0, "modality_right": 0, "source_tp": 0,
                              "source_fp": 0, "source_fn": 0, "mismatches": [],
                              "by_modality": {}}
    docs = list(nlp.pipe(_prepared(nlp, r) for r in records))
    for record, doc in zip(records, docs, strict=True):
        events = [hand_event(doc, g["trigger"], g["type"], index=i + 1)
                  for i, g in enumerate(record["events"])]
        qualify(nlp, doc, events)
        for gold, event in zip(record["events"], events, strict=True):
            result["events"] += 1
            if "modality" in gold:
                row = result["by_modality"].setdefault(gold["modality"], {"gold": 0, "right": 0})
                row["gold"] += 1
                if event["modality"] == gold["modality"]:
                    result["modality_right"] += 1
                    row["right"] += 1
                else:
                    result["mismatches"].append(
                        (record["id"], "modality", gold["trigger"], gold["modality"],
                         event["modality"], event["rules"]))
            if "source" not in gold:
                continue
            names = speaker_names(doc, event["source"], aliases)
            right = bool(gold["source"] and names and same_name(gold["source"], names))
            if right:
                result["source_tp"] += 1
                continue
            if names:
                result["source_fp"] += 1
            if gold["source"]:
                result["source_fn"] += 1
            if names or gold["source"]:
                result["mismatches"].append((record["id"], "source", gold["trigger"],
                                             gold["source"], names[:2], event["rules"]))
    return result


def _prepared(nlp: Language, record: dict[str, Any]) -> Doc:
    from kzevents.text import clean_markup

    doc = nlp.make_doc(clean_markup(record["text"]).text)
    doc._.kz_published = record.get("published")
    return doc
