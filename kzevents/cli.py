"""The ``kzevents`` command: extract, eval, info.

Errors print one line, ``kzevents: error: ...``, never a traceback. Exit codes:
0 success, 1 some inputs failed (every good record is still written), 2 the
command itself is wrong (bad option, bad date, unreadable gold file).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import platform
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from kzevents._version import __version__
from kzevents.errors import KzeventsError
from kzevents.export.writers import FORMATS

if TYPE_CHECKING:
    from kzevents.extractor import Extractor
    from kzevents.models import Article

PROG = "kzevents"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{PROG}: error: {message} (see '{PROG} --help')\n")


def _fail(message: str, code: int = 2) -> NoReturn:
    sys.stderr.write(f"{PROG}: error: {message}\n")
    raise SystemExit(code)


def _read_input(name: str) -> str:
    """The text of one input file (``-`` is standard input), strictly UTF-8."""
    if name == "-":
        data = sys.stdin.buffer.read()
        label = "standard input"
    else:
        path = Path(name)
        if not path.exists():
            raise KzeventsError(f"{name}: no such file")
        if path.is_dir():
            raise KzeventsError(f"{name}: is a directory, give the files inside it")
        data = path.read_bytes()
        label = name
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise KzeventsError(
            f"{label}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at position {exc.start}); "
            f"convert it first, e.g. iconv -f LATIN1 -t UTF-8"
        ) from None


@contextlib.contextmanager
def _output(path: str | None, fmt: str) -> Iterator[TextIO]:
    if path is None or path == "-":
        yield sys.stdout
        return
    try:
        handle = open(path, "w", encoding="utf-8", newline="" if fmt in ("csv", "acled") else None)  # noqa: SIM115
    except OSError as exc:
        _fail(f"cannot write {path}: {exc.strerror}")
    with handle:
        yield handle


def _extractor(model: str | None) -> Extractor:
    """The shared default extractor, or a new one for an explicit ``--model``."""
    from kzevents import default_extractor
    from kzevents.extractor import Extractor

    return default_extractor() if model is None else Extractor(model=model)


def _cmd_extract(args: argparse.Namespace) -> int:
    from kzevents.export import write_articles
    from kzevents.extractor import parse_published

    try:
        published = parse_published(args.published)
    except KzeventsError as exc:
        _fail(f"--published: {exc}")
    failed = 0

    def records() -> Iterator[dict[str, object]]:
        nonlocal failed
        for name in args.files:
            try:
                text = _read_input(name)
            except (KzeventsError, OSError) as exc:
                failed += 1
                sys.stderr.write(f"{PROG}: error: {exc}\n")
                continue
            yield {"text": text, "published": published, "id": name}

    good = 0

    def reported(articles: Iterator[Article]) -> Iterator[Article]:
        nonlocal failed, good
        for article in articles:
            if article.error is None:
                good += 1
            else:
                failed += 1
                sys.stderr.write(f"{PROG}: error: {article.id}: {article.error}\n")
            yield article

    extractor = _extractor(args.model)
    with _output(args.output, args.format) as out:
        articles = extractor.extract_many(records(), errors="record", progress=args.progress)
        write_articles(reported(articles), out, args.format)
    if failed:
        sys.stderr.write(f"{PROG}: {failed} of {len(args.files)} inputs failed; "
                         f"{good} articles extracted\n")
        return 1
    return 0


def _cmd_eval(args: argparse.Namespace) -> int:
    from kzevents.evaluation import evaluate_file, report_json

    report = evaluate_file(args.gold, _extractor(args.model), one_article=args.one_article)
    print(report_json(report) if args.json else report.to_table())
    return 0


def _cmd_info(args: argparse.Namespace) -> int:
    import spacy

    from kzevents.gazetteers import gazetteer_sizes

    extractor = _extractor(args.model)
    nlp = extractor.nlp
    info = {
        "kzevents": __version__,
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "model": extractor.model_name,
        "pipeline": nlp.pipe_names,
        "gazetteers": ", ".join(f"{n} {k}" for k, n in sorted(gazetteer_sizes().items())),
    }
    if args.json:
        print(json.dumps(info, ensure_ascii=False, indent=2))
    else:
        for key, value in info.items():
            shown = ", ".join(value) if isinstance(value, list) else value
            print(f"{key:<10} {shown}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="French news articles to structured events.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    ext = sub.add_parser("extract", help="extract events from text, Markdown or HTML files")
    ext.add_argument("files", nargs="+", help="input files, UTF-8; '-' reads standard input")
    ext.add_argument("--published", help="publication date (YYYY-MM-DD) for relative dates")
    ext.add_argument("--format", choices=FORMATS, default="jsonl",
                     help="jsonl: one Article per line; json: an array; csv: one row per event; "
                          "acled: ACLED columns; plover: PLOVER records (JSONL); cameo: "
                          "PETRARCH-style TSV; geojson: event places; html: a page to read")
    ext.add_argument("-o", "--output", help="output file (default: standard output)")
    ext.add_argument("--model", help="spaCy pipeline to use (default: lg, else md, else sm)")
    ext.add_argument("--progress", action="store_true", help="show a progress bar on stderr")
    ext.set_defaults(run=_cmd_extract)

    ev = sub.add_parser("eval", help="score the extractor on a gold file (JSONL)")
    ev.add_argument("gold", help="gold file in the format of the README")
    ev.add_argument("--json", action="store_true", help="print the report as JSON")
    ev.add_argument("--model", help="spaCy pipeline to use")
    ev.add_argument("--one-article", action="store_true",
                    help="the records are the segments of one article, in document order: "
                         "extract them as one text and score each segment's part")
    ev.set_defaults(run=_cmd_eval)

    inf = sub.add_parser("info", help="model, versions and pipeline in use")
    inf.add_argument("--json", action="store_true", help="print as JSON")
    inf.add_argument("--model", help="spaCy pipeline to use")
    inf.set_defaults(run=_cmd_info)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except KzeventsError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
