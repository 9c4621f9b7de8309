"""The markup cleaner: clean text for spaCy, exact offsets back into the input."""

from __future__ import annotations

import pytest

from kzevents.text import clean_markup


def back(original: str, word: str, occurrence: int = 0) -> str:
    """Find ``word`` in the clean text and return what it maps to in the original."""
    clean = clean_markup(original)
    start = -1
    for _ in range(occurrence + 1):
        start = clean.text.index(word, start + 1)
    a, b = clean.to_original(start, start + len(word))
    return original[a:b]


MARKDOWN = (
    "# Émeutes à Almaty\n"
    "**Les forces de l'ordre** ont *dispersé* la foule, selon [l'agence Kazinform]"
    "(https://www.inform.kz/fr).\n\n"
    "> « Nous restons mobilisés », a dit un militant.\n\n"
    "- 200 personnes interpellées\n"
    "- voir <https://example.org/direct> et www.example.kz/page\n"
    "Un `code` et un \\*astérisque\\* échappé ; ![photo](img.jpg) __gras__ _fin_."
)


@pytest.mark.parametrize(("word", "expected"), [
    ("Émeutes à Almaty", "Émeutes à Almaty"),
    ("Les forces de l'ordre", "Les forces de l'ordre"),
    ("dispersé", "dispersé"),
    ("l'agence Kazinform", "l'agence Kazinform"),
    ("« Nous restons mobilisés »", "« Nous restons mobilisés »"),
    ("200 personnes", "200 personnes"),
    ("*astérisque*", "*astérisque\\*"),
    ("gras", "gras"),
    ("fin", "fin"),
])
def test_markdown_words_map_back_to_their_exact_place(word, expected):
    assert back(MARKDOWN, word) == expected


def test_markdown_markup_and_urls_are_gone():
    text = clean_markup(MARKDOWN).text
    for markup in ("**", "#", "](", "https://", "www.", "<", "![", "`", "__", "> «", "- 200"):
        assert markup not in text, markup
    assert "Émeutes à Almaty\n\nLes forces de l'ordre ont dispersé la foule" in text
    assert "selon l'agence Kazinform." in text


def test_a_heading_is_its_own_paragraph():
    clean = clean_markup("## Titre sans point\nLe texte suit.")
    assert clean.text == "Titre sans point\n\nLe texte suit."
    assert back("## Titre sans point\nLe texte suit.", "Le texte") == "Le texte"


HTML = (
    "<html><head><style>p {color: red}</style><script>var x = '<b>';</script></head><body>"
    "<h1>Grève &agrave; Janaozen</h1><p>Les ouvriers&nbsp;du p&eacute;trole "
    "<b>r&eacute;clament</b> des hausses &#8211; <a href=\"/x\">lire</a>.</p>"
    "<!-- pub --><p>AT&amp;T n'est pas concern&eacute;.</p></body></html>"
)


def test_html_tags_scripts_and_comments_are_removed_and_entities_decoded():
    text = clean_markup(HTML).text
    assert "<" not in text and "color" not in text and "var x" not in text and "pub" not in text
    assert "Grève à Janaozen" in text
    assert "Les ouvriers\xa0du pétrole réclament des hausses – lire." in text
    assert "AT&T n'est pas concerné." in text


@pytest.mark.parametrize(("word", "expected"), [
    ("Grève à Janaozen", "Grève &agrave; Janaozen"),
    ("pétrole", "p&eacute;trole"),
    ("réclament", "r&eacute;clament"),
    ("AT&T", "AT&amp;T"),
    ("lire", "lire"),
])
def test_html_words_map_back_to_their_source_spelling(word, expected):
    assert back(HTML, word) == expected


def test_block_tags_separate_paragraphs():
    text = clean_markup("<p>Un.</p><p>Deux</p>").text
    assert "Un." in text and "Deux" in text
    assert "\n\n" in text[text.index("Un."):text.index("Deux")]


def test_plain_text_is_untouched_and_maps_to_itself():
    plain = "Le 5 janvier, 2 500 soldats < 3 000 & plus. Un * seul astérisque."
    clean = clean_markup(plain)
    assert clean.text == plain
    assert clean.starts is None
    assert clean.to_original(3, 12) == (3, 12)


def test_unbalanced_markup_is_kept_as_text():
    for text in ("**gras sans fin", "<div class=\"x", "[lien sans url]", "_ouvert"):
        assert clean_markup(text).text == text


def test_empty_spans_and_bounds():
    clean = clean_markup("**a**")
    assert clean.text == "a"
    assert clean.to_original(0, 1) == (2, 3)
    assert clean.to_original(1, 1) == (5, 5)
    with pytest.raises(IndexError):
        clean.to_original(0, 2)


def test_every_clean_character_maps_inside_the_original():
    clean = clean_markup(MARKDOWN + HTML)
    for i, char in enumerate(clean.text):
        a, b = clean.to_original(i, i + 1)
        assert 0 <= a < b <= len(MARKDOWN + HTML)
        if not char.isspace() and b - a == 1:
            assert (MARKDOWN + HTML)[a] == char
