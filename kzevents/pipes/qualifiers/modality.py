"""The ``kzevents_modality`` component: did the event happen?

Each event of ``doc._.kz_events`` gets its ``modality`` from the cues of
data/lexicons/modality_cues.jsonl whose scope is the trigger's clause
(``clause.py``), and the id of the deciding cue in its ``rules``
("modality.neg.ne"). Where several cues apply, the strongest wins:
negated, then hypothetical, then alleged, then future.

Besides the cue lists, the verb forms say it (rule ids in ``rules`` too):

- ``modality.future_tense``: "enverra", "poursuivront", "sera déployé";
- ``modality.conditional``: the journalistic conditional, "aurait tué",
  "auraient été arrêtés" -> alleged;
- ``modality.future_in_past``: a simple conditional in a clause reported by a
  past speech verb, "a annoncé qu'elle enverrait" -> future;
- ``modality.conditional_if``: a conditional beside a "si" clause -> hypothetical;
- ``modality.subjunctive``: a wish in a main clause, "Qu'ils soient libérés" ->
  hypothetical.

A speech verb is a wall: "Le ministre dira demain combien de manifestants ont
été arrêtés" keeps the arrests asserted (the future of the speech is not the
event's), and a negated speech verb ("n'a pas précisé") does not negate what
it reports. THREATEN stays asserted: only the threatened act below "menace
de" is hypothetical.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kzevents._extensions import ensure_extensions
from kzevents.pipes.doc_text import doc_text
from kzevents.pipes.doc_words import Words
from kzevents.pipes.events.triggers import is_reflexive
from kzevents.pipes.qualifiers import clause as C
from kzevents.pipes.qualifiers.lexicon import ModalityCue, modality_cues, speech_verbs
from kzevents.pipes.qualifiers.words import (
    doc_memo,
    index_memo,
    read_words,
    reading,
)

PRIORITY = ("negated", "hypothetical", "alleged", "future")
_PHRASE_TOKENS = re.compile(r"\w+['’]|[^\s'’]+")
_NEGATIVE_WORDS = frozenset(("pas", "plus", "jamais", "rien", "aucun", "aucune", "personne",
                             "guère", "nullement", "point", "ni"))
_QUOTE_MARKS = ("«", "“", "»", "”")
_PUNCT_GAP = frozenset((",", ";", ":", "(", ")", "«", "»", '"', "—", "–"))


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """A cue phrase cut as spaCy cuts French ("en cas d'" -> en / cas / d')."""
    return tuple(_PHRASE_TOKENS.findall(phrase.lower().replace("’", "'")))


class ModalityTagger:
    """Sets ``modality`` on every event dict of a doc; holds only the cue tables."""

    def __init__(self, cues: tuple[ModalityCue, ...]) -> None:
        self.cues = {c.id: c for c in cues}
        self.by_scope: dict[str, list[ModalityCue]] = {}
        for cue in cues:
            self.by_scope.setdefault(cue.scope, []).append(cue)
        clause = self.by_scope.get("clause", [])
        self.clause_lemmas = {lemma: c for c in clause for lemma in c.lemmas}
        self.clause_forms = {f: c for c in clause for f in c.forms}
        self.governors: dict[str, list[ModalityCue]] = {}
        # "s'engager" (à libérer) is a cue, "engager" (des combats) is not
        self.reflexive_governors: dict[str, list[ModalityCue]] = {}
        for cue in self.by_scope.get("governor", ()):
            for lemma in cue.lemmas:
                if lemma.startswith("s'"):
                    self.reflexive_governors.setdefault(lemma[2:], []).append(cue)
                else:
                    self.governors.setdefault(lemma, []).append(cue)
        self.governor_lemmas = frozenset(self.governors) | frozenset(self.reflexive_governors)
        self.modifiers = {phrase_tokens(f): c for c in self.by_scope.get("modifier", ())
                          for f in c.forms}
        self.before = [(phrase_tokens(f), c) for c in self.by_scope.get("before", ())
                       for f in c.forms]
        # words -> (rank in self.before, cue): one look-up per phrase length
        self.before_index: dict[tuple[str, ...], list[tuple[int, ModalityCue]]] = {}
        for rank, (words, cue) in enumerate(self.before):
            self.before_index.setdefault(words, []).append((rank, cue))
        self.before_lengths = sorted({len(words) for words, _ in self.before})
        self.before_last_words = frozenset(words[-1] for words, _ in self.before)
        self.sentence = [(re.compile(r"(?<!\w)" + re.escape(f.lower()) + r"(?!\w)"), c)
                         for c in self.by_scope.get("sentence", ()) for f in c.forms]
        # the same forms, without the word bounds: most docs have none, then a few
        # substring tests tell it (faster than one regex of alternatives)
        self.sentence_forms = tuple(f.lower() for c in self.by_scope.get("sentence", ())
                                    for f in c.forms)
        self.titles = {f.lower() for c in self.by_scope.get("quote_title", ()) for f in c.forms}
        self.pseudo = {cid: c for c in self.by_scope.get("pseudo", ()) for cid in c.cancels}
        self.speech = speech_verbs()

    def __call__(self, doc: Doc) -> Doc:
        events = doc._.kz_events or []
        if not events:
            return doc
        with reading(doc):
            for event in events:
                bounds = C.trigger_tokens(doc, event["trigger"])
                if bounds is None:
                    continue
                modality, rule = self.modality(doc, *bounds)
                event["modality"] = modality
                if rule:
                    event.setdefault("rules", []).append(rule)
        return doc

    # ------------------------------------------------------------ deciding

    def modality(self, doc: Doc, start: int, end: int) -> tuple[str, str | None]:
        """The modality of the event whose trigger is ``doc[start:end]``, and the rule id."""
        found = self.findings(doc, start, end)
        for modality in PRIORITY:
            for found_modality, rule in found:
                if found_modality == modality:
                    return modality, rule
        return "asserted", None

    def findings(self, doc: Doc, start: int, end: int) -> list[tuple[str, str]]:
        """Every (modality, rule id) that applies to the trigger ``doc[start:end]``."""
        tok = C.trigger_token(doc, start, end)
        words = read_words(doc)
        found: list[tuple[str, str]] = []
        found += self._sentence_cues(doc, words, start, end)
        found += self._before_cues(words, tok, start)
        if words.pos[tok] not in C.PREDICATE_POS:
            found += self._modifier_cues(words, C.noun_path(doc, tok))
        pred = C.clause_predicate(doc, tok, self.governor_lemmas)
        if pred is not None:
            found += self._chain_cues(doc, pred, trigger=tok)
        return found

    def _cue(self, cue: ModalityCue) -> tuple[str, str]:
        assert cue.modality is not None
        return cue.modality, f"modality.{cue.id}"

    def _sentence_cues(self, doc: Doc, words: Words, start: int, end: int
                       ) -> list[tuple[str, str]]:
        sent_start = words.sent_start[start]
        sentences = doc_memo(doc, "modality.sentences", dict)
        if sent_start not in sentences:
            sentences[sent_start] = self._read_sentence(words, doc, sent_start,
                                                        words.sent_end[start])
        found, question, end_char, quotes = sentences[sent_start]
        found = list(found)
        if question and words.end_char(end - 1) <= end_char:
            found.append(("hypothetical", "modality.hyp.question"))
        if self._in_title(words, sent_start, quotes, start):
            found.append(("hypothetical", "modality.hyp.title"))
        return found

    def _read_sentence(self, words: Words, doc: Doc, start: int, end: int
                       ) -> tuple[list[tuple[str, str]], bool, int, list[tuple[int, str]]]:
        """What a sentence tells every event in it, once: its sentence cues,
        whether it is a real question, its end, and its quotation marks."""
        end_char = words.end_char(end - 1)
        raw = doc_text(doc)[words.idx[start]: end_char]  # the sentence's text
        found = []
        if doc_memo(doc, "modality.any_sentence_cue", lambda: self._any_sentence_cue(doc)):
            text = raw.lower().replace("’", "'")
            found = [self._cue(c) for regex, c in self.sentence if regex.search(text)]
        stripped = raw.strip().rstrip("»*_\" )").rstrip()
        question = False
        if stripped.endswith("?"):
            first = next((words.lower[i] for i in range(start, end) if words.is_alpha[i]), "")
            wh = self.pseudo.get("hyp.question")
            question = not (wh and first in {f.lower() for f in wh.forms})
        quotes = []
        if any(mark in raw for mark in _QUOTE_MARKS):
            quotes = [(i, words.text[i]) for i in range(start, end)
                      if words.text[i] in _QUOTE_MARKS]
        return found, question, end_char, quotes

    def _any_sentence_cue(self, doc: Doc) -> bool:
        """Whether a sentence cue may be somewhere in the doc."""
        text = doc_text(doc).lower().replace("’", "'")
        return any(form in text for form in self.sentence_forms)

    def _in_title(self, words: Words, sent_start: int, quotes: list[tuple[int, str]],
                  start: int) -> bool:
        """Inside « ... » that a title word introduces ("un film intitulé « ... »")."""
        opening = None
        for i, text in quotes:
            if i >= start:
                break
            opening = i if text in ("«", "“") else None
        if opening is None:
            return False
        return any(w in self.titles for w in words.lower[max(sent_start, opening - 3): opening])

    def _before_cues(self, words: Words, tok: int, start: int) -> list[tuple[str, str]]:
        sent_start = words.sent_start[start]
        found = []
        for gap in range(0, 4):
            end = start - gap
            if end <= sent_start:
                break
            if gap and words.text[end] in _PUNCT_GAP:
                break
            if words.folded[end - 1] not in self.before_last_words:
                continue  # no cue ends on this word (most words)
            hits = []
            for length in self.before_lengths:
                first = end - length
                if first < sent_start:
                    break
                for rank, cue in self.before_index.get(tuple(words.folded[first:end]), ()):
                    if cue.modality == "negated" and (gap or (
                            self.before[rank][0][-1] in ("de", "d'")
                            and words.pos[tok] in C.PREDICATE_POS)):
                        # right before the trigger only: "aucune arrestation", but not
                        # "Aucun des 44 manifestants interpellés" nor "n'exclut pas de déployer"
                        continue
                    hits.append((rank, cue))
            found += [self._cue(cue) for _, cue in sorted(hits, key=lambda hit: hit[0])]
        return found

    def _modifier_cues(self, words: Words, nouns: list[int]) -> list[tuple[str, str]]:
        """Cues modifying the trigger noun or the noun above it, and the words
        just beside the trigger ("le présumé attentat", "le meurtrier présumé",
        which the parser often attaches wrongly)."""
        found = []
        lower = words.lower
        for i in (nouns[0] - 1, nouns[0] + 1):
            if not 0 <= i < len(words):
                continue
            cue = self.modifiers.get((lower[i],))
            if cue is not None and not (cue.modality == "negated" and i > nouns[0]):
                found.append(self._cue(cue))
        for noun in nouns:
            for child in words.children[noun]:
                if words.dep[child] not in ("amod", "det", "acl", "advmod", "case", "nmod",
                                            "acl:relcl"):
                    continue
                texts = [(lower[child],), tuple(words.folded[i] for i in words.subtree(child))]
                if child + 1 < len(words):
                    texts.append((lower[child], lower[child + 1]))
                for key in dict.fromkeys(texts):  # in this order on every run (not a set)
                    cue = self.modifiers.get(key)
                    if cue is not None:
                        found.append(self._cue(cue))
        return found

    # ------------------------------------------------------------ the clause chain

    def governor_cues(self, doc: Doc, node: int) -> list[ModalityCue]:
        """The governor cues of a verb; those written "s'..." only when it is pronominal."""
        return index_memo(doc, "modality.governor_cues", node, self._governor_cues)

    def _governor_cues(self, doc: Doc, node: int) -> list[ModalityCue]:
        lemma = read_words(doc).lemma[node]
        cues = list(self.governors.get(lemma, ()))
        if lemma in self.reflexive_governors and is_reflexive(doc[node]):
            cues += [c for c in self.reflexive_governors[lemma] if c not in cues]
        return cues

    def _chain_cues(self, doc: Doc, pred: int, trigger: int) -> list[tuple[str, str]]:
        """Cues on the trigger's predicate and on the verbs governing it through
        xcomp or a cue verb's complement, up to a speech verb (excluded)."""
        words = read_words(doc)
        found: list[tuple[str, str]] = []
        chain, reporter = index_memo(doc, "modality.chain", pred, self._chain)
        for index, node in enumerate(chain):
            matched_governor = False
            clause_cues = self._clause_words(doc, node)
            negated = any(m == "negated" for m, _ in clause_cues)
            if node != trigger:  # the trigger's own verb is never its own cue
                governor_cues = self.governor_cues(doc, node)
                for cue in governor_cues:
                    if cue.mood is not None and cue.mood not in C.moods(doc, node):
                        continue
                    matched_governor = True
                    if cue.id == "hyp.not_excluded" or (cue.modality == "negated" and negated):
                        continue  # see below
                    found.append(self._cue(cue))
                denial = any(c.modality == "negated" for c in governor_cues)
                if denial and negated:
                    # a denial denied: "n'exclut pas de" leaves it possible,
                    # "n'a pas démenti" does not negate the event
                    clause_cues = []
                    if any(c.id == "hyp.not_excluded" for c in governor_cues):
                        found.append(("hypothetical", "modality.hyp.not_excluded"))
            found += clause_cues
            if C.is_future(doc, node):
                found.append(("future", "modality.future_tense"))
            node_moods = C.moods(doc, node)
            if "Cnd" in node_moods and not matched_governor:
                above = chain[index + 1] if index + 1 < len(chain) else reporter
                found.append(self._conditional(doc, node, above, words.sent_start[trigger]))
            if (index == len(chain) - 1 and words.dep[node] == "ROOT" and reporter is None
                    and "Sub" in node_moods):
                found.append(("hypothetical", "modality.subjunctive"))
        if reporter is not None and words.lemma[reporter] in self.governors and not any(
                m == "negated" for m, _ in self._clause_words(doc, reporter)):
            for cue in self.governors[words.lemma[reporter]]:
                if cue.modality in ("negated", "alleged") and cue.id != "hyp.not_excluded":
                    found.append(self._cue(cue))  # "a démenti que", "accuse ... d'avoir"
        return found

    def _chain(self, doc: Doc, pred: int) -> tuple[list[int], int | None]:
        words = read_words(doc)
        head_of, dep, lemma = words.head, words.dep, words.lemma
        chain = [pred]
        node = pred
        while head_of[node] != node and len(chain) < 6:
            head = head_of[node]
            if words.pos[head] not in C.PREDICATE_POS:
                break
            if lemma[head] in self.speech and dep[node] in ("ccomp", "xcomp", "obj", "csubj",
                                                            "advcl", "parataxis"):
                return chain, head
            if dep[node] == "xcomp" or (dep[node] in ("ccomp", "obj", "csubj")
                                        and lemma[head] in self.governors):
                chain.append(head)
                node = head
                continue
            break
        # "a demandé à l'alliance d'envoyer": the infinitive hangs from the noun
        top = chain[-1]
        noun = head_of[top]
        if (dep[top] == "acl" and words.pos[noun] in ("NOUN", "PROPN")
                and any(dep[c] == "mark" and words.lower[c] in ("de", "d'", "d’", "à")
                        for c in words.children[top])
                and lemma[head_of[noun]] in self.governors
                and dep[noun] in ("obl:arg", "obj", "iobj")):
            chain.append(head_of[noun])
        return chain, None

    def _clause_words(self, doc: Doc, node: int) -> list[tuple[str, str]]:
        """Negation and "si"/"sans" among the function words of one predicate."""
        return index_memo(doc, "modality.clause_words", node, self._read_clause_words)

    def _read_clause_words(self, doc: Doc, node: int) -> list[tuple[str, str]]:
        found = []
        words = read_words(doc)
        for c in words.children[node]:
            if words.dep[c] not in ("advmod", "mark", "aux:tense", "aux:pass", "nsubj",
                                    "nsubj:pass", "case", "cc", "expl:comp", "obj", "obl:mod"):
                continue
            lemma = words.lemma[c]
            cue = self.clause_lemmas.get(lemma) if lemma == "ne" or \
                "Neg" in words.values(doc, c, "Polarity") else None
            cue = cue or self.clause_forms.get(words.folded[c])
            if cue is None:
                continue
            if cue.id == "hyp.si" and not self._is_si(words, c):
                continue
            if cue.id == "hyp.en_cas" and not any(words.lower[g] == "en"
                                                  for g in words.children[c]):
                continue
            if (words.dep[c] in ("nsubj", "nsubj:pass", "obj") and cue.id != "neg.ne") or (
                    words.dep[c] == "obl:mod" and cue.id != "hyp.en_cas"):
                continue
            if self._cancelled(doc, cue.id, node, c):
                continue
            found.append(self._cue(cue))
        return found

    @staticmethod
    def _is_si(words: Words, i: int) -> bool:
        """"si"/"s'" the conjunction, not the reflexive "s'" ("s'apprête")."""
        if words.lower[i] == "si":
            return words.dep[i] == "mark"
        following = words.lower[i + 1] if i + 1 < len(words) else ""
        return words.dep[i] == "mark" and following in ("il", "ils")

    def _cancelled(self, doc: Doc, cue_id: str, node: int, cue_token: int) -> bool:
        pseudo = self.pseudo.get(cue_id)
        if pseudo is None:
            return False
        words = read_words(doc)
        lower = words.lower
        forms = {f.lower() for f in pseudo.forms}
        if cue_id == "neg.ne":  # "n'a envoyé que 100 soldats", unless "ne ... pas ... que"
            if any(lower[c] in _NEGATIVE_WORDS for c in words.children[node]) or any(
                    lower[c] in _NEGATIVE_WORDS for h in C.helpers(doc, node)
                    for c in words.children[h]):
                return False
            return any(words.folded[t] in forms
                       and (words.head[t] == node or words.pos[words.head[t]]
                            not in C.PREDICATE_POS)
                       for t in range(node + 1, words.sent_end[node]))
        if cue_id == "hyp.si":  # "même si"
            before = lower[cue_token - 1] if cue_token > 0 else ""
            return any(phrase_tokens(f)[0] == before for f in forms)
        return False

    def _conditional(self, doc: Doc, node: int, above: int | None, sent_start: int
                     ) -> tuple[str, str]:
        """A conditional: alleged in the past, future in the past under a past
        verb ("a annoncé qu'elle enverrait"), hypothetical beside "si" in the
        sentence that starts at ``sent_start``."""
        if C.compound_conditional(doc, node):
            return "alleged", "modality.conditional"
        if above is not None and C.is_past(doc, above):
            return "future", "modality.future_in_past"
        words = read_words(doc)
        if any(words.lower[i] in ("si", "s'", "s’") and words.dep[i] == "mark"
               for i in range(sent_start, words.sent_end[sent_start])):
            return "hypothetical", "modality.conditional_if"
        return "alleged", "modality.conditional"


@Language.factory("kzevents_modality")
def make_modality(nlp: Language, name: str) -> ModalityTagger:
    """Factory of ``kzevents_modality``: add it after ``kzevents_events``."""
    ensure_extensions()
    return ModalityTagger(modality_cues())

