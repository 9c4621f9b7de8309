"""Articles highlighted with displaCy's span style, in a notebook or as one HTML page.

``display(article)`` shows the text with its entities, dates, counts, event
triggers (labelled ``e1 PROTEST riot``) and roles (``e1 actor``,
``e1 recipient``) underlined, overlaps allowed; ``render(article)`` returns the
same HTML; ``html_page(articles)`` is a standalone page (what ``kzevents extract
--format html`` writes): each article highlighted, then a table of its events.
Nothing is fetched: the page has no script and no external style.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterable
from typing import Any

from kzevents.models import Article, Event, Mention

# Colours by kind of span; each label gets the colour of its kind.
COLOURS = {
    "PER": "#aa9cfc", "ORG": "#7aecec", "LOC": "#feca74", "MISC": "#e4e7d2",
    "DATE": "#bfe1d9", "COUNT": "#f0d0ff", "TRIGGER": "#ff8197", "ROLE": "#c7f9a1",
}


def _spans(article: Article) -> list[tuple[Mention, str, str]]:
    """(mention, label, kind) for everything worth underlining, in text order."""
    spans: list[tuple[Mention, str, str]] = []
    spans += [(e, e.label, e.label) for e in article.entities]
    spans += [(d, "DATE", "DATE") for d in article.dates]
    spans += [(c, f"COUNT {c.category}", "COUNT") for c in article.counts]
    for number, event in enumerate(article.events, 1):
        name = event.id or f"e{number}"
        label = " ".join(x for x in (name, event.type, event.mode) if x)
        tellings = [event.trigger, *(m for m in event.mentions if m != event.trigger)]
        spans += [(m, label, "TRIGGER") for m in tellings]
        roles = [("actor", event.actor), ("recipient", event.recipient)]
        roles += [("actor", p) for p in event.co_actors]
        roles += [("recipient", p) for p in event.co_recipients]
        spans += [(p, f"{name} {role}", "ROLE") for role, p in roles if p is not None]
    return sorted(spans, key=lambda s: (s[0].start, -s[0].end))


_WORD = re.compile(r"\S+")


def _tokens(text: str, cuts: set[int]) -> tuple[list[str], list[int]]:
    """Words of ``text`` further cut at every span boundary; and each token's start."""
    tokens, starts = [], []
    for match in _WORD.finditer(text):
        bounds = sorted({match.start(), match.end()} | {c for c in cuts
                                                         if match.start() < c < match.end()})
        for start, end in itertools.pairwise(bounds):
            tokens.append(text[start:end])
            starts.append(start)
    return tokens, starts


def displacy_data(article: Article) -> tuple[dict[str, Any], dict[str, str]]:
    """The manual input of displaCy's span style for an article, and its colours."""
    spans = _spans(article)
    cuts = {m.start for m, _, _ in spans} | {m.end for m, _, _ in spans}
    tokens, starts = _tokens(article.text, cuts)
    ends = [s + len(t) for s, t in zip(starts, tokens, strict=True)]
    rendered, colours = [], {}
    for mention, label, kind in spans:
        inside = [i for i, (s, e) in enumerate(zip(starts, ends, strict=True))
                  if s >= mention.start and e <= mention.end]
        if not inside:
            continue
        rendered.append({"start_token": inside[0], "end_token": inside[-1] + 1, "label": label})
        colours[label] = COLOURS[kind]
    return {"text": article.text, "tokens": tokens, "spans": rendered}, colours


# displaCy's own templates, with labels kept on one line ("e1 PROTEST riot").
_ONE_LINE = "line-height: 1; white-space: nowrap;"


def _template() -> dict[str, str]:
    # spaCy is imported here, not at the top: ``import kzevents`` stays fast
    from spacy.displacy.templates import TPL_SPAN, TPL_SPAN_SLICE, TPL_SPAN_START

    return {"span": TPL_SPAN, "slice": TPL_SPAN_SLICE,
            "start": TPL_SPAN_START.replace("line-height: 1;", _ONE_LINE)}


def render(article: Article) -> str:
    """The article as HTML: displaCy's span style with kzevents' labels.

    >>> from kzevents.models import Entity
    >>> art = Article(text="Almaty brûle.", entities=[
    ...     Entity(text="Almaty", start=0, end=6, label="LOC", kind="city")])
    >>> "LOC" in render(art) and "brûle" in render(art)
    True
    """
    from spacy import displacy

    data, colours = displacy_data(article)
    return displacy.render(data, style="span", manual=True,
                           options={"colors": colours, "template": _template()})


def display(article: Article):
    """Show the highlighted article in a notebook (returns the HTML object shown).

    Outside a notebook, returns the HTML string, so ``print`` or a file can take it.
    """
    markup = render(article)
    try:
        from IPython.display import HTML
    except ImportError:
        return markup
    return HTML(markup)


_TABLE_COLUMNS = ("id", "type", "mode", "trigger", "actor", "recipient", "place", "date",
                  "counts", "modality", "source")


def _event_cells(event: Event) -> list[str]:
    def text(part: Any) -> str:
        return "" if part is None else (getattr(part, "name", None) or part.text)

    counts = ", ".join(f"{c.category} {c.value:g}" for c in event.counts if c.value is not None)
    source = event.source.speaker if event.source else None
    return [event.id or "", event.type, event.mode or "", event.trigger.text, text(event.actor),
            text(event.recipient), text(event.place), event.date.value if event.date and
            event.date.value else "", counts, event.modality, text(source)]


def event_table(articles: Iterable[Article]) -> str:
    """An HTML table of the events of the articles, one row per event."""
    head = "".join(f"<th>{c}</th>" for c in ("article", *_TABLE_COLUMNS))
    rows = []
    for article in articles:
        for event in article.events:
            cells = [article.id or "", *_event_cells(event)]
            rows.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
    if not rows:
        rows.append(f'<tr><td colspan="{len(_TABLE_COLUMNS) + 1}">no event found</td></tr>')
    body = "".join(rows)
    return f'<table class="events"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


_STYLE = """
body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 2em auto;
       max-width: 60em; color: #222; background: #fff; }
h1 { font-size: 1.5em; } h2 { font-size: 1.15em; border-top: 1px solid #ddd; padding-top: 1em; }
.legend span { display: inline-block; padding: 0 .4em; margin-right: .4em; border-radius: 3px; }
table.events { border-collapse: collapse; font-size: .85em; margin: 1em 0 2em; }
table.events th, table.events td { border: 1px solid #ccc; padding: .25em .5em; text-align: left; }
table.events th { background: #f2f2f2; }
table.events td:nth-child(9) { white-space: nowrap; }  /* the date */
"""


def html_page(articles: Iterable[Article], title: str = "kzevents") -> str:
    """A standalone HTML page: every article highlighted, followed by its event table."""
    articles = list(articles)
    legend = "".join(f'<span style="background:{colour}">{kind.lower()}</span>'
                     for kind, colour in COLOURS.items())
    parts = [f"<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">"
             f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>",
             f"<h1>{html.escape(title)}</h1>",
             f"<p>{len(articles)} articles, {sum(len(a.events) for a in articles)} events.</p>",
             f'<p class="legend">{legend}</p>']
    for number, article in enumerate(articles, 1):
        name = article.id or f"article {number}"
        published = f" ({article.published.isoformat()})" if article.published else ""
        parts.append(f"<h2>{html.escape(name)}{published}</h2>")
        if article.error:
            parts.append(f"<p>error: {html.escape(article.error)}</p>")
            continue
        parts.append(render(article))
        parts.append(event_table([article]))
    parts.append("</body></html>\n")
    return "\n".join(parts)
