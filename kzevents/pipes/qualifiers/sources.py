"""The ``kzevents_sources`` component: who says so, and when.

Each event of ``doc._.kz_events`` gets a ``source``
(``{"speaker": participant dict, "verb": lemma, "date": TimeRef dict}``) when
one of these forms attributes it, and the rule id in its ``rules``:

- ``source.reported``: the trigger lies in the complement of a speech verb of
  data/lexicons/speech_verbs.jsonl ("X a déclaré que ...", "X nie avoir tiré",
  "X a annoncé l'arrestation de ...", "X a déclaré : « ... »");
- ``source.incise``: an inverted speech verb in the same sentence ("..., a-t-il
  ajouté", "a indiqué le ministère dans un communiqué");
- ``source.selon``: "selon X", "d'après X" in the same sentence;
- ``source.quote`` / ``source.quote_continued``: the trigger lies inside « ... »
  that a speech verb introduces (after it with a colon, or as an incise after
  the closing quote), in the same sentence or in a later one;
- ``source.quote_colon``: « ... » after a colon that ends a clause with a
  subject and no speech verb ("X a été clair : « ... »"); the verb is None.

Relative clauses ("le village où 160 personnes ont été tuées") and gerunds
("..., accusant l'armée de ...") inside a reported clause are the narrator's.

The speaker is the verb's subject (``participants.make_participant``); a
pronoun or a general noun phrase ("le ministère") takes its referent by the
anaphora rules (``anaphora.py``), whose ids go to ``rules`` too. The date is
the date of ``doc._.kz_dates`` attached to the speech verb ("a déclaré
vendredi 7 janvier"). The same rules link pronoun actors and recipients
("qu'il avait envoyé": the ministry).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kzevents._extensions import ensure_extensions
from kzevents.pipes.doc_text import doc_text
from kzevents.pipes.doc_words import Words
from kzevents.pipes.qualifiers import clause as C
from kzevents.pipes.qualifiers.anaphora import Resolver, pronoun_agreement
from kzevents.pipes.qualifiers.lexicon import (
    AnaphoraRule,
    SpeechVerb,
    anaphora_rules,
    speech_verbs,
)
from kzevents.pipes.qualifiers.participants import (
    PRONOUNS,
    agreement,
    bare,
    make_participant,
)
from kzevents.pipes.qualifiers.words import (
    doc_memo,
    index_memo,
    read_words,
    reading,
)

# Heads of "selon X" that name a rule or a plan, not a speaker.
NOT_SPEAKERS = frozenset((
    "formule", "plan", "terme", "accord", "loi", "constitution", "modèle", "principe", "règle",
    "calendrier", "procédure", "méthode", "logique", "scénario", "usage", "tradition", "lequel",
    "laquelle", "lesquels", "lesquelles", "mesure", "cas", "besoin",
))
_OPEN = ("«", "“")
_CLOSE = ("»", "”")
_QUOTE_MARKS = (*_OPEN, *_CLOSE)
# "selon X", "d'après X": the words that may open a source without a verb
_ACCORDING_TO = ("selon", "d'", "d’")


_PARTICIPANT_KEYS = ("actor", "recipient")


@dataclass
class Speech:
    """One act of speech: a speech verb (or "selon") and who speaks."""

    at: int  # the index of the verb's (or "selon"'s) token
    lemma: str
    frames: set[str]
    speaker: dict[str, Any] | None
    date: dict[str, Any] | None
    anaphora: str | None = None  # the rule that linked the speaker
    agreement: tuple[str | None, str | None] = (None, None)  # the speaker's gender, number


class SourceFinder:
    """Attributes the events of a doc; holds only the lexicons."""

    def __init__(self, verbs: dict[str, SpeechVerb], rules: tuple[AnaphoraRule, ...]) -> None:
        self.verbs = verbs
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        events = doc._.kz_events or []
        if not events or not doc.has_annotation("DEP"):
            return doc
        with reading(doc):
            self.attribute_all(doc, events)
        return doc

    def attribute_all(self, doc: Doc, events: list[dict[str, Any]]) -> None:
        """Source and participant links of every event of the doc."""
        resolver = Resolver(doc, self.rules)
        speeches = self.speeches(doc, resolver)
        if doc._.kz_context is not None:  # a chunk of a long text: later chunks refer back
            doc._.kz_context["speakers"] = [asdict(a) for a in resolver.memory.speakers]
        quotes = self.quotes(doc, speeches)
        for event in events:
            bounds = C.trigger_tokens(doc, event["trigger"])
            if bounds is None:
                continue
            tok = C.trigger_token(doc, *bounds)
            found = self.attribute(doc, tok, speeches, quotes)
            rules = event.setdefault("rules", [])
            speech = None
            if found is not None:
                speech, rule = found
                event["source"] = {"speaker": dict(speech.speaker) if speech.speaker else None,
                                   "verb": speech.lemma or None, "date": speech.date}
                rules.append(rule)
                if speech.anaphora:
                    rules.append(speech.anaphora)
            self.link_participants(doc, event, speech, resolver)

    # ------------------------------------------------------------ acts of speech

    def speeches(self, doc: Doc, resolver: Resolver) -> dict[int, Speech]:
        """Every speech verb used as one, and every "selon X", by token index,
        speakers resolved in text order (a later "il" may mean an earlier one)."""
        found: dict[int, Speech] = {}
        words = read_words(doc)
        verbs = self.verbs
        candidates = {i for i, lemma in enumerate(words.lemma) if lemma in verbs}
        candidates.update(i for i, lower in enumerate(words.lower) if lower in _ACCORDING_TO)
        for i in sorted(candidates):
            speech = self._speech_at(doc, i)
            if speech is None:
                continue
            if speech.speaker is not None:
                speech.anaphora = resolver.resolve(speech.speaker, where="speech_subject")
                speaker = speech.speaker
                spoken = bare(doc_text(doc)[speaker["start"]: speaker["end"]])
                if spoken in PRONOUNS and not (speaker.get("name") or speaker.get("country")):
                    speech.speaker = None  # "a-t-il dit" with no one to refer to: no speaker
                head = words.head[i] if speech.lemma in ("selon", "d'après") \
                    else self._speaker_token(doc, i)
                if head is not None and speech.speaker is not None:
                    resolver.remember_speaker(speech.speaker, head)
                    speech.agreement = pronoun_agreement(words.text[head]) \
                        if words.pos[head] == "PRON" else agreement(doc, head)
            if speech.frames:  # a speaker without a clause ("X a déclaré.") is remembered only
                found[i] = speech
        return found

    def _speech_at(self, doc: Doc, i: int) -> Speech | None:
        words = read_words(doc)
        lower = words.lower[i]
        if lower in ("selon", "d'", "d’") and words.dep[i] == "case":
            if lower != "selon" and not (i + 1 < len(words) and words.lower[i + 1] == "après"):
                return None
            lemma = "selon" if lower == "selon" else "d'après"
            head = words.head[i]
            if lemma not in self.verbs or words.lemma[head] in NOT_SPEAKERS:
                return None
            return Speech(at=i, lemma=lemma, frames={"selon"},
                          speaker=make_participant(doc, head), date=None)
        entry = self.verbs.get(words.lemma[i])
        if entry is None or entry.kind != "verb" or words.pos[i] != "VERB":
            return None
        if words.lemma[i] == "savoir" and not (i and words.lemma[i - 1] == "faire"):
            return None  # only "faire savoir"
        frames = self._frames(doc, i, entry)
        if any(words.lemma[c] == "ne" or "Neg" in words.values(doc, c, "Polarity")
               for c in words.children[i]):
            frames = set()  # "n'a pas précisé si ...": the speaker did not say it
        subject = self._speaker_token(doc, i)
        if subject is None:
            return None  # "un homme accusé d'avoir ...": no one speaks
        speaker = make_participant(doc, subject)
        dates = doc_memo(doc, "verb_dates", lambda: self._verb_dates(doc))
        return Speech(at=i, lemma=words.lemma[i], frames=frames, speaker=speaker,
                      date=dates.get(i))

    def _frames(self, doc: Doc, verb: int, entry: SpeechVerb) -> set[str]:
        """How this use of the verb can attribute events."""
        frames = set()
        words = read_words(doc)
        for c in words.children[verb]:
            dep, pos = words.dep[c], words.pos[c]
            if dep in ("ccomp", "csubj") or (dep == "obj" and pos in C.PREDICATE_POS):
                frames.add("que")
            elif dep == "xcomp" and pos in C.PREDICATE_POS:
                frames.add("infinitive")
            elif dep == "obj" and pos in ("NOUN", "PROPN"):
                frames.add("object")
        after = words.text[verb + 1: min(verb + 4, words.sent_end[verb])]
        if any(text == ":" or text in _OPEN for text in after):
            frames.add("quote")
        if self._is_incise(doc, verb):
            frames.add("incise")
        return frames & set(entry.frames)

    @staticmethod
    def _inverted_subject(doc: Doc, verb: int) -> int | None:
        """The subject after an inverted verb: "-il" in "a-t-il dit", or the
        noun after the verb, whatever the parser called it ("a indiqué le
        ministère", "a déclaré samedi un commandant"), but not a date nor a
        prepositional phrase ("dans un communiqué", "à l'AFP")."""
        words = read_words(doc)
        text, pos = words.text, words.pos
        for c in words.children[verb]:
            if text[c].startswith("-") and bare(text[c]) in PRONOUNS:
                return c
        dated = doc_memo(doc, "dated_tokens", lambda: _dated_tokens(doc))
        i = verb + 1
        end = words.sent_end[verb]
        while i < end:  # by the surface: the parse of inversions is often wrong
            if words.is_punct[i] or pos[i] in ("VERB", "AUX", "SCONJ", "CCONJ"):
                return None
            if i in dated or pos[i] in ("ADV", "DET", "ADJ", "NUM") or (
                    words.lower[i] in ("des", "du", "de", "d'", "d’") and i + 1 < len(words)
                    and pos[i + 1] in ("NOUN", "PROPN", "ADJ", "NUM")):
                i += 1
            elif pos[i] == "ADP":  # "à l'AFP", "dans un communiqué": not the subject
                i = max(words.head[i], i) + 1
            elif pos[i] in ("NOUN", "PROPN"):
                return i
            else:
                return None
        return None

    def _is_incise(self, doc: Doc, verb: int) -> bool:
        """An inverted speech verb after a comma, a dash or a closing quote; not a
        present participle, whose following noun is its object (", accusant la police")."""
        return index_memo(doc, "sources.is_incise", verb, self._read_is_incise)

    def _read_is_incise(self, doc: Doc, verb: int) -> bool:
        if C.is_present_participle(doc, verb):
            return False
        words = read_words(doc)
        if any((words.dep[c] in ("ccomp", "csubj") and c > verb)
               or words.lower[c] in ("que", "qu'", "qu’") for c in words.children[verb]):
            return False
        if self._inverted_subject(doc, verb) is None:
            return False
        return self._incise_start(doc, verb) is not None

    @staticmethod
    def _incise_start(doc: Doc, verb: int) -> int | None:
        """Index of the first word of an incise (its auxiliary), when a comma,
        dash or closing quote comes just before it."""
        words = read_words(doc)
        if words.lemma[verb] == "savoir" and verb and words.lemma[verb - 1] == "faire":
            verb -= 1  # "a fait savoir le porte-parole"
        first = min([verb, *C.helpers(doc, verb)])
        if first > 0 and words.text[first - 1] in (",", *_CLOSE, "—", "–", "("):
            return first
        return None

    def _speaker_token(self, doc: Doc, verb: int) -> int | None:
        if self._is_incise(doc, verb):
            return self._inverted_subject(doc, verb)
        words = read_words(doc)
        head = words.head[verb]
        for dep in ("nsubj", "expl:subj", "obl:agent"):
            for c in words.children[verb]:
                if words.dep[c] == dep and bare(words.text[c]) != "t" and (
                        dep != "expl:subj" or bare(words.text[c]) in PRONOUNS):
                    if "Rel" in words.values(doc, c, "PronType") and head != verb:
                        return head  # "le ministre, qui a déclaré que ..."
                    return c
        if words.dep[verb] == "conj" and words.pos[head] == "VERB" and head != verb:
            return self._speaker_token(doc, head)
        if words.dep[verb] == "acl" and words.pos[head] in ("NOUN", "PROPN") and (
                "Fin" in words.values(doc, verb, "VerbForm")):
            return head  # "L'agence Tass rapporte que ...", parsed as a modifier
        return None

    @staticmethod
    def _verb_dates(doc: Doc) -> dict[int, dict[str, Any]]:
        """Token index of a verb -> the date attached to it (the first verb
        above the date's words)."""
        found: dict[int, dict[str, Any]] = {}
        words = read_words(doc)
        for date in doc._.kz_dates or []:
            bounds = words.char_tokens(date["start"], date["end"])
            if bounds is None or bounds[0] >= bounds[1]:
                continue
            start, end = bounds
            node = start if end - start == 1 else doc[start:end].root.i
            for _ in range(6):
                if words.pos[node] == "VERB":
                    found.setdefault(node, date)
                    break
                if words.head[node] == node:
                    break
                node = words.head[node]
        return found

    # ------------------------------------------------------------ quotes

    def quotes(self, doc: Doc, speeches: dict[int, Speech]) -> list[tuple[int, int, Speech]]:
        """Quotations that hold a clause, with the speech that introduces them:
        (start char, end char, speech)."""
        text = doc_text(doc)
        if not any(mark in text for mark in _QUOTE_MARKS):
            return []
        regions: list[tuple[int, int]] = []
        opening: int | None = None
        words = read_words(doc)
        for i, word in enumerate(words.text):
            if word in _OPEN and opening is None:
                opening = i
            elif word in _CLOSE and opening is not None:
                regions.append((opening, i))
                opening = None
        if opening is not None:
            regions.append((opening, len(words) - 1))
        found = []
        for first, last in regions:
            if not any(words.pos[i] in C.PREDICATE_POS for i in range(first + 1, last)):
                continue  # a quoted word or phrase, not a statement
            speech = self._introducer(doc, first, last, speeches)
            if speech is not None:
                found.append((words.idx[first], words.end_char(last), speech))
        return found

    def _introducer(self, doc: Doc, first: int, last: int, speeches: dict[int, Speech]
                    ) -> Speech | None:
        words = read_words(doc)
        sent_start = words.sent_start[first]
        before = [s for i, s in speeches.items()
                  if sent_start <= i < first and "quote" in s.frames and s.lemma != "selon"]
        for speech in reversed(before):
            between = range(speech.at + 1, first)
            if any(words.text[i] == ":" for i in between) or len(between) <= 2:
                return speech
        for i in range(last + 1, min(last + 6, len(words))):
            speech = speeches.get(i)
            if speech is not None and "incise" in speech.frames:
                return speech
        return self._colon_speaker(doc, first)

    @staticmethod
    def _colon_speaker(doc: Doc, first: int) -> Speech | None:
        """« ... » right after a colon that closes a clause with a subject
        ("Le Premier ministre a été clair : « ... »"): that subject speaks."""
        words = read_words(doc)
        if first == 0 or words.text[first - 1] != ":":
            return None
        colon = first - 1
        verb = words.head[colon] if words.head[colon] < colon else next(
            (i for i in range(colon - 1, words.sent_start[colon] - 1, -1)
             if words.dep[i] == "ROOT"), None)
        subject = next((c for c in words.children[verb] if words.dep[c] in ("nsubj", "nsubj:pass")),
                       None) if verb is not None else None
        if subject is None or words.pos[subject] == "PRON":
            return None
        return Speech(at=colon, lemma="", frames={"quote"},
                      speaker=make_participant(doc, subject), date=None)

    # ------------------------------------------------------------ attributing

    def attribute(self, doc: Doc, tok: int, speeches: dict[int, Speech],
                  quotes: list[tuple[int, int, Speech]]) -> tuple[Speech, str] | None:
        """The speech that reports the event of token ``tok``, and the rule."""
        if not speeches and not quotes:
            return None  # no one speaks in the doc
        reported = self._reporting(doc, tok, speeches)
        if reported is not None:
            return reported, "source.reported"
        words = read_words(doc)
        sent_start, sent_end = words.sent_start[tok], words.sent_end[tok]
        by_sentence = doc_memo(doc, "sources.by_sentence", lambda: _by_sentence(words, speeches))
        in_sentence = [s for s in by_sentence.get(sent_start, ()) if s.at != tok]
        incises = [s for s in in_sentence if "incise" in s.frames]
        incises += [s for s in by_sentence.get(sent_end, ())  # split off by the parser
                    if "incise" in s.frames  # into a sentence of its own
                    and (self._incise_start(doc, s.at) or 0) - sent_end <= 1]
        incises = [s for s in incises if self._covers(doc, s, tok, speeches)]
        if incises:
            return min(incises, key=lambda s: abs(s.at - tok)), "source.incise"
        selon = [s for s in in_sentence
                 if "selon" in s.frames and self._covers(doc, s, tok, speeches)]
        if selon:
            return min(selon, key=lambda s: abs(s.at - tok)), "source.selon"
        for start, end, speech in quotes:
            if start <= words.idx[tok] < end:
                if not speech.lemma:
                    return speech, "source.quote_colon"
                same = words.sent_start[speech.at] == sent_start
                return speech, "source.quote" if same else "source.quote_continued"
        reported = self._reporting(doc, tok, speeches, relative=True)
        if reported is not None:
            return reported, "source.reported"
        return None

    @staticmethod
    def _covers(doc: Doc, speech: Speech, tok: int, speeches: dict[int, Speech]) -> bool:
        """Whether an incise or a "selon" of the sentence reports the event of ``tok``.

        Not the speaker's own act told inside the incise (", a rapporté la Mission,
        qui dénonce ...", ", a averti X, dénonçant ..."); not an event before a colon
        when the incise closes the quote after it. A background fact in a clause that
        modifies a noun ("44 manifestants interpellés vendredi") is the speaker's too.
        """
        words = read_words(doc)
        verb = speech.at
        if tok > verb:
            above = _ancestors(words, tok)
            if verb in above and not any(a in speeches for a in above if a > verb):
                return False
        return not (tok < verb and any(words.text[i] == ":" for i in range(tok, verb)))

    def _reporting(self, doc: Doc, tok: int, speeches: dict[int, Speech],
                   relative: bool = False) -> Speech | None:
        """The speech verb above the trigger whose complement holds it; through
        a relative clause only when ``relative`` (a last resort: "où 160
        personnes ont été tuées, selon des témoins" is the witnesses')."""
        words = read_words(doc)
        head_of, dep_of = words.head, words.dep
        child, node = tok, tok
        for _ in range(10):
            if head_of[node] == node:
                return None
            child, node = node, head_of[node]
            if self._narrator_clause(words, child) or (
                    dep_of[child] == "acl:relcl" and not relative) or (
                    C.is_present_participle(doc, child)):
                return None  # "où 160 personnes ont été tuées", "accusant l'armée de ..."
            speech = speeches.get(node)
            if speech is None or speech.lemma in ("selon", "d'après"):
                continue
            speaker = speech.speaker
            if speaker is not None and speaker["start"] <= words.idx[child] < speaker["end"]:
                return None  # "a rapporté la radio, qui dénonce ...": the speaker's own act
            dep = dep_of[child]
            if dep in ("ccomp", "csubj") or (dep == "obj" and words.pos[child] in C.PREDICATE_POS):
                frame = "que"
            elif dep == "xcomp":
                frame = "infinitive"
            elif dep == "obj":
                frame = "object"
            elif dep in ("parataxis", "advcl", "conj"):
                frame = "incise" if "incise" in speech.frames else "quote"
            else:
                return None
            return speech if frame in speech.frames else None
        return None

    @staticmethod
    def _narrator_clause(words: Words, child: int) -> bool:
        """A clause joined to a reported one without "que" and with its own
        subject ("..., mais des tirs ont été entendus") is the narrator's."""
        if words.dep[child] != "conj":
            return False
        kids = words.children[child]
        return any(words.dep[c].startswith("nsubj") for c in kids) and not any(
            words.lower[c] in ("que", "qu'", "qu’") for c in kids)

    # ------------------------------------------------------------ participants

    def link_participants(self, doc: Doc, event: dict[str, Any], speech: Speech | None,
                          resolver: Resolver) -> None:
        """Give pronoun and general-noun actors and recipients their referent."""
        parts = [event.get(k) for k in _PARTICIPANT_KEYS]
        parts += list(event.get("co_actors") or []) + list(event.get("co_recipients") or [])
        for part in parts:
            if not isinstance(part, dict) or part.get("name") or part.get("kb_id"):
                continue  # linked already: nothing to resolve
            reported = speech is not None and speech.lemma not in ("selon", "d'après") and (
                part["start"] > read_words(doc).idx[speech.at])
            rule = resolver.resolve(part, where="reported" if reported else "any",
                                    speaker=speech.speaker if speech else None,
                                    speaker_agreement=speech.agreement if speech else (None, None))
            if rule:
                event.setdefault("rules", []).append(rule)


def _by_sentence(words: Words, speeches: dict[int, Speech]) -> dict[int, list[Speech]]:
    """The speeches of each sentence, in text order, by the sentence's first token."""
    found: dict[int, list[Speech]] = {}
    for i, speech in speeches.items():
        found.setdefault(words.sent_start[i], []).append(speech)
    return found


def _ancestors(words: Words, i: int) -> list[int]:
    """The indices of ``doc[i].ancestors``, nearest first."""
    found = []
    while words.head[i] != i and len(found) < len(words):
        i = words.head[i]
        found.append(i)
    return found


def _dated_tokens(doc: Doc) -> set[int]:
    """The indices of the tokens of the doc's dates (``doc._.kz_dates``)."""
    words = read_words(doc)
    found: set[int] = set()
    for date in doc._.kz_dates or []:
        bounds = words.char_tokens(date["start"], date["end"])
        if bounds is not None:
            found.update(range(*bounds))
    return found


@Language.factory("kzevents_sources")
def make_sources(nlp: Language, name: str) -> SourceFinder:
    """Factory of ``kzevents_sources``: add it after ``kzevents_modality``."""
    ensure_extensions()
    return SourceFinder(speech_verbs(), anaphora_rules())
