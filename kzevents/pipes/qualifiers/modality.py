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
from spacy.tokens import Doc, Span, Token

from kzevents._extensions import ensure_extensions
from kzevents.pipes.doc_words import Words
from kzevents.pipes.events.triggers import is_reflexive
from kzevents.pipes.qualifiers import clause as C
from kzevents.pipes.qualifiers.lexicon import ModalityCue, modality_cues, speech_verbs
from kzevents.pipes.qualifiers.participants import doc_memo, doc_text, reading
from kzevents.pipes.qualifiers.words import read_words, token_memo

PRIORITY = ("negated", "hypothetical", "alleged", "future")
_PHRASE_TOKENS = re.compile(r"\w+['’]|[^\s'’]+")
_NEGATIVE_WORDS = frozenset(("pas", "plus", "jamais", "rien", "aucun", "aucune", "personne",
                             "guère", "nullement", "point", "ni"))
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
        self.sentence = [(re.compile(r"(?<!\w)" + re.escape(f.lower()) + r"(?!\w)"), c)
                         for c in self.by_scope.get("sentence", ()) for f in c.forms]
        # any of them, without the word bounds: most docs have none, then one search tells it
        self.any_sentence = re.compile("|".join(re.escape(f.lower()) for c in self.by_scope.get(
            "sentence", ()) for f in c.forms) or r"(?!)")
        self.titles = {f.lower() for c in self.by_scope.get("quote_title", ()) for f in c.forms}
        self.pseudo = {cid: c for c in self.by_scope.get("pseudo", ()) for cid in c.cancels}
        self.speech = speech_verbs()

    def __call__(self, doc: Doc) -> Doc:
        events = doc._.kz_events or []
        if not events:
            return doc
        with reading(doc):
            for event in events:
                span = C.trigger_span(doc, event["trigger"])
                if span is None:
                    continue
                modality, rule = self.modality(span)
                event["modality"] = modality
                if rule:
                    event.setdefault("rules", []).append(rule)
        return doc

    # ------------------------------------------------------------ deciding

    def modality(self, span: Span) -> tuple[str, str | None]:
        """The modality of the event whose trigger is ``span``, and the rule id."""
        found = self.findings(span)
        for modality in PRIORITY:
            for found_modality, rule in found:
                if found_modality == modality:
                    return modality, rule
        return "asserted", None

    def findings(self, span: Span) -> list[tuple[str, str]]:
        """Every (modality, rule id) that applies to the trigger."""
        tok = C.trigger_token(span)
        words = read_words(span.doc)
        found: list[tuple[str, str]] = []
        found += self._sentence_cues(words, tok, span)
        found += self._before_cues(words, tok, span)
        if words.pos[tok.i] not in C.PREDICATE_POS:
            found += self._modifier_cues(C.noun_path(tok))
        pred = C.clause_predicate(tok, self.governor_lemmas)
        if pred is not None:
            found += self._chain_cues(pred, trigger=tok)
        return found

    def _cue(self, cue: ModalityCue) -> tuple[str, str]:
        assert cue.modality is not None
        return cue.modality, f"modality.{cue.id}"

    def _sentence_cues(self, words: Words, tok: Token, span: Span) -> list[tuple[str, str]]:
        start = words.sent_start[tok.i]
        sentences = doc_memo(span.doc, "modality.sentences", dict)
        if start not in sentences:
            sentences[start] = self._read_sentence(words, span.doc, start, words.sent_end[tok.i])
        found, question, end_char, quotes = sentences[start]
        found = list(found)
        if question and span.end_char <= end_char:
            found.append(("hypothetical", "modality.hyp.question"))
        if self._in_title(words, start, quotes, span):
            found.append(("hypothetical", "modality.hyp.title"))
        return found

    def _read_sentence(self, words: Words, doc: Doc, start: int, end: int
                       ) -> tuple[list[tuple[str, str]], bool, int, list[tuple[int, str]]]:
        """What a sentence tells every event in it, once: its sentence cues,
        whether it is a real question, its end, and its quotation marks."""
        end_char = words.end_char(end - 1)
        raw = doc_text(doc)[words.idx[start]: end_char]  # the sentence's text
        found = []
        if doc_memo(doc, "modality.any_sentence_cue", lambda: bool(
                self.any_sentence.search(doc_text(doc).lower().replace("’", "'")))):
            text = raw.lower().replace("’", "'")
            found = [self._cue(c) for regex, c in self.sentence if regex.search(text)]
        stripped = raw.strip().rstrip("»*_\" )").rstrip()
        question = False
        if stripped.endswith("?"):
            first = next((t.lower_ for t in doc[start:end] if t.is_alpha), "")
            wh = self.pseudo.get("hyp.question")
            question = not (wh and first in {f.lower() for f in wh.forms})
        quotes = [(i, words.text[i]) for i in range(start, end)
                  if words.text[i] in ("«", "“", "»", "”")]
        return found, question, end_char, quotes

    def _in_title(self, words: Words, sent_start: int, quotes: list[tuple[int, str]],
                  span: Span) -> bool:
        """Inside « ... » that a title word introduces ("un film intitulé « ... »")."""
        opening = None
        for i, text in quotes:
            if i >= span.start:
                break
            opening = i if text in ("«", "“") else None
        if opening is None:
            return False
        return any(w in self.titles for w in words.lower[max(sent_start, opening - 3): opening])

    def _before_cues(self, words: Words, tok: Token, span: Span) -> list[tuple[str, str]]:
        sent_start = words.sent_start[span.start]
        found = []
        for gap in range(0, 4):
            end = span.start - gap
            if end <= sent_start:
                break
            if gap and words.text[end] in _PUNCT_GAP:
                break
            hits = []
            for length in self.before_lengths:
                start = end - length
                if start < sent_start:
                    break
                for rank, cue in self.before_index.get(tuple(words.folded[start:end]), ()):
                    if cue.modality == "negated" and (gap or (
                            self.before[rank][0][-1] in ("de", "d'")
                            and words.pos[tok.i] in C.PREDICATE_POS)):
                        # right before the trigger only: "aucune arrestation", but not
                        # "Aucun des 44 manifestants interpellés" nor "n'exclut pas de déployer"
                        continue
                    hits.append((rank, cue))
            found += [self._cue(cue) for _, cue in sorted(hits, key=lambda hit: hit[0])]
        return found

    def _modifier_cues(self, nouns: list[Token]) -> list[tuple[str, str]]:
        """Cues modifying the trigger noun or the noun above it, and the words
        just beside the trigger ("le présumé attentat", "le meurtrier présumé",
        which the parser often attaches wrongly)."""
        found = []
        doc = nouns[0].doc
        for i in (nouns[0].i - 1, nouns[0].i + 1):
            if not 0 <= i < len(doc):
                continue
            cue = self.modifiers.get((doc[i].lower_,))
            if cue is not None and not (cue.modality == "negated" and i > nouns[0].i):
                found.append(self._cue(cue))
        for noun in nouns:
            for child in noun.children:
                if child.dep_ not in ("amod", "det", "acl", "advmod", "case", "nmod", "acl:relcl"):
                    continue
                texts = [(child.lower_,),
                         tuple(t.lower_.replace("’", "'") for t in child.subtree)]
                if child.i + 1 < len(noun.doc):
                    texts.append((child.lower_, noun.doc[child.i + 1].lower_))
                for words in dict.fromkeys(texts):  # in this order on every run (not a set)
                    cue = self.modifiers.get(words)
                    if cue is not None:
                        found.append(self._cue(cue))
        return found

    # ------------------------------------------------------------ the clause chain

    def governor_cues(self, node: Token) -> list[ModalityCue]:
        """The governor cues of a verb; those written "s'..." only when it is pronominal."""
        return token_memo(node, "modality.governor_cues", self._governor_cues)

    def _governor_cues(self, node: Token) -> list[ModalityCue]:
        cues = list(self.governors.get(node.lemma_, ()))
        if node.lemma_ in self.reflexive_governors and is_reflexive(node):
            cues += [c for c in self.reflexive_governors[node.lemma_] if c not in cues]
        return cues

    def _chain_cues(self, pred: Token, trigger: Token) -> list[tuple[str, str]]:
        """Cues on the trigger's predicate and on the verbs governing it through
        xcomp or a cue verb's complement, up to a speech verb (excluded)."""
        found: list[tuple[str, str]] = []
        chain, reporter = token_memo(pred, "modality.chain", self._chain)
        for index, node in enumerate(chain):
            matched_governor = False
            words = self._clause_words(node)
            negated = any(m == "negated" for m, _ in words)
            if node.i != trigger.i:  # the trigger's own verb is never its own cue
                for cue in self.governor_cues(node):
                    if cue.mood is not None and cue.mood not in C.moods(node):
                        continue
                    matched_governor = True
                    if cue.id == "hyp.not_excluded" or (cue.modality == "negated" and negated):
                        continue  # see below
                    found.append(self._cue(cue))
                denial = any(c.modality == "negated" for c in self.governor_cues(node))
                if denial and negated:
                    # a denial denied: "n'exclut pas de" leaves it possible,
                    # "n'a pas démenti" does not negate the event
                    words = []
                    if any(c.id == "hyp.not_excluded"
                           for c in self.governor_cues(node)):
                        found.append(("hypothetical", "modality.hyp.not_excluded"))
            found += words
            if C.is_future(node):
                found.append(("future", "modality.future_tense"))
            if "Cnd" in C.moods(node) and not matched_governor:
                above = chain[index + 1] if index + 1 < len(chain) else reporter
                found.append(self._conditional(node, above, trigger.sent))
            if (index == len(chain) - 1 and node.dep_ == "ROOT" and reporter is None
                    and "Sub" in C.moods(node)):
                found.append(("hypothetical", "modality.subjunctive"))
        reporter_negated = reporter is not None and any(
            m == "negated" for m, _ in self._clause_words(reporter))
        if reporter is not None and reporter.lemma_ in self.governors and not reporter_negated:
            for cue in self.governors[reporter.lemma_]:
                if cue.modality in ("negated", "alleged") and cue.id != "hyp.not_excluded":
                    found.append(self._cue(cue))  # "a démenti que", "accuse ... d'avoir"
        return found

    def _chain(self, pred: Token) -> tuple[list[Token], Token | None]:
        chain = [pred]
        node = pred
        while node.head.i != node.i and len(chain) < 6:
            head = node.head
            if head.pos_ not in C.PREDICATE_POS:
                break
            if head.lemma_ in self.speech and node.dep_ in ("ccomp", "xcomp", "obj", "csubj",
                                                            "advcl", "parataxis"):
                return chain, head
            if node.dep_ == "xcomp" or (node.dep_ in ("ccomp", "obj", "csubj")
                                        and head.lemma_ in self.governors):
                chain.append(head)
                node = head
                continue
            break
        # "a demandé à l'alliance d'envoyer": the infinitive hangs from the noun
        top = chain[-1]
        if (top.dep_ == "acl" and top.head.pos_ in ("NOUN", "PROPN")
                and any(c.dep_ == "mark" and c.lower_ in ("de", "d'", "d’", "à")
                        for c in top.children)
                and top.head.head.lemma_ in self.governors
                and top.head.dep_ in ("obl:arg", "obj", "iobj")):
            chain.append(top.head.head)
        return chain, None

    def _clause_words(self, node: Token) -> list[tuple[str, str]]:
        """Negation and "si"/"sans" among the function words of one predicate."""
        return token_memo(node, "modality.clause_words", self._read_clause_words)

    def _read_clause_words(self, node: Token) -> list[tuple[str, str]]:
        found = []
        doc, words = node.doc, read_words(node.doc)
        for c in words.children[node.i]:
            if words.dep[c] not in ("advmod", "mark", "aux:tense", "aux:pass", "nsubj",
                                    "nsubj:pass", "case", "cc", "expl:comp", "obj", "obl:mod"):
                continue
            lemma = words.lemma[c]
            cue = self.clause_lemmas.get(lemma) if lemma == "ne" or \
                "Neg" in words.values(doc, c, "Polarity") else None
            cue = cue or self.clause_forms.get(words.folded[c])
            if cue is None:
                continue
            child = doc[c]
            if cue.id == "hyp.si" and not self._is_si(child):
                continue
            if cue.id == "hyp.en_cas" and not any(g.lower_ == "en" for g in child.children):
                continue
            if (words.dep[c] in ("nsubj", "nsubj:pass", "obj") and cue.id != "neg.ne") or (
                    words.dep[c] == "obl:mod" and cue.id != "hyp.en_cas"):
                continue
            if self._cancelled(cue.id, node, child):
                continue
            found.append(self._cue(cue))
        return found

    @staticmethod
    def _is_si(tok: Token) -> bool:
        """"si"/"s'" the conjunction, not the reflexive "s'" ("s'apprête")."""
        if tok.lower_ == "si":
            return tok.dep_ == "mark"
        following = tok.doc[tok.i + 1].lower_ if tok.i + 1 < len(tok.doc) else ""
        return tok.dep_ == "mark" and following in ("il", "ils")

    def _cancelled(self, cue_id: str, node: Token, cue_token: Token) -> bool:
        pseudo = self.pseudo.get(cue_id)
        if pseudo is None:
            return False
        doc = node.doc
        forms = {f.lower() for f in pseudo.forms}
        if cue_id == "neg.ne":  # "n'a envoyé que 100 soldats", unless "ne ... pas ... que"
            if any(c.lower_ in _NEGATIVE_WORDS for c in node.children) or any(
                    c.lower_ in _NEGATIVE_WORDS for h in C.helpers(node) for c in h.children):
                return False
            return any(t.lower_.replace("’", "'") in forms
                       and (t.head.i == node.i or t.head.pos_ not in C.PREDICATE_POS)
                       for t in doc[node.i + 1: node.sent.end])
        if cue_id == "hyp.si":  # "même si"
            before = doc[cue_token.i - 1].lower_ if cue_token.i > 0 else ""
            return any(phrase_tokens(f)[0] == before for f in forms)
        return False

    def _conditional(self, node: Token, above: Token | None, sent: Span) -> tuple[str, str]:
        """A conditional: alleged in the past, future in the past under a past
        verb ("a annoncé qu'elle enverrait"), hypothetical beside "si"."""
        if C.compound_conditional(node):
            return "alleged", "modality.conditional"
        if above is not None and C.is_past(above):
            return "future", "modality.future_in_past"
        if any(t.lower_ in ("si", "s'", "s’") and t.dep_ == "mark" for t in sent):
            return "hypothetical", "modality.conditional_if"
        return "alleged", "modality.conditional"


@Language.factory("kzevents_modality")
def make_modality(nlp: Language, name: str) -> ModalityTagger:
    """Factory of ``kzevents_modality``: add it after ``kzevents_events``."""
    ensure_extensions()
    return ModalityTagger(modality_cues())

