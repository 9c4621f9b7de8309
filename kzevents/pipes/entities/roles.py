"""Agents made actors, and roles given to people.

"l'armée malienne", "le gouvernement du Soudan", "le chef de la diplomatie russe": an
agent of agents.jsonl with a demonym, a country complement or a seat of power is an
actor with a country and a sector. "Le Premier ministre éthiopien Abiy Ahmed", "Assimi
Goïta, le président de la transition malienne": the person takes the role's country and
sector; "le président kazakh" alone is the person in that office on the article's date.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from kzevents.gazetteers import BodyPattern, Gazetteer
from kzevents.pipes.entities.patterns import AGENT_QUALIFIERS
from kzevents.pipes.entities.spans import ARTICLES, Cand, DocTokens, fold
from kzevents.text import normalise_name

HEAD_ROLES = {"dirigeant": ("président", "roi", "Premier ministre", "dirigeant"),
              "président de la transition": ("président",)}


def give_roles(tokens: DocTokens, ents: list[Cand], gz: Gazetteer) -> None:
    """A person in apposition to a role takes its country and sector; a bare role
    with a country is the person holding that office on the article's date.

    "Le Premier ministre éthiopien Abiy Ahmed", "Assimi Goïta, le président de la
    transition malienne", "le président kazakh" (-> Tokaïev in 2022).
    """
    for k, c in enumerate(ents):
        if c.label == "PER" and c.info and "sector" not in c.info:
            _title_before(tokens, c, ents[k - 1].end if k else 0, gz)
        if c.label != "PER" or not c.info or c.info.get("kind") != "role":
            continue
        person = _apposed(tokens, ents, k)
        if person is not None:
            for key in ("country", "sector"):
                if key in c.info:
                    person.info.setdefault(key, c.info[key])
            c.info.update({k: v for k, v in person.info.items()
                           if k in ("kb_id", "name", "country")})
            continue
        if "country" not in c.info:
            continue
        role = c.info["name"].split(" (")[0]
        for name in HEAD_ROLES.get(role, (role,)):
            holder = gz.holder(name, c.info["country"], tokens.doc._.kz_published)
            if holder is not None:
                c.info.update(kb_id=holder.kb_id, name=holder.name, kind="person")
                break


def _title_before(tokens: DocTokens, c: Cand, stop: int, gz: Gazetteer) -> None:
    """ "le chef de la junte, Assimi Goïta": the role just before a name gives its sector."""
    end = c.start - 1 if c.start and tokens.texts[c.start - 1] == "," else c.start
    for n in range(min(6, end - stop), 0, -1):
        if any(tokens.is_punct[end - n : end]):
            continue
        found = gz.agent(tokens.text(end - n, end), whole=True)
        if found and found["kind"] in ("role", "group") and found["sector"]:
            c.info.setdefault("sector", found["sector"])
            if "country" in found:
                c.info.setdefault("country", found["country"])
            return


def _apposed(tokens: DocTokens, ents: list[Cand], k: int) -> Cand | None:
    """The person named right after a role ("ministre X") or before it ("X, le ministre")."""
    c = ents[k]
    after = ents[k + 1] if k + 1 < len(ents) else None
    if after is not None and after.label == "PER" and after.info is not None and (
            after.start == c.end or (after.start == c.end + 1 and tokens.texts[c.end] == ",")):
        return after
    before = ents[k - 1] if k else None
    if before is not None and before.label == "PER" and before.info is not None:
        gap = tokens.folds[before.end : c.start]
        if gap and gap[0] == "," and all(w in ARTICLES for w in gap[1:]) and len(gap) <= 2:
            return before
    return None


def demonym_at(tokens: DocTokens, j: int, gz: Gazetteer,
               qualified: bool = True) -> tuple[str | None, int]:
    """A demonym at token j, maybe after one qualifier ("fédéral somalien") or written
    with a hyphen ("sud-coréens"): (country, token after it), or (None, j)."""
    folds = tokens.folds
    for k in (j, j + 1) if qualified else (j,):
        if k > j and (k - 1 >= len(tokens) or folds[k - 1] not in AGENT_QUALIFIERS):
            break
        if k + 2 < len(tokens) and folds[k + 1] == "-":
            key = normalise_name(tokens.text(k, k + 3))
            if key in gz.demonyms:
                return gz.demonyms[key], k + 3
        key = normalise_name(tokens.texts[k]) if k < len(tokens) else ""
        if key in gz.demonyms:  # "malienne", "sud-coréens" as one token
            return gz.demonyms[key], k + 1
    return None, j


def agent_cand(start: int, end: int, body: BodyPattern, country: str | None,
                gz: Gazetteer) -> Cand:
    """The candidate of an agent phrase: ORG for a body, PER for a role, MISC for a group."""
    label = _AGENT_LABELS.get(body.kind, "ORG")
    info: dict[str, Any] = {"kind": body.kind, "sector": body.sector, "name": body.name}
    if body.sector is None:  # (kind and name are strings)
        del info["sector"]
    if country:
        info.update(country=country, name=f"{body.name} ({gz.entries[gz.countries[country]].name})")
        if label == "ORG":
            info["kb_id"] = f"kz:body:{country}:{_slug(body.name)}"
    return Cand(start, end, label, info, create=bool(country), rank=2)


_AGENT_LABELS = {"role": "PER", "group": "MISC"}  # other kinds: ORG


@lru_cache(maxsize=4096)
def _slug(name: str) -> str:
    """The words of an agent name joined by hyphens, for its kb_id ("ministere-defense")."""
    return "-".join(re.findall(r"\w+", fold(name)))
