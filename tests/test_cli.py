"""The command line: extract, eval, info, and its one-line errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from kzevents.cli import main

from .conftest import DATA

ARTICLE = ("# Tension à Almaty\n\n"
           "Des manifestants se sont rassemblés **mardi** devant la mairie d'Almaty.")


@pytest.fixture
def article_file(tmp_path):
    path = tmp_path / "article.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def run(argv, capsys):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.usefixtures("extractor")
def test_extract_jsonl_gives_one_article_with_exact_offsets(article_file, capsys):
    code, out, err = run(["extract", article_file, "--published", "2022-01-11"], capsys)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == 1
    art = json.loads(lines[0])
    assert art["id"] == str(article_file) and art["published"] == "2022-01-11"
    assert art["text"] == ARTICLE
    assert any(e["text"] == "Almaty" for e in art["entities"])
    for e in art["entities"]:
        assert ARTICLE[e["start"]:e["end"]] == e["text"]


@pytest.mark.usefixtures("extractor")
def test_extract_json_and_csv_and_output_file(article_file, tmp_path, capsys):
    code, out, _ = run(["extract", article_file, "--format", "json"], capsys)
    assert code == 0 and json.loads(out)[0]["text"] == ARTICLE
    target = tmp_path / "events.csv"
    code, out, _ = run(["extract", article_file, "--format", "csv", "-o", target], capsys)
    assert code == 0 and out == ""
    header = next(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert header[:4] == ["article_id", "type", "mode", "trigger"]


@pytest.mark.usefixtures("extractor")
def test_extract_reads_standard_input(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-8"))))
    code, out, _ = run(["extract", "-"], capsys)
    assert code == 0 and json.loads(out)["id"] == "-"


@pytest.mark.usefixtures("extractor")
def test_a_missing_file_is_one_line_and_the_good_files_are_still_written(
        article_file, tmp_path, capsys):
    code, out, err = run(["extract", tmp_path / "absent.txt", article_file], capsys)
    assert code == 1
    assert len(out.splitlines()) == 1
    assert "absent.txt: no such file" in err
    assert "1 of 2 inputs failed; 1 articles extracted" in err
    assert "Traceback" not in err


@pytest.mark.usefixtures("extractor")
def test_a_file_in_another_encoding_names_the_file(tmp_path, capsys):
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Grève générale à Janaozen.".encode("latin-1"))
    code, out, err = run(["extract", latin], capsys)
    assert code == 1 and out == ""
    assert "latin1.txt: not valid UTF-8 (byte 0xe8 at position 2)" in err
    assert "iconv" in err


def test_a_bad_date_is_a_usage_error(article_file, capsys):
    code = None
    with pytest.raises(SystemExit) as exit_info:
        run(["extract", article_file, "--published", "demain"], capsys)
    code = exit_info.value.code
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("kzevents: error: --published: published='demain' is not a date")
    assert err.count("\n") == 1


def test_unknown_options_and_formats_are_usage_errors(article_file, capsys):
    for argv in (["extract", article_file, "--format", "xml"], ["frobnicate"], []):
        with pytest.raises(SystemExit) as exit_info:
            main([str(a) for a in argv])
        assert exit_info.value.code == 2
        assert "kzevents: error:" in capsys.readouterr().err


def test_a_bad_gold_file_is_one_line(tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "a", "text": "x", "events": [{"type": 5}]}\n', encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["eval", str(gold)])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "gold.jsonl, line 1:" in err and err.count("\n") == 1


@pytest.mark.usefixtures("extractor")
def test_eval_prints_a_table_and_json(capsys):
    code, out, _ = run(["eval", DATA / "scorer.jsonl"], capsys)
    assert code == 0
    assert out.splitlines()[0].split()[:4] == ["slot", "P", "R", "F1"]
    assert "records 10, gold events 10" in out
    code, out, _ = run(["eval", DATA / "scorer.jsonl", "--json"], capsys)
    report = json.loads(out)
    assert report["records"] == 10 and report["gold_events"] == 10


@pytest.mark.usefixtures("extractor")
def test_info_names_the_model_and_pipeline(capsys):
    code, out, _ = run(["info", "--json"], capsys)
    info = json.loads(out)
    assert code == 0
    assert info["model"].startswith("fr_core_news_")
    assert "kzevents_paragraphs" in info["pipeline"]


def test_the_installed_command_runs():
    done = subprocess.run([sys.executable, "-m", "kzevents.cli", "--version"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert done.stdout.startswith("kzevents ")


@pytest.mark.usefixtures("extractor")
def test_extract_writes_every_event_data_format(article_file, tmp_path, capsys):
    from kzevents.export import ACLED_COLUMNS, CAMEO_ROOTS

    outputs = {}
    for fmt in ("acled", "plover", "cameo", "geojson", "html"):
        target = tmp_path / f"out.{fmt}"
        code, out, err = run(["extract", article_file, "--published", "2022-01-11",
                              "--format", fmt, "-o", target], capsys)
        assert (code, out, err) == (0, "", "")
        outputs[fmt] = target.read_text(encoding="utf-8")
    assert next(csv.reader(io.StringIO(outputs["acled"]))) == ACLED_COLUMNS
    for line in outputs["plover"].splitlines():
        assert json.loads(line)["event"]
    for line in outputs["cameo"].splitlines():
        assert line.split("\t")[4] in CAMEO_ROOTS
    assert json.loads(outputs["geojson"])["type"] == "FeatureCollection"
    page = outputs["html"]
    assert page.startswith("<!DOCTYPE html>") and "Almaty" in page
    assert str(article_file) in page  # the article's id heads its section
