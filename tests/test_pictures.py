"""Pictures checked for content: highlighted HTML, the page in a browser, timeline and map."""

from __future__ import annotations

import html
import re
import shutil
import subprocess

import pytest

from kzevents.display import COLOURS, displacy_data, html_page, render
from kzevents.models import Article

from .conftest import shared_file
from .handmade import corpus

BROWSERS = ("chromium", "chromium-browser", "google-chrome")


@pytest.fixture(scope="module")
def articles():
    return corpus()


def labels_in(markup: str) -> list[str]:
    """The span labels displaCy drew (the text of its label boxes)."""
    return [m.strip() for m in re.findall(r"border-radius: 3px\">\s*([^<]+?)\s*</span>", markup)]


def test_render_underlines_triggers_roles_entities_dates_and_counts(articles):
    markup = render(articles[0])
    labels = labels_in(markup)
    for label in ("e1 PROTEST riot", "e2 ASSAULT", "e3 COERCE arrest", "e1 actor",
                  "e2 recipient", "e3 actor", "LOC", "ORG", "DATE", "COUNT killed",
                  "COUNT arrested", "COUNT participants"):
        assert label in labels, label
    assert labels.count("LOC") == 2
    shown = html.unescape(re.sub(r"<[^>]+>", " ", markup))
    for trigger in ("pris", "d'assaut", "tués", "interpellé"):
        assert trigger in shown.split()


def test_spans_cover_exactly_their_mentions(articles):
    data, colours = displacy_data(articles[0])
    tokens = data["tokens"]
    by_label = {s["label"]: "".join(tokens[s["start_token"]:s["end_token"]])
                for s in data["spans"]}
    assert by_label["e1 PROTEST riot"] == "prisd'assaut"  # tokens joined without spaces
    assert by_label["COUNT killed"] == "Huitpoliciers"
    assert by_label["e2 recipient"] == "policiers"
    assert colours["e2 ASSAULT"] == COLOURS["TRIGGER"] and colours["DATE"] == COLOURS["DATE"]


def test_display_returns_something_a_notebook_shows(articles):
    from kzevents import display

    shown = display(articles[1])
    markup = shown.data if hasattr(shown, "data") else shown
    assert "e1 AID military" in markup


def test_the_html_page_has_every_article_and_an_event_table(articles):
    page = html_page(articles, title="Kazakhstan")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert page.count("<h2>") == 3
    assert page.count('<table class="events">') == 3
    body_rows = re.findall(r"<tr><td>", page)
    assert len(body_rows) == 8  # one row per event
    for article in articles:
        for event in article.events:
            assert f"<td>{html.escape(event.trigger.text)}</td>" in page
    assert "<script" not in page and "http" not in page  # nothing to fetch


def test_the_html_page_escapes_the_text():
    page = html_page([Article(id="<b>", text="Un <script>alert(1)</script> texte.")])
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_the_timeline_has_one_bar_per_day_and_type(articles):
    pytest.importorskip("matplotlib")
    from kzevents import plot

    fig = plot.timeline(articles)
    ax = fig.axes[0]
    # dated events: 4 Jan PROTEST, 5 Jan PROTEST, 6 Jan AID and REQUEST
    assert len(ax.patches) == 4
    assert sorted(p.get_height() for p in ax.patches) == [1, 1, 1, 1]
    assert "4 of 8 events dated" in ax.get_title()
    [dots] = ax.collections  # the largest count of the days that have one
    assert len(dots.get_offsets()) == 1
    assert [t.get_text() for t in ax.texts] == ["2000"]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert {"PROTEST", "AID", "REQUEST"} <= set(legend)


def test_the_timeline_stacks_two_events_of_a_day(articles):
    pytest.importorskip("matplotlib")
    from kzevents import plot

    double = articles[2].model_copy(update={"events": [articles[2].events[1]] * 2})
    ax = plot.timeline([double]).axes[0]
    assert [p.get_height() for p in ax.patches] == [2]


def test_the_map_has_one_marker_per_placed_event(articles, tmp_path):
    pytest.importorskip("matplotlib")
    from kzevents import plot

    fig = plot.map(articles)
    ax = fig.axes[0]
    markers = ax.collections[0].get_offsets()
    placed = plot.placed_events(articles)
    assert len(markers) == len(placed) == 6
    assert sorted(map(tuple, markers.tolist())) == sorted(
        (e.place.lon, e.place.lat) for e in placed)
    assert "6 of 8 events placed" in ax.get_title()
    west, east = ax.get_xlim()
    south, north = ax.get_ylim()
    assert west < 52.86 < 76.92 < east and south < 43.25 < 51.18 < north  # zoomed on them
    outline = sum(len(c.get_paths()) for c in ax.collections[1:3])
    assert outline > 200  # the country rings of the shipped world outline
    path = tmp_path / "map.png"
    fig.savefig(path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_world_outline_is_lon_lat_and_has_the_countries():
    from kzevents.plot import world_outline

    countries = {c["iso3"]: c for c in world_outline()}
    assert len(countries) > 170 and {"KAZ", "RUS", "FRA", "ARM"} <= set(countries)
    lons = [p[0] for ring in countries["KAZ"]["polygons"] for p in ring]
    lats = [p[1] for ring in countries["KAZ"]["polygons"] for p in ring]
    assert 46 < min(lons) < 48 and 86 < max(lons) < 88  # Kazakhstan spans 46-87 °E
    assert 40 < min(lats) < 41 and 55 < max(lats) < 56


def test_plots_of_nothing_are_empty_figures():
    pytest.importorskip("matplotlib")
    from kzevents import plot

    empty = [Article(text="Rien.")]
    assert len(plot.timeline(empty).axes[0].patches) == 0
    assert len(plot.map(empty).axes[0].collections[0].get_offsets()) == 0


def browser() -> str:
    for name in BROWSERS:
        if found := shutil.which(name):
            return found
    pytest.skip("no Chromium installed (Debian: apt-get install chromium): "
                "the HTML page is not opened in a browser")


def screenshot(page: str, tmp_path):
    """Open the page in headless Chromium; the screenshot as an RGB array."""
    image = pytest.importorskip("matplotlib.image")
    source = tmp_path / "page.html"
    source.write_text(page, encoding="utf-8")
    shot = tmp_path / "page.png"
    done = subprocess.run(
        [browser(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--window-size=1200,1000", f"--screenshot={shot}", source.as_uri()],
        capture_output=True, text=True, timeout=120, check=False)
    assert shot.exists(), done.stderr[-2000:]
    return image.imread(shot)[:, :, :3]


def share_of(pixels, colour: str) -> float:
    import numpy as np

    rgb = np.array([int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)])
    return float((np.abs(pixels - rgb).max(axis=2) < 0.03).mean())


def test_the_page_renders_in_a_real_browser(articles, tmp_path):
    pixels = screenshot(html_page(articles), tmp_path)
    not_white = float((pixels.min(axis=2) < 0.9).mean())
    assert not_white > 0.02, "the screenshot is blank"
    assert share_of(pixels, COLOURS["TRIGGER"]) > 0.0005  # trigger labels drawn
    assert share_of(pixels, COLOURS["LOC"]) > 0.0005


def test_the_seed_article_page_renders_in_a_real_browser(extractor, tmp_path):
    browser()
    path = shared_file("seeds", "000_3b69c0a7b1b9c053.txt")
    article = extractor.extract(path.read_text(encoding="utf-8"), published="2022-01-11")
    page = html_page([article.model_copy(update={"id": path.name})])
    shown = html.unescape(page)
    for event in article.events:
        assert event.trigger.text in shown
    pixels = screenshot(page, tmp_path)
    assert float((pixels.min(axis=2) < 0.9).mean()) > 0.02, "the screenshot is blank"
    assert share_of(pixels, COLOURS["LOC"]) > 0.0005  # its places are highlighted
