"""The gazetteer loader: validation errors, exact and fuzzy lookup, the scorer hook."""

from __future__ import annotations

import json

import pytest

from kzevents.errors import DataFileError
from kzevents.evaluation import same_name
from kzevents.gazetteers import build_gazetteer, is_acronym, load_gazetteer

GOOD = {"kb_id": "test:bn", "name": "Brigade du Nord", "aliases": ["BdN"], "label": "ORG",
        "kind": "armed_group", "country": "KAZ", "sector": "REB"}


@pytest.fixture(scope="module")
def gz():
    return load_gazetteer()


def write(tmp_path, lines: list[str], name: str = "mine.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("text", "kb_id"), [
    ("Toqaev", "kz:person:tokaev"),
    ("Tokayev", "kz:person:tokaev"),
    ("TOKAÏEV", "kz:person:tokaev"),
    ("Nazarbayev", "kz:person:nazarbaev"),
    ("Pashinyan", "kz:person:pashinyan"),
    ("Putin", "Q7747"),
    ("Erdoğan", "Q39259"),
    ("OTSC", "kz:org:csto"),
    ("CSTO", "kz:org:csto"),
    ("ODKB", "kz:org:csto"),
    ("l'OTAN", "Q7184"),
    ("NATO", "Q7184"),
    ("Alma-Ata", "geonames:1526384"),
    ("Nour-Soultan", "geonames:1526273"),
    ("Zhanaozen", "geonames:607610"),
    ("Janaozen", "geonames:607610"),
    ("Arménie", "Q399"),
])
def test_exact_aliases(gz, text, kb_id):
    assert gz.exact(text).kb_id == kb_id


@pytest.mark.parametrize(("text", "kb_id"), [
    ("Nazerbaev", "kz:person:nazarbaev"),
    ("Pashinian", "kz:person:pashinyan"),
    ("Loukatchenko", "kz:person:lukashenko"),
])
def test_fuzzy_links_near_spellings(gz, text, kb_id):
    assert gz.exact(text) is None
    assert gz.fuzzy(text).kb_id == kb_id


@pytest.mark.parametrize("text", ["Beni", "Benn", "Putiny Grad", "Xyzzyville"])
def test_fuzzy_leaves_short_or_far_names_alone(gz, text):
    entry = gz.lookup(text)
    assert entry is None or entry.name.lower() == text.lower()


def test_beni_is_not_benin(gz):
    assert gz.fuzzy("Beni") is None
    assert gz.lookup("Beni").country != "BEN"


def test_acronyms_need_capitals(gz):
    assert is_acronym("UE") and not is_acronym("Union")
    assert gz.exact("otsc") is None
    assert gz.exact("Otan").kb_id == "Q7184"  # the French press writes "l'Otan"
    assert gz.exact("UN").kb_id == "Q1065"


def test_places_carry_coordinates(gz):
    almaty = gz.exact("Almaty")
    assert (almaty.country, almaty.precision, almaty.geonameid) == ("KAZ", 4, 1526384)
    assert almaty.lat == pytest.approx(43.25, abs=0.01)
    assert almaty.lon == pytest.approx(76.91, abs=0.01)
    kazakhstan = gz.exact("Kazakhstan")
    assert (kazakhstan.kind, kazakhstan.precision) == ("country", 1)


def test_capital_wins_over_namesakes(gz):
    assert gz.exact("Washington").country == "USA"
    assert gz.exact("Washington").kb_id == "geonames:4140963"


def test_demonyms_all_four_forms(gz):
    forms = ["arménien", "arménienne", "arméniens", "arméniennes"]
    assert [gz.demonyms[f.replace("é", "e")] for f in forms] == ["ARM"] * 4
    assert gz.demonyms["kazakhstanais"] == "KAZ"
    assert gz.demonyms["turque"] == "TUR"


def test_aliases_hook_lets_the_scorer_match_spellings(gz):
    names = gz.aliases("kz:person:tokaev")
    assert names[0] == "Kassym-Jomart Tokaïev"
    assert same_name("Kassym-Jomart Tokaïev", ["Toqaev", *names])
    assert gz.aliases("no:such:id") == []


def test_user_file_adds_entries(tmp_path):
    path = write(tmp_path, [json.dumps(GOOD)])
    gz = build_gazetteer([path])
    assert gz.exact("BdN").kb_id == "test:bn"
    assert gz.exact("brigade du nord").sector == "REB"


def test_user_file_extends_a_package_entry(tmp_path):
    extra = {**GOOD, "kb_id": "kz:person:tokaev", "name": "Kassym-Jomart Tokaïev",
             "aliases": ["Tokaiev-le-Second"], "label": "PER", "kind": "person"}
    gz = build_gazetteer([write(tmp_path, [json.dumps(extra)])])
    assert gz.exact("Tokaiev-le-Second").kb_id == "kz:person:tokaev"
    assert gz.exact("Toqaev").kb_id == "kz:person:tokaev"


@pytest.mark.parametrize(("lines", "line", "problem"), [
    (['{"kb_id": "x", "name": '], 1, "bad JSON"),
    ([json.dumps(GOOD), '{"kb_id": "test:y", "name": "Y", "label": "ORG"}'], 2, "'kind'"),
    ([json.dumps({**GOOD, "country": "KZ"})], 1, "ISO 3166 alpha-3"),
    ([json.dumps({**GOOD, "country": "XXX"})], 1, "'XXX' is not an ISO 3166"),
    ([json.dumps(GOOD), "", json.dumps(GOOD)], 3, "duplicate kb_id 'test:bn' (first on line 1)"),
    ([json.dumps({**GOOD, "label": "PERSON"})], 1, "'label'"),
    ([json.dumps({**GOOD, "lat": 123.0})], 1, "'lat'"),
    (["[1, 2]"], 1, "JSON object"),
])
def test_malformed_user_file_names_file_line_and_problem(tmp_path, lines, line, problem):
    path = write(tmp_path, lines)
    with pytest.raises(DataFileError) as info:
        build_gazetteer([path])
    assert info.value.line == line
    assert info.value.path == str(path)
    assert problem in str(info.value)


def test_missing_user_file(tmp_path):
    with pytest.raises(DataFileError, match="no such file"):
        build_gazetteer([tmp_path / "absent.jsonl"])


def test_extractor_rejects_missing_gazetteer(tmp_path):
    from kzevents import Extractor
    from kzevents.errors import InputValueError

    with pytest.raises(InputValueError, match=r"absent\.jsonl"):
        Extractor(gazetteers=[tmp_path / "absent.jsonl"])


def test_package_data_is_consistent(gz):
    assert len([e for e in gz.entries.values() if e.kind == "country"]) >= 240
    assert len([e for e in gz.entries.values() if e.kind == "city"]) > 30000
    for entry in gz.entries.values():
        if entry.kind in ("city", "region", "country"):
            assert entry.precision in (1, 2, 4), entry.kb_id


@pytest.mark.parametrize("module", ["kzevents.gazetteers", "kzevents.pipes.entities.factory",
                                    "kzevents.pipes.entities.places",
                                    "kzevents.pipes.entities.spans"])
def test_docstring_examples_run(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module))
    assert (result.failed, result.attempted > 0) == (0, True)


@pytest.mark.parametrize(("name", "country"), [
    ("Moscou", "RUS"), ("Erevan", "ARM"), ("Ankara", "TUR"), ("Washington", "USA"),
    ("Astana", "KAZ"), ("Kremlin", "RUS"), ("Almaty", None), ("Kazakhstan", None),
])
def test_capitals_stand_for_their_government(gz, name, country):
    assert gz.metonym_country(gz.exact(name).kb_id) == country


def test_a_user_gazetteer_reaches_the_linker_and_the_events(tmp_path):
    """The events' agent and place look-ups use the user's entries as the linker does."""
    from kzevents import Extractor

    path = str(write(tmp_path, [json.dumps(GOOD)]))
    configs = Extractor(gazetteers=[path]).component_configs()
    assert configs["kzevents_entities"]["gazetteers"] == [path]
    assert configs["kzevents_events"]["gazetteers"] == [path]
    assert Extractor().component_configs()["kzevents_events"]["gazetteers"] == []
