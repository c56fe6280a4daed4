"""Workbooks written by others (tests/data/real, from calamine's own suite): the checked package
gives the reader exactly what it reads from the original file, or a refusal with its reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from planner.errors import ImportRejected
from planner.excel.grid import read_grids
from planner.excel.preflight import preflight

REAL = Path(__file__).resolve().parents[1] / "data" / "real"


@pytest.mark.parametrize("name", ["issue_174.xlsx", "nonstandard-xml-ns-prefix.xlsx", "strict_iso_paths.xlsx"])
def test_the_checked_package_reads_as_the_file(name):
    path = REAL / name
    wb = CalamineWorkbook.from_path(str(path))
    bare = {n: wb.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in wb.sheet_names}
    wb.close()
    grids = {g.name: g.rows for g in read_grids(path, preflight(path))}
    assert grids and grids == {k: v for k, v in bare.items() if k in grids}


def test_a_password_protected_workbook_saved_by_excel():
    with pytest.raises(ImportRejected) as info:
        preflight(REAL / "pass_protected.xlsx")
    assert info.value.key == "encrypted" and "password" in str(info.value)
