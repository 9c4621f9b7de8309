"""Build ``index.pickle.gz``: the package gazetteers compiled, for a fast start-up.

Run after editing any entry file, demonyms.jsonl or agents.jsonl (the loader reads the
JSONL files, more slowly and with a warning, while the index is stale):

    python data/gazetteers/build/build_index.py          # write the index
    python data/gazetteers/build/build_index.py --check  # exit 1 if it is stale

What the index holds and how it is checked: ``kzevents/gazetteer_index.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent.parent
sys.path.insert(0, str(ROOT))

from kzevents.gazetteer_index import index_path, index_state, write_index  # noqa: E402


def main() -> None:
    if "--check" in sys.argv:
        state = index_state()
        print(f"{index_path()}: {state}")
        sys.exit(state != "fresh")
    path = write_index()
    print(f"{path} ({path.stat().st_size / 2**20:.1f} MiB)")


if __name__ == "__main__":
    main()
