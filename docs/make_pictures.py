"""Draw the README's pictures: the HTML view, the timeline and the map of the notebook's corpus.

    python docs/make_pictures.py                 # extract notebooks/corpus.jsonl, then draw
    python docs/make_pictures.py articles.jsonl  # draw Articles already extracted (JSONL)

The HTML view is photographed by headless Chromium (Debian: apt-get install chromium).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import kzevents
from kzevents.display import html_page
from kzevents.models import Article

DOCS = Path(__file__).resolve().parent
CORPUS = DOCS.parent / "notebooks" / "corpus.jsonl"


def articles(source: str | None) -> list[Article]:
    if source:
        lines = Path(source).read_text(encoding="utf-8").splitlines()
        return [Article.model_validate_json(line) for line in lines if line.strip()]
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    return list(kzevents.extract_many(records, progress=True))


def screenshot(page: str, target: Path) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        sys.exit("no Chromium: apt-get install chromium")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "page.html"
        source.write_text(page, encoding="utf-8")
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                        "--hide-scrollbars", "--window-size=1100,1250",
                        f"--screenshot={target}", source.as_uri()],
                       check=True, capture_output=True)


def main(source: str | None = None) -> None:
    arts = articles(source)
    screenshot(html_page(arts[:3], title="kzevents: three paragraphs of the corpus"),
               DOCS / "html_view.png")
    kzevents.plot.timeline(arts).savefig(DOCS / "timeline.png", dpi=90)
    kzevents.plot.map(arts).savefig(DOCS / "map.png", dpi=90)


if __name__ == "__main__":
    main(*sys.argv[1:2])
