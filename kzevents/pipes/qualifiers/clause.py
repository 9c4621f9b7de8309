"""The trigger's clause, read from the dependency parse.

A cue counts for an event only when it sits in the trigger's clause or in a
clause that governs it through "de"/"à"/"que" ("pourrait quitter", "n'avait
pas prévu d'évacuer"), never in a neighbouring clause of the same sentence.
A noun trigger takes the clause of the verb whose object or subject it is
("poursuivront les opérations"), but not of a verb it only modifies as an
oblique ("blessé dans les troubles": the troubles are told as a fact).

Tokens are indices into the doc's word lists (``words.read_words``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc

from kzevents.pipes.qualifiers.words import index_memo, read_words

# Nouns climb to their head noun through these ("fonctions de protection").
NOUN_UP = frozenset(("nmod", "flat", "flat:name", "fixed", "compound"))
# A noun hands the question to its verb through these.
NOUN_ARGS = frozenset(("obj", "nsubj", "nsubj:pass", "xcomp", "ccomp", "iobj"))
# Verbs that make an event of "en" + noun ("se mettre en grève", "entrer en guerre").
LIGHT_VERBS = frozenset(("mettre", "entrer", "être", "rester", "partir", "passer"))
PREDICATE_POS = frozenset(("VERB", "AUX"))
NOMINAL_POS = frozenset(("NOUN", "PROPN", "PRON", "NUM", "ADJ", "X"))


def trigger_tokens(doc: Doc, trigger: dict[str, Any]) -> tuple[int, int] | None:
    """The token bounds of a trigger dict (``start``/``end`` into ``doc.text``),
    None when it holds no token."""
    bounds = read_words(doc).char_tokens(trigger["start"], trigger["end"])
    return bounds if bounds is not None and bounds[0] < bounds[1] else None


def trigger_token(doc: Doc, start: int, end: int) -> int:
    """The token that stands for the trigger ``doc[start:end]``: the verb of a
    verbal phrase ("placés en détention", "prendre d'assaut"), else the root."""
    pos = read_words(doc).pos
    verb = next((i for i in range(start, end) if pos[i] == "VERB"), None)
    if verb is not None:
        return verb
    return start if end - start == 1 else doc[start:end].root.i


def noun_path(doc: Doc, i: int) -> list[int]:
    """The trigger noun and the noun it complements, if any ("fonctions de
    protection"): one step only, and never through a coordination, so that
    "l'épicentre des troubles" in an object does not take the verb's modality."""
    words = read_words(doc)
    path = [i]
    node = i
    while (words.dep[node] in NOUN_UP and words.head[node] != node
           and words.pos[words.head[node]] in NOMINAL_POS and len(path) < 2
           and _genitive(doc, node)):
        node = words.head[node]
        path.append(node)
    return path


def _genitive(doc: Doc, noun: int) -> bool:
    """A complement with "de" (or none): "les fonctions de protection", not
    "une enquête sur le massacre" (asking for an inquiry is not asking for a massacre)."""
    words = read_words(doc)
    cases = [words.lower[c] for c in words.children[noun] if words.dep[c] == "case"]
    return not cases or any(c in ("de", "d'", "d’", "du", "des") for c in cases)


def clause_predicate(doc: Doc, i: int, governors: frozenset[str] = frozenset()) -> int | None:
    """The predicate whose clause the trigger belongs to, or None for a noun
    that is only an oblique or a modifier (its event is presupposed). An
    indirect object counts only below a cue verb ("appelle à la grève", but
    "ont participé aux émeutes" tells the riots as a fact)."""
    words = read_words(doc)
    if words.pos[i] in PREDICATE_POS:
        return i
    top = noun_path(doc, i)[-1]
    head = words.head[top]
    if head == top or words.pos[head] not in PREDICATE_POS:
        return None
    dep = words.dep[top]
    if dep in NOUN_ARGS or (dep == "obl:arg" and words.lemma[head] in governors):
        return head
    if words.lemma[head] in LIGHT_VERBS and any(words.lower[c] == "en"
                                                for c in words.children[top]):
        return head  # "se mettre en grève": the verb carries the event
    return None


def helpers(doc: Doc, pred: int) -> list[int]:
    """Auxiliaries and copula of a predicate; a conjoined participle without
    its own shares its head's ("seront arrêtés et jugés")."""
    return index_memo(doc, "clause.helpers", pred, _helpers)


def _helpers(doc: Doc, pred: int) -> list[int]:
    words = read_words(doc)
    dep = words.dep
    own = [c for c in words.children[pred] if dep[c].startswith("aux") or dep[c] == "cop"]
    head = words.head[pred]
    if not own and dep[pred] == "conj" and words.pos[head] in PREDICATE_POS \
            and "Part" in words.values(doc, pred, "VerbForm"):
        return [c for c in words.children[head] if dep[c].startswith("aux")]
    return own


# A conditional is the future stem and the imperfect endings ("retirerait",
# "enverraient", "pourrait", "aurait"); the tagger often calls it imperfect.
_CONDITIONAL = re.compile(r"(?:er|ir|rr|dr|vr|aur|saur)(?:ais|ait|aient|ions|iez)$")
_IMPERFECT = ("ais", "ait", "aient", "ions", "iez")


def is_conditional(doc: Doc, i: int) -> bool:
    """A verb in the conditional, by its morphology or else by its ending
    ("tirait" is the imperfect of tirer, "tirerait" its conditional)."""
    words = read_words(doc)
    features = words.features(doc, i)
    if "Cnd" in features.get("Mood", ()):
        return True
    if words.pos[i] not in PREDICATE_POS or "Part" in features.get("VerbForm", ()):
        return False
    return _conditional_ending(words.lower[i], words.lemma[i])


@lru_cache(maxsize=4096)
def _conditional_ending(text: str, lemma: str) -> bool:
    """A conditional ending on ``text`` that is not the imperfect of ``lemma``
    (the same auxiliaries and verbs come back in every article)."""
    lemma = lemma.lower()
    imperfect = lemma.endswith("er") and any(text == lemma[:-2] + e for e in _IMPERFECT)
    return bool(_CONDITIONAL.search(text)) and not imperfect


def moods(doc: Doc, pred: int) -> set[str]:
    """The moods of a predicate and its auxiliaries ("auraient été arrêtés": Cnd)."""
    return index_memo(doc, "clause.moods", pred, _moods)


def _moods(doc: Doc, pred: int) -> set[str]:
    words = read_words(doc)
    verbs = [pred, *helpers(doc, pred)]
    found = {m for i in verbs for m in words.values(doc, i, "Mood")}
    if any(is_conditional(doc, i) for i in verbs):
        found.add("Cnd")
    return found


def compound_conditional(doc: Doc, pred: int) -> bool:
    """A conditional past ("aurait tué", "auraient été arrêtés")."""
    dep = read_words(doc).dep
    return any(is_conditional(doc, h) for h in helpers(doc, pred) if dep[h] == "aux:tense")


def is_present_participle(doc: Doc, i: int) -> bool:
    """"accusant", "dénonçant": the speaker's own act, never an inverted speech verb."""
    features = read_words(doc).features(doc, i)
    return "Part" in features.get("VerbForm", ()) and "Pres" in features.get("Tense", ())


def is_future(doc: Doc, pred: int) -> bool:
    """A simple or compound future ("enverra", "sera déployé", "aura tué")."""
    return index_memo(doc, "clause.is_future", pred, _is_future)


def _is_future(doc: Doc, pred: int) -> bool:
    words = read_words(doc)
    return any("Fut" in words.values(doc, i, "Tense") for i in [pred, *helpers(doc, pred)])


def is_past(doc: Doc, pred: int) -> bool:
    """A past or imperfect finite verb, or a compound past."""
    from kzevents.pipes.dates.factory import doc_tenses

    tenses = doc_tenses(doc, read_words(doc))
    found = {t for i in [pred, *helpers(doc, pred)] for t in tenses.of(i)}
    return bool(found & {"Past", "Imp"}) and "Fut" not in found
