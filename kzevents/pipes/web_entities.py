"""Drop entities that are web addresses, not names.

spaCy's French models tag domains and URLs ("lemonde.fr", "Commonspace.eu",
"www.x.kz") as PER, ORG or LOC. A web address can stay in the text (a site
named as a source) but is never an actor or a place.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

WEB_ADDRESS = re.compile(
    r"""^(?:
        [a-z][a-z0-9+.-]*://\S+          # scheme://...
      | www\.\S+
      | [\w.+-]+@[\w-]+(?:\.[\w-]+)+     # e-mail address
      | @\w{2,}                          # social-media handle
      | [\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}(?:/\S*)?   # bare domain: lemonde.fr, commonspace.eu
    )$""",
    re.X | re.I,
)


def is_web_address(text: str) -> bool:
    """Whether a mention is a URL, domain, e-mail address or handle.

    >>> is_web_address("Commonspace.eu"), is_web_address("Almaty")
    (True, False)
    """
    return bool(WEB_ADDRESS.match(text.strip()))


def drop_web_entities(doc: Doc) -> Doc:
    """Remove from ``doc.ents`` the entities that are web addresses."""
    every = doc.ents  # each doc.ents reads every token: once
    ents = [ent for ent in every if not is_web_address(ent.text)]
    if len(ents) != len(every):
        doc.ents = ents
    return doc


@Language.factory("kzevents_web_entities")
def make_web_entities(nlp: Language, name: str):
    """Factory of ``kzevents_web_entities``: add it after the ner component."""
    return drop_web_entities
