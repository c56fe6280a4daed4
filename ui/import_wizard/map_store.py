"""Column maps the user saved, one JSON file per header signature under the app-data folder.

Each file is what `planner import --map FILE` reads ({"maps": [...]}), so a map fixed once in
the wizard also serves scripts. The file name is a hash of the signature (the folded headers):
the next workbook with the same headers finds its map without a search.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from planner.document.paths import data_dir
from planner.errors import ValidationError
from planner.excel.colmap import ColumnMap, load_maps, maps_json


@dataclass
class SavedMap:
    path: Path
    map: ColumnMap
    saved: float  # mtime


def maps_dir() -> Path:
    return data_dir() / "column-maps"


def _file_for(signature: str) -> Path:
    return maps_dir() / (hashlib.sha1(signature.encode("utf-8")).hexdigest()[:16] + ".json")


def save(cmap: ColumnMap) -> Path:
    """Write the map for its header signature (replacing an earlier one); returns the file."""
    path = _file_for(cmap.signature())
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(maps_json([cmap]), ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)
    return path


def find(signature: str) -> ColumnMap | None:
    """The saved map for these headers, or None (an unreadable file is as good as none)."""
    path = _file_for(signature)
    if not signature or not path.exists():
        return None
    try:
        maps = load_maps(path)
    except ValidationError:
        return None
    return next((m for m in maps if m.signature() == signature), None)


def saved_maps() -> list[SavedMap]:
    out = []
    folder = maps_dir()
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            maps = load_maps(path)
        except ValidationError:
            continue
        for cmap in maps[:1]:
            out.append(SavedMap(path, cmap, path.stat().st_mtime))
    return sorted(out, key=lambda s: -s.saved)


def delete(path: Path) -> None:
    Path(path).unlink(missing_ok=True)
