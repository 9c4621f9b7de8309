"""The trigger's clause, read from the dependency parse.

A cue counts for an event only when it sits in the trigger's clause or in a
clause that governs it through "de"/"à"/"que" ("pourrait quitter", "n'avait
pas prévu d'évacuer"), never in a neighbouring clause of the same sentence.
A noun trigger takes the clause of the verb whose object or subject it is
("poursuivront les opérations"), but not of a verb it only modifies as an
oblique ("blessé dans les troubles": the troubles are told as a fact).
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc, Span, Token

from kzevents.pipes.doc_words import morph_values
from kzevents.pipes.qualifiers.words import read_words, token_memo

# Nouns climb to their head noun through these ("fonctions de protection").
NOUN_UP = frozenset(("nmod", "flat", "flat:name", "fixed", "compound"))
# A noun hands the question to its verb through these.
NOUN_ARGS = frozenset(("obj", "nsubj", "nsubj:pass", "xcomp", "ccomp", "iobj"))
# Verbs that make an event of "en" + noun ("se mettre en grève", "entrer en guerre").
LIGHT_VERBS = frozenset(("mettre", "entrer", "être", "rester", "partir", "passer"))
PREDICATE_POS = frozenset(("VERB", "AUX"))
NOMINAL_POS = frozenset(("NOUN", "PROPN", "PRON", "NUM", "ADJ", "X"))


def trigger_span(doc: Doc, trigger: dict[str, Any]) -> Span | None:
    """The tokens of a trigger dict (``start``/``end`` into ``doc.text``)."""
    span = doc.char_span(trigger["start"], trigger["end"], alignment_mode="expand")
    return span if span is not None and len(span) else None


def trigger_token(span: Span) -> Token:
    """The token that stands for the trigger: the verb of a verbal phrase
    ("placés en détention", "prendre d'assaut"), else the span's root."""
    verbs = [t for t in span if t.pos_ == "VERB"]
    return verbs[0] if verbs else span.root


def noun_path(tok: Token) -> list[Token]:
    """The trigger noun and the noun it complements, if any ("fonctions de
    protection"): one step only, and never through a coordination, so that
    "l'épicentre des troubles" in an object does not take the verb's modality."""
    path = [tok]
    node = tok
    while (node.dep_ in NOUN_UP and node.head.i != node.i
           and node.head.pos_ in NOMINAL_POS and len(path) < 2 and _genitive(node)):
        node = node.head
        path.append(node)
    return path


def _genitive(noun: Token) -> bool:
    """A complement with "de" (or none): "les fonctions de protection", not
    "une enquête sur le massacre" (asking for an inquiry is not asking for a massacre)."""
    cases = [c.lower_ for c in noun.children if c.dep_ == "case"]
    return not cases or any(c in ("de", "d'", "d’", "du", "des") for c in cases)


def clause_predicate(tok: Token, governors: frozenset[str] = frozenset()) -> Token | None:
    """The predicate whose clause the trigger belongs to, or None for a noun
    that is only an oblique or a modifier (its event is presupposed). An
    indirect object counts only below a cue verb ("appelle à la grève", but
    "ont participé aux émeutes" tells the riots as a fact)."""
    if tok.pos_ in PREDICATE_POS:
        return tok
    top = noun_path(tok)[-1]
    if top.head.i == top.i or top.head.pos_ not in PREDICATE_POS:
        return None
    if top.dep_ in NOUN_ARGS or (top.dep_ == "obl:arg" and top.head.lemma_ in governors):
        return top.head
    if top.head.lemma_ in LIGHT_VERBS and any(c.lower_ == "en" for c in top.children):
        return top.head  # "se mettre en grève": the verb carries the event
    return None


def helpers(pred: Token) -> list[Token]:
    """Auxiliaries and copula of a predicate; a conjoined participle without
    its own shares its head's ("seront arrêtés et jugés")."""
    return token_memo(pred, "clause.helpers", _helpers)


def _helpers(pred: Token) -> list[Token]:
    doc, words = pred.doc, read_words(pred.doc)
    dep = words.dep
    own = [doc[c] for c in words.children[pred.i] if dep[c].startswith("aux") or dep[c] == "cop"]
    head = words.head[pred.i]
    if not own and dep[pred.i] == "conj" and words.pos[head] in PREDICATE_POS \
            and "Part" in morph_values(pred, "VerbForm"):
        return [doc[c] for c in words.children[head] if dep[c].startswith("aux")]
    return own


# A conditional is the future stem and the imperfect endings ("retirerait",
# "enverraient", "pourrait", "aurait"); the tagger often calls it imperfect.
_CONDITIONAL = re.compile(r"(?:er|ir|rr|dr|vr|aur|saur)(?:ais|ait|aient|ions|iez)$")
_IMPERFECT = ("ais", "ait", "aient", "ions", "iez")


def is_conditional(tok: Token) -> bool:
    """A verb in the conditional, by its morphology or else by its ending
    ("tirait" is the imperfect of tirer, "tirerait" its conditional)."""
    if "Cnd" in morph_values(tok, "Mood"):
        return True
    if tok.pos_ not in PREDICATE_POS or "Part" in morph_values(tok, "VerbForm"):
        return False
    text = tok.lower_
    lemma = tok.lemma_.lower()
    imperfect = lemma.endswith("er") and any(text == lemma[:-2] + e for e in _IMPERFECT)
    return bool(_CONDITIONAL.search(text)) and not imperfect


def moods(pred: Token) -> set[str]:
    """The moods of a predicate and its auxiliaries ("auraient été arrêtés": Cnd)."""
    return token_memo(pred, "clause.moods", _moods)


def _moods(pred: Token) -> set[str]:
    found = {m for t in [pred, *helpers(pred)] for m in morph_values(t, "Mood")}
    if any(is_conditional(t) for t in [pred, *helpers(pred)]):
        found.add("Cnd")
    return found


def compound_conditional(pred: Token) -> bool:
    """A conditional past ("aurait tué", "auraient été arrêtés")."""
    return any(is_conditional(h) for h in helpers(pred) if h.dep_ == "aux:tense")


def is_present_participle(tok: Token) -> bool:
    """"accusant", "dénonçant": the speaker's own act, never an inverted speech verb."""
    return "Part" in morph_values(tok, "VerbForm") and "Pres" in morph_values(tok, "Tense")


def is_future(pred: Token) -> bool:
    """A simple or compound future ("enverra", "sera déployé", "aura tué")."""
    return token_memo(pred, "clause.is_future", _is_future)


def _is_future(pred: Token) -> bool:
    return any("Fut" in morph_values(t, "Tense") for t in [pred, *helpers(pred)])


def is_past(pred: Token) -> bool:
    """A past or imperfect finite verb, or a compound past."""
    from kzevents.pipes.dates.factory import doc_tenses

    tenses = doc_tenses(pred.doc, read_words(pred.doc))
    found = {t for w in [pred, *helpers(pred)] for t in tenses.of(w.i)}
    return bool(found & {"Past", "Imp"}) and "Fut" not in found


def lower_forms(doc: Doc, start: int, end: int) -> str:
    """The text of tokens start..end-1, lower case, apostrophes straightened,
    one space between tokens (for phrase cues)."""
    return " ".join(t.lower_.replace("’", "'") for t in doc[start:end])
