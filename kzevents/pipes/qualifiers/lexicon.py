"""Loading the qualifier lexicons of data/lexicons/ (modality cues, speech
verbs, anaphora rules), validated, once per process.

>>> cues = modality_cues()
>>> next(c for c in cues if c.id == "neg.ne").modality
'negated'
>>> "déclarer" in speech_verbs()
True
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from kzevents.models import Modality
from kzevents.resources import data_path, read_jsonl

Scope = Literal["clause", "governor", "modifier", "before", "sentence", "quote_title", "pseudo"]
Frame = Literal["que", "incise", "quote", "object", "infinitive"]


class ModalityCue(BaseModel):
    """One line of modality_cues.jsonl."""

    model_config = ConfigDict(extra="forbid")
    id: str
    modality: Modality | None = None
    scope: Scope
    forms: list[str] = Field(default_factory=list)
    lemmas: list[str] = Field(default_factory=list)
    mood: Literal["Cnd", "Ind"] | None = None
    cancels: list[str] = Field(default_factory=list)
    note: str | None = None

    @model_validator(mode="after")
    def _complete(self) -> ModalityCue:
        if not (self.forms or self.lemmas):
            raise ValueError("a cue needs forms or lemmas")
        if self.scope == "pseudo" and not self.cancels:
            raise ValueError("a pseudo cue must list the cue ids it cancels")
        if self.scope != "pseudo" and self.modality is None:
            raise ValueError("a cue needs a modality")
        return self


class SpeechVerb(BaseModel):
    """One line of speech_verbs.jsonl."""

    model_config = ConfigDict(extra="forbid")
    lemma: str
    kind: Literal["verb", "preposition"]
    frames: list[Frame] = Field(default_factory=lambda: ["que", "incise", "quote"])
    note: str | None = None


class AnaphoraRule(BaseModel):
    """One line of anaphora.jsonl."""

    model_config = ConfigDict(extra="forbid")
    id: str
    forms: list[str] = Field(min_length=1)
    target: Literal["speaker", "subject", "entity", "possessive"]
    where: Literal["reported", "speech_subject", "any"] = "any"
    kinds: list[str] = Field(default_factory=list)
    head: str | None = None
    window: int | None = Field(default=None, gt=0)
    note: str | None = None


@cache
def modality_cues() -> tuple[ModalityCue, ...]:
    """The cues of data/lexicons/modality_cues.jsonl, in file order."""
    return tuple(c for _, c in read_jsonl(data_path("lexicons", "modality_cues.jsonl"),
                                          ModalityCue))


@cache
def speech_verbs() -> dict[str, SpeechVerb]:
    """Lemma -> speech verb or preposition, from data/lexicons/speech_verbs.jsonl."""
    return {v.lemma: v for _, v in read_jsonl(data_path("lexicons", "speech_verbs.jsonl"),
                                              SpeechVerb)}


@cache
def anaphora_rules() -> tuple[AnaphoraRule, ...]:
    """The rules of data/lexicons/anaphora.jsonl, in file order (first match wins)."""
    return tuple(r for _, r in read_jsonl(data_path("lexicons", "anaphora.jsonl"),
                                          AnaphoraRule))
