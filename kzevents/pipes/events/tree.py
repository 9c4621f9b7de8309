"""The parse of a doc as plain Python objects, one per word, for the event rules.

The rules walk the parse all the time: a word's head, its children, the words under it.
Through spaCy, each step makes a new ``Token`` (a call into Cython and an object per
word reached), and the events component spent much of its time there. A ``Word`` is
made once per token (when a rule first reaches it) from the doc's word table
(``doc_words``) and has the names of the ``Token`` attributes the rules read
(``text``, ``lemma_``, ``pos_``, ``dep_``, ``head``, ``children``, ``subtree``,
``morph.get``...): the rules read as before, and the shared helpers that take a spaCy
``Token`` (``is_reflexive``) take a ``Word`` as well. One object per token, so ``==``
and ``in`` compare words by identity, as spaCy compares tokens by position; never mix
``Word`` and ``Token`` in a comparison.
"""

from __future__ import annotations

from spacy.tokens import Doc

from kzevents.pipes.doc_words import Words


class Morph:
    """``Token.morph`` for ``Word``: ``get(field)`` gives the values (a tuple)."""

    __slots__ = ("features",)

    def __init__(self, features: dict[str, tuple[str, ...]]) -> None:
        self.features = features

    def get(self, field: str) -> tuple[str, ...]:
        return self.features.get(field, ())


class Word:
    """One token of the parse; ``head`` and ``children`` are ``Word`` objects.

    Made when a rule first reaches the token (a third of a doc's words never are); its
    head, children and morphology are read when first asked for."""

    __slots__ = (
        "_children",
        "_head",
        "_morph",
        "dep_",
        "i",
        "idx",
        "lemma_",
        "lower_",
        "pos_",
        "text",
        "tree",
    )

    def __init__(self, tree: Tree, i: int) -> None:
        words = tree.words
        self.tree = tree
        self.i = i
        self.text = words.text[i]
        self.lower_ = words.lower[i]
        self.lemma_ = words.lemma[i]
        self.pos_ = words.pos[i]
        self.dep_ = words.dep[i]
        self.idx = words.idx[i]
        self._head: Word | None = None
        self._children: list[Word] | None = None
        self._morph: Morph | None = None

    def __repr__(self) -> str:
        return self.text

    @property
    def head(self) -> Word:
        if self._head is None:
            self._head = self.tree[self.tree.words.head[self.i]]
        return self._head

    @property
    def children(self) -> list[Word]:
        """The children, in text order (as ``Token.children``)."""
        if self._children is None:
            tree = self.tree
            nodes = tree.nodes
            self._children = [nodes[c] or tree[c] for c in tree.words.children[self.i]]
        return self._children

    @property
    def morph(self) -> Morph:
        if self._morph is None:
            self._morph = self.tree.morph_of(self.i)
        return self._morph

    @property
    def is_punct(self) -> bool:
        return bool(self.tree.words.is_punct[self.i])

    @property
    def doc(self) -> Doc:
        return self.tree.doc

    @property
    def subtree(self) -> list[Word]:
        """The word and every word under it, in the order of ``Token.subtree``."""
        tree = self.tree
        return [tree[i] for i in tree.words.subtree(self.i)]

    def dominates(self, other: Word) -> bool:
        """Whether ``other`` is this word or under it (``other in self.subtree``), by
        climbing from ``other`` to the root."""
        heads = self.tree.words.head
        i, target = other.i, self.i
        while i != target:
            if heads[i] == i:
                return False
            i = heads[i]
        return True

    @property
    def left_edge(self) -> Word:
        return self.tree[self.tree.doc[self.i].left_edge.i]

    @property
    def like_num(self) -> bool:
        return self.tree.doc[self.i].like_num


class Tree:
    """The ``Word`` of every token of a doc, by index (``tree[i]``), made on first use."""

    def __init__(self, doc: Doc, words: Words) -> None:
        self.doc = doc
        self.words = words
        self._morphs: dict[int, Morph] = {}
        self.cases: dict[int, str | None] = {}  # the memo of ``arguments.case_of``
        self.nodes: list[Word | None] = [None] * len(words)
        self._last_under: dict[int, int] = {}

    def __getitem__(self, i: int) -> Word:
        node = self.nodes[i]
        if node is None:
            node = self.nodes[i] = Word(self, i)
        return node

    def release(self) -> None:
        """Undo the links between the words once the rules are done: a word and its head
        refer to each other, and without this the words of every doc would wait for
        Python's cycle collector (a tenth of the component's time)."""
        for word in self.nodes:
            if word is not None:
                word._head = word._children = None
        self.nodes = []

    def __len__(self) -> int:
        return len(self.nodes)

    def morph_of(self, i: int) -> Morph:
        key = self.words.morph[i]
        found = self._morphs.get(key)
        if found is None:
            found = self._morphs[key] = Morph(self.words.features(self.doc, i))
        return found

    def last_under(self, i: int) -> int:
        """The index of the last word of word ``i``'s subtree (asked again per trigger)."""
        found = self._last_under.get(i)
        if found is None:
            found = self._last_under[i] = max(self.words.subtree(i))
        return found

    def span(self, start: int, end: int) -> list[Word]:
        """The words ``start`` to ``end`` (excluded), as ``doc[start:end]``."""
        return [self[i] for i in range(start, end)]
