"""Hostile workbooks that got past a pattern-matching pre-flight: the same far cell spelled as
XML allows, parts named in another case, merged areas, lying counts, deep nesting. Each is read
in a child process under RLIMIT_AS (300 MB), so an abort or an overrun is a failure of the test,
not of pytest; each must be refused within 5 s with its own located reason."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "data"))
import make_workbooks as mw  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
BUDGET_MB, BUDGET_S = 300, 5.0

CHILD = textwrap.dedent("""
    import json, os, resource, sys, time
    budget = int(os.environ["BUDGET_MB"]) * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (budget, budget))
    from planner.errors import ImportRejected
    from planner.excel.preflight import preflight
    from planner.excel.preview import read_workbooks
    out = {}
    for path in sys.argv[1:]:
        t = time.perf_counter()
        try:
            preflight(path).close()
            key = ""
        except ImportRejected as exc:
            key = exc.key
        preview = read_workbooks([path])
        out[path] = {"seconds": time.perf_counter() - t, "key": key, "ok": preview.ok,
                     "errors": [str(p) for p in preview.problems.errors],
                     "warnings": [str(p) for p in preview.problems.items if p.level == "warning"]}
    hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM:")][0]
    out["rss_mb"] = int(hwm.split()[1]) / 1024
    print(json.dumps(out, ensure_ascii=False))
""")


def run_child(paths: list[Path], budget_mb: int = BUDGET_MB) -> dict:
    proc = subprocess.run([sys.executable, "-c", CHILD, *map(str, paths)], capture_output=True, text=True,
                          timeout=300, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), "BUDGET_MB": str(budget_mb)})
    assert proc.returncode == 0, f"the reading process died (exit {proc.returncode}): {proc.stderr[-3000:]}"
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result.pop("rss_mb") < budget_mb
    return result


CASES = {  # file -> (builder, expected key, words of the located reason)
    **{f"far_{k}": (lambda k=k: mw.far_cell_spelled(k), "area", "XFD1048576") for k in mw.FAR_CELL_SPELLINGS},
    "far_behind_upper_case_relationship": (mw.far_cell_behind_upper_case_name, "area", "XFD1048576"),
    "far_in_upper_case_entry": (mw.far_cell_in_upper_case_entry, "area", "XFD1048576"),
    "merges_10000_of_100x1000": (mw.repeated_big_merges, "merges", "A3:ALL102"),
    "merge_A3_ALL100000": (mw.one_huge_merge, "merges", "A3:ALL100000"),
    "sparse_far_cell_ALL100000": (mw.sparse_far_cell, "area", "ALL100000"),
    "crafted_ref_7_letters": (lambda: mw.far_cell("AAAAAAA1"), "far_cell", "column"),
    "lying_shared_string_count": (mw.lying_string_count, "shared_strings", "100000000000"),
    "nested_100000_deep": (mw.deep_nesting, "depth", "deep"),
    "broken_xml_in_a_cell": (mw.broken_xml_in_a_cell, "xml", "near cell B2"),
}


@pytest.fixture(scope="module")
def refused(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("hostile-syntax")
    paths = {}
    for name, (build, _key, _words) in CASES.items():
        paths[name] = folder / f"{name}.xlsx"
        paths[name].write_bytes(build())
    result = run_child(list(paths.values()))
    return {name: result[str(path)] | {"size": path.stat().st_size} for name, path in paths.items()}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_is_refused_in_time_with_its_own_located_reason(refused, name):
    got = refused[name]
    _build, key, words = CASES[name]
    assert got["key"] == key, got
    assert not got["ok"] and got["errors"], got
    assert any(words in e for e in got["errors"]), got["errors"]
    assert any(f"{name}.xlsx" in e for e in got["errors"]), got["errors"]  # the file is named
    assert got["seconds"] < BUDGET_S, got


def test_the_small_ones_are_small(refused):
    """The issue's sizes: a 1.8 KB far cell and a 2.6 KB merge bomb are what we refuse."""
    assert refused["far_single_quotes"]["size"] < 6000
    assert refused["merges_10000_of_100x1000"]["size"] < 60_000


def test_a_far_cell_within_the_grid_is_named_by_its_place(refused):
    assert any("A1:XFD1048576" in e for e in refused["far_lower_case"]["errors"])


def test_cells_without_references_are_placed_as_the_reader_places_them(tmp_path):
    path = tmp_path / "no_refs.xlsx"
    path.write_bytes(mw.cells_without_references(3))
    from planner.excel.grid import read_grids
    from planner.excel.preflight import preflight

    scan = preflight(path)
    assert (scan.sheets[0].rows, scan.sheets[0].cols) == (4, 3)
    grid = read_grids(path, scan)[0]
    assert grid.value(3, 0) == "TP-03" and grid.value(3, 2) == "第3-5周"
    assert len(grid.rows) == 4 and max(map(len, grid.rows)) == 3


def test_a_cell_without_reference_in_a_strange_place_is_refused(tmp_path):
    from planner.errors import ImportRejected
    from planner.excel.preflight import preflight

    path = tmp_path / "nested.xlsx"
    path.write_bytes(mw.with_sheet(mw._sheet_xml('<row><c t="inlineStr"><is><t>x</t></is></c></row>'
                                                  '<foo><c><v>1</v></c></foo>')))
    with pytest.raises(ImportRejected) as info:
        preflight(path)
    assert info.value.key == "structure"


@pytest.mark.parametrize("mb", [12, pytest.param(50, marks=pytest.mark.slow)])
def test_a_long_string_is_not_called_malformed(tmp_path, mb):
    """A long text is legal XML: the pre-flight accepts it and the import reports the cut text."""
    path = tmp_path / "long.xlsx"
    path.write_bytes(mw.huge_string(mb))
    result = run_child([path], budget_mb=300 if mb < 20 else 1200)[str(path)]
    assert result["key"] == ""
    assert not any("well-formed" in e for e in result["errors"])
    assert any("32,767" in w or "32767" in w for w in result["warnings"] + result["errors"]), result
