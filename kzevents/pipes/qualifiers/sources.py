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
from spacy.tokens import Doc, Token

from kzevents._extensions import ensure_extensions
from kzevents.pipes.doc_words import morph_values
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
    doc_memo,
    doc_text,
    make_participant,
    reading,
)
from kzevents.pipes.qualifiers.words import read_words, token_memo

# Heads of "selon X" that name a rule or a plan, not a speaker.
NOT_SPEAKERS = frozenset((
    "formule", "plan", "terme", "accord", "loi", "constitution", "modèle", "principe", "règle",
    "calendrier", "procédure", "méthode", "logique", "scénario", "usage", "tradition", "lequel",
    "laquelle", "lesquels", "lesquelles", "mesure", "cas", "besoin",
))
_OPEN = ("«", "“")
_CLOSE = ("»", "”")
# "selon X", "d'après X": the words that may open a source without a verb
_ACCORDING_TO = ("selon", "d'", "d’")


_PARTICIPANT_KEYS = ("actor", "recipient")


@dataclass
class Speech:
    """One act of speech: a speech verb (or "selon") and who speaks."""

    token: Token
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
            span = C.trigger_span(doc, event["trigger"])
            if span is None:
                continue
            tok = C.trigger_token(span)
            found = self.attribute(tok, speeches, quotes)
            rules = event.setdefault("rules", [])
            speech = None
            if found is not None:
                speech, rule = found
                event["source"] = {"speaker": dict(speech.speaker) if speech.speaker else None,
                                   "verb": speech.lemma or None, "date": speech.date}
                rules.append(rule)
                if speech.anaphora:
                    rules.append(speech.anaphora)
            self.link_participants(doc, event, tok, speech, resolver)

    # ------------------------------------------------------------ acts of speech

    def speeches(self, doc: Doc, resolver: Resolver) -> dict[int, Speech]:
        """Every speech verb used as one, and every "selon X", by token index,
        speakers resolved in text order (a later "il" may mean an earlier one)."""
        dates = self._verb_dates(doc)
        found: dict[int, Speech] = {}
        words = read_words(doc)
        for i in [i for i, lemma in enumerate(words.lemma)
                  if lemma in self.verbs or words.lower[i] in _ACCORDING_TO]:
            tok = doc[i]
            speech = self._speech_at(doc, tok, dates)
            if speech is None:
                continue
            if speech.speaker is not None:
                speech.anaphora = resolver.resolve(speech.speaker, where="speech_subject")
                speaker = speech.speaker
                spoken = bare(doc_text(doc)[speaker["start"]: speaker["end"]])
                if spoken in PRONOUNS and not (speaker.get("name") or speaker.get("country")):
                    speech.speaker = None  # "a-t-il dit" with no one to refer to: no speaker
                head = tok.head if speech.lemma in ("selon", "d'après") \
                    else self._speaker_token(tok)
                if head is not None and speech.speaker is not None:
                    resolver.remember_speaker(speech.speaker, head)
                    speech.agreement = pronoun_agreement(head.text) if head.pos_ == "PRON" \
                        else agreement(head)
            if speech.frames:  # a speaker without a clause ("X a déclaré.") is remembered only
                found[tok.i] = speech
        return found

    def _speech_at(self, doc: Doc, tok: Token, dates: dict[int, dict[str, Any]]
                   ) -> Speech | None:
        lower = tok.lower_
        if lower in ("selon", "d'", "d’") and tok.dep_ == "case":
            if lower != "selon" and not (tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "après"):
                return None
            lemma = "selon" if lower == "selon" else "d'après"
            if lemma not in self.verbs or tok.head.lemma_ in NOT_SPEAKERS:
                return None
            head = tok.head
            return Speech(token=tok, lemma=lemma, frames={"selon"},
                          speaker=make_participant(doc, head), date=None)
        words = read_words(doc)
        entry = self.verbs.get(words.lemma[tok.i])
        if entry is None or entry.kind != "verb" or words.pos[tok.i] != "VERB":
            return None
        if tok.lemma_ == "savoir" and not (tok.i and tok.doc[tok.i - 1].lemma_ == "faire"):
            return None  # only "faire savoir"
        frames = self._frames(tok, entry)
        if any(words.lemma[c] == "ne" or "Neg" in words.values(doc, c, "Polarity")
               for c in words.children[tok.i]):
            frames = set()  # "n'a pas précisé si ...": the speaker did not say it
        subject = self._speaker_token(tok)
        if subject is None:
            return None  # "un homme accusé d'avoir ...": no one speaks
        speaker = make_participant(doc, subject)
        return Speech(token=tok, lemma=tok.lemma_, frames=frames, speaker=speaker,
                      date=dates.get(tok.i))

    def _frames(self, verb: Token, entry: SpeechVerb) -> set[str]:
        """How this use of the verb can attribute events."""
        frames = set()
        words = read_words(verb.doc)
        for c in words.children[verb.i]:
            dep, pos = words.dep[c], words.pos[c]
            if dep in ("ccomp", "csubj") or (dep == "obj" and pos in C.PREDICATE_POS):
                frames.add("que")
            elif dep == "xcomp" and pos in C.PREDICATE_POS:
                frames.add("infinitive")
            elif dep == "obj" and pos in ("NOUN", "PROPN"):
                frames.add("object")
        after = words.text[verb.i + 1: min(verb.i + 4, words.sent_end[verb.i])]
        if any(text == ":" or text in _OPEN for text in after):
            frames.add("quote")
        if self._is_incise(verb):
            frames.add("incise")
        return frames & set(entry.frames)

    @staticmethod
    def _inverted_subject(verb: Token) -> Token | None:
        """The subject after an inverted verb: "-il" in "a-t-il dit", or the
        noun after the verb, whatever the parser called it ("a indiqué le
        ministère", "a déclaré samedi un commandant"), but not a date nor a
        prepositional phrase ("dans un communiqué", "à l'AFP")."""
        doc = verb.doc
        words = read_words(doc)
        text, pos = words.text, words.pos
        for c in words.children[verb.i]:
            if text[c].startswith("-") and bare(text[c]) in PRONOUNS:
                return doc[c]
        dated = doc_memo(doc, "dated_tokens", lambda: {
            t.i for d in doc._.kz_dates or []
            for t in doc.char_span(d["start"], d["end"], alignment_mode="expand") or []})
        i = verb.i + 1
        end = words.sent_end[verb.i]
        while i < end:  # by the surface: the parse of inversions is often wrong
            if words.is_punct[i] or pos[i] in ("VERB", "AUX", "SCONJ", "CCONJ"):
                return None
            if i in dated or pos[i] in ("ADV", "DET", "ADJ", "NUM") or (
                    words.lower[i] in ("des", "du", "de", "d'", "d’") and i + 1 < len(doc)
                    and pos[i + 1] in ("NOUN", "PROPN", "ADJ", "NUM")):
                i += 1
            elif pos[i] == "ADP":  # "à l'AFP", "dans un communiqué": not the subject
                i = max(words.head[i], i) + 1
            elif pos[i] in ("NOUN", "PROPN"):
                return doc[i]
            else:
                return None
        return None

    def _is_incise(self, verb: Token) -> bool:
        """An inverted speech verb after a comma, a dash or a closing quote; not a
        present participle, whose following noun is its object (", accusant la police")."""
        return token_memo(verb, "sources.is_incise", self._read_is_incise)

    def _read_is_incise(self, verb: Token) -> bool:
        if C.is_present_participle(verb):
            return False
        words = read_words(verb.doc)
        if any((words.dep[c] in ("ccomp", "csubj") and c > verb.i)
               or words.lower[c] in ("que", "qu'", "qu’") for c in words.children[verb.i]):
            return False
        if self._inverted_subject(verb) is None:
            return False
        return self._incise_start(verb) is not None

    @staticmethod
    def _incise_start(verb: Token) -> int | None:
        """Index of the first word of an incise (its auxiliary), when a comma,
        dash or closing quote comes just before it."""
        if verb.lemma_ == "savoir" and verb.i and verb.doc[verb.i - 1].lemma_ == "faire":
            verb = verb.doc[verb.i - 1]  # "a fait savoir le porte-parole"
        first = min([verb.i, *(h.i for h in C.helpers(verb))])
        if first > 0 and verb.doc[first - 1].text in (",", *_CLOSE, "—", "–", "("):
            return first
        return None

    def _speaker_token(self, verb: Token) -> Token | None:
        if self._is_incise(verb):
            return self._inverted_subject(verb)
        words = read_words(verb.doc)
        for dep in ("nsubj", "expl:subj", "obl:agent"):
            for c in words.children[verb.i]:
                if words.dep[c] == dep and bare(words.text[c]) != "t" and (
                        dep != "expl:subj" or bare(words.text[c]) in PRONOUNS):
                    child = verb.doc[c]
                    if "Rel" in morph_values(child, "PronType") and verb.head.i != verb.i:
                        return verb.head  # "le ministre, qui a déclaré que ..."
                    return child
        if verb.dep_ == "conj" and verb.head.pos_ == "VERB" and verb.head.i != verb.i:
            return self._speaker_token(verb.head)
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN") and (
                "Fin" in morph_values(verb, "VerbForm")):
            return verb.head  # "L'agence Tass rapporte que ...", parsed as a modifier
        return None

    @staticmethod
    def _verb_dates(doc: Doc) -> dict[int, dict[str, Any]]:
        """Token index of a verb -> the date attached to it (the first verb
        above the date's words)."""
        found: dict[int, dict[str, Any]] = {}
        for date in doc._.kz_dates or []:
            span = doc.char_span(date["start"], date["end"], alignment_mode="expand")
            if span is None or not len(span):
                continue
            node = span.root
            for _ in range(6):
                if node.pos_ == "VERB":
                    found.setdefault(node.i, date)
                    break
                if node.head.i == node.i:
                    break
                node = node.head
        return found

    # ------------------------------------------------------------ quotes

    def quotes(self, doc: Doc, speeches: dict[int, Speech]) -> list[tuple[int, int, Speech]]:
        """Quotations that hold a clause, with the speech that introduces them:
        (start char, end char, speech)."""
        regions: list[tuple[int, int]] = []
        opening: int | None = None
        words = read_words(doc)
        for i in [i for i, text in enumerate(words.text) if text in _OPEN or text in _CLOSE]:
            tok = doc[i]
            if tok.text in _OPEN and opening is None:
                opening = tok.i
            elif tok.text in _CLOSE and opening is not None:
                regions.append((opening, tok.i))
                opening = None
        if opening is not None:
            regions.append((opening, len(doc) - 1))
        found = []
        for first, last in regions:
            inside = doc[first + 1: last]
            if not any(t.pos_ in C.PREDICATE_POS for t in inside):
                continue  # a quoted word or phrase, not a statement
            speech = self._introducer(doc, first, last, speeches)
            if speech is not None:
                found.append((doc[first].idx, doc[last].idx + len(doc[last]), speech))
        return found

    def _introducer(self, doc: Doc, first: int, last: int, speeches: dict[int, Speech]
                    ) -> Speech | None:
        sent = doc[first].sent
        before = [s for i, s in speeches.items()
                  if sent.start <= i < first and "quote" in s.frames and s.lemma != "selon"]
        for speech in reversed(before):
            between = doc[speech.token.i + 1: first]
            if any(t.text == ":" for t in between) or len(between) <= 2:
                return speech
        for i in range(last + 1, min(last + 6, len(doc))):
            speech = speeches.get(i)
            if speech is not None and "incise" in speech.frames:
                return speech
        return self._colon_speaker(doc, first)

    @staticmethod
    def _colon_speaker(doc: Doc, first: int) -> Speech | None:
        """« ... » right after a colon that closes a clause with a subject
        ("Le Premier ministre a été clair : « ... »"): that subject speaks."""
        if first == 0 or doc[first - 1].text != ":":
            return None
        colon = doc[first - 1]
        verb = colon.head if colon.head.i < colon.i else next(
            (t for t in reversed(doc[colon.sent.start: colon.i]) if t.dep_ == "ROOT"), None)
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")), None) \
            if verb is not None else None
        if subject is None or subject.pos_ == "PRON":
            return None
        return Speech(token=colon, lemma="", frames={"quote"},
                      speaker=make_participant(doc, subject), date=None)

    # ------------------------------------------------------------ attributing

    def attribute(self, tok: Token, speeches: dict[int, Speech],
                  quotes: list[tuple[int, int, Speech]]) -> tuple[Speech, str] | None:
        """The speech that reports the event of ``tok``, and the rule."""
        reported = self._reporting(tok, speeches)
        if reported is not None:
            return reported, "source.reported"
        words = read_words(tok.doc)
        sent_start, sent_end = words.sent_start[tok.i], words.sent_end[tok.i]
        in_sentence = [s for i, s in speeches.items() if sent_start <= i < sent_end
                       and s.token.i != tok.i]
        incises = [s for s in in_sentence if "incise" in s.frames]
        incises += [s for i, s in speeches.items() if "incise" in s.frames  # split off by the
                    and words.sent_start[i] == sent_end  # parser into a sentence of its own
                    and (self._incise_start(s.token) or 0) - sent_end <= 1]
        incises = [s for s in incises if self._covers(s, tok, speeches)]
        if incises:
            return min(incises, key=lambda s: abs(s.token.i - tok.i)), "source.incise"
        selon = [s for s in in_sentence if "selon" in s.frames and self._covers(s, tok, speeches)]
        if selon:
            return min(selon, key=lambda s: abs(s.token.i - tok.i)), "source.selon"
        for start, end, speech in quotes:
            if start <= tok.idx < end:
                if not speech.lemma:
                    return speech, "source.quote_colon"
                same = words.sent_start[speech.token.i] == sent_start
                return speech, "source.quote" if same else "source.quote_continued"
        reported = self._reporting(tok, speeches, relative=True)
        if reported is not None:
            return reported, "source.reported"
        return None

    @staticmethod
    def _covers(speech: Speech, tok: Token, speeches: dict[int, Speech]) -> bool:
        """Whether an incise or a "selon" of the sentence reports the event of ``tok``.

        Not the speaker's own act told inside the incise (", a rapporté la Mission,
        qui dénonce ...", ", a averti X, dénonçant ..."); not an event before a colon
        when the incise closes the quote after it. A background fact in a clause that
        modifies a noun ("44 manifestants interpellés vendredi") is the speaker's too.
        """
        verb = speech.token
        if tok.i > verb.i and verb in tok.ancestors and not any(
                a.i in speeches for a in tok.ancestors if a.i > verb.i):
            return False
        low, high = sorted((tok.i, verb.i))
        return not (tok.i < verb.i and any(t.text == ":" for t in tok.doc[low:high]))

    def _reporting(self, tok: Token, speeches: dict[int, Speech], relative: bool = False
                   ) -> Speech | None:
        """The speech verb above the trigger whose complement holds it; through
        a relative clause only when ``relative`` (a last resort: "où 160
        personnes ont été tuées, selon des témoins" is the witnesses')."""
        child, node = tok, tok
        for _ in range(10):
            if node.head.i == node.i:
                return None
            child, node = node, node.head
            if self._narrator_clause(child) or (child.dep_ == "acl:relcl" and not relative) or (
                    C.is_present_participle(child)):
                return None  # "où 160 personnes ont été tuées", "accusant l'armée de ..."
            speech = speeches.get(node.i)
            if speech is None or speech.lemma in ("selon", "d'après"):
                continue
            speaker = speech.speaker
            if speaker is not None and speaker["start"] <= child.idx < speaker["end"]:
                return None  # "a rapporté la radio, qui dénonce ...": the speaker's own act
            dep = child.dep_
            if dep in ("ccomp", "csubj") or (dep == "obj" and child.pos_ in C.PREDICATE_POS):
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
    def _narrator_clause(child: Token) -> bool:
        """A clause joined to a reported one without "que" and with its own
        subject ("..., mais des tirs ont été entendus") is the narrator's."""
        if child.dep_ != "conj":
            return False
        kids = list(child.children)
        return any(c.dep_.startswith("nsubj") for c in kids) and not any(
            c.lower_ in ("que", "qu'", "qu’") for c in kids)

    # ------------------------------------------------------------ participants

    def link_participants(self, doc: Doc, event: dict[str, Any], tok: Token,
                          speech: Speech | None, resolver: Resolver) -> None:
        """Give pronoun and general-noun actors and recipients their referent."""
        parts = [event.get(k) for k in _PARTICIPANT_KEYS]
        parts += list(event.get("co_actors") or []) + list(event.get("co_recipients") or [])
        for part in parts:
            if not isinstance(part, dict):
                continue
            reported = speech is not None and speech.lemma not in ("selon", "d'après") and (
                part["start"] > speech.token.idx)
            rule = resolver.resolve(part, where="reported" if reported else "any",
                                    speaker=speech.speaker if speech else None,
                                    speaker_agreement=speech.agreement if speech else (None, None))
            if rule:
                event.setdefault("rules", []).append(rule)


@Language.factory("kzevents_sources")
def make_sources(nlp: Language, name: str) -> SourceFinder:
    """Factory of ``kzevents_sources``: add it after ``kzevents_modality``."""
    ensure_extensions()
    return SourceFinder(speech_verbs(), anaphora_rules())
