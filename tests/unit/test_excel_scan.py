"""What the pre-flight scan gives later stages on SheetGrid: number formats, solid fills and merged
ranges looked up lazily; on workbooks written by openpyxl and re-saved by LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.styles import PatternFill

from planner.excel.grid import read_grids
from planner.excel.merges import MergeIndex, without_overlaps
from planner.excel.preflight import preflight


def _gantt_workbook(path: Path) -> Path:
    """A KPI list with units kept in number formats, and a Gantt sheet with coloured timeline cells."""
    wb = Workbook()
    ws = wb.active
    ws.title = "指标"
    ws.append(["指标名称", "目标值", "实际值", "测试时间"])
    ws.append(["算子性能提升", 0.1, 0.112, None])
    ws.append(["适配芯片数量", 25, 15, None])
    ws["B2"].number_format = '"≥"0%'
    ws["C2"].number_format = "0.0%"
    ws["B3"].number_format = '0"款"'
    ws["D2"].value = __import__("datetime").date(2025, 3, 28)
    ws["D2"].number_format = "yyyy-mm-dd"
    gantt = wb.create_sheet("甘特图")
    gantt.append(["任务", "W1", "W2", "W3", "W4"])
    gantt.append(["TP-01", None, None, None, None])
    gantt.append(["TP-02", None, None, None, None])
    bar = PatternFill("solid", fgColor="FF4472C4")
    for cell in ("B2", "C2", "C3", "D3", "E3"):
        gantt[cell].fill = bar
    gantt["A5"] = "第一阶段"
    gantt.merge_cells("A5:A8")
    gantt.merge_cells("B5:E5")
    wb.save(path)
    return path


def _grids(path: Path):
    return {g.name: g for g in read_grids(path, preflight(path))}


def _check(grids) -> None:
    kpi, gantt = grids["指标"], grids["甘特图"]
    # Literal text in a format is quoted ("≥") or escaped (\≥); LibreOffice writes the second.
    literal = lambda code: code.replace('"', "").replace("\\", "")  # noqa: E731
    assert literal(kpi.number_format(1, 1)) == "≥0%"
    assert literal(kpi.number_format(2, 1)) == "0款"
    assert kpi.number_format(1, 2) == "0.0%"
    assert kpi.number_format(1, 3).lower().startswith("yyyy")
    assert kpi.number_format(1, 0) is None  # General
    assert kpi.value(1, 1) == pytest.approx(0.1)
    coloured = {(r, c) for r in range(3) for c in range(5) if gantt.has_fill(r, c)}
    assert coloured == {(1, 1), (1, 2), (2, 2), (2, 3), (2, 4)}
    assert gantt.fill(1, 1).endswith("4472C4")
    assert gantt.merge_at(6, 0) == (4, 0, 7, 0)
    assert gantt.merge_origin(7, 0) == (4, 0)
    assert gantt.merged_value(7, 0) == "第一阶段"
    assert gantt.merged_value(4, 3) is None and gantt.merge_at(4, 3) == (4, 1, 4, 4)
    assert gantt.merge_at(8, 0) is None and gantt.merge_at(3, 0) is None
    fill = gantt.merge_fill()
    assert (5, 0) in fill and (4, 0) not in fill and fill[(5, 0)] == ("第一阶段", (4, 0, 7, 0))
    assert gantt.merges == [(4, 0, 7, 0), (4, 1, 4, 4)] or sorted(gantt.merges) == [(4, 0, 7, 0), (4, 1, 4, 4)]


def test_formats_fills_and_merges_of_an_openpyxl_workbook(tmp_path):
    _check(_grids(_gantt_workbook(tmp_path / "kpi.xlsx")))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_the_same_workbook_saved_by_libreoffice(tmp_path):
    """LibreOffice rewrites styles (its own numFmt ids, fills, shared strings): same answers."""
    source = _gantt_workbook(tmp_path / "kpi.xlsx")
    profile = tempfile.mkdtemp(prefix="lo-prof-")
    out = tmp_path / "lo"
    try:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                        "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(source)],
                       capture_output=True, timeout=120, check=False)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    saved = out / "kpi.xlsx"
    assert saved.exists(), "LibreOffice did not write the file"
    _check(_grids(saved))


def test_merge_lookups_in_any_order_agree_with_a_brute_force_check():
    import random

    rng = random.Random(7)
    merges = []
    for _ in range(300):
        r0, c0 = rng.randrange(200), rng.randrange(30)
        merges.append((r0, c0, r0 + rng.randrange(6), c0 + rng.randrange(4)))
    merges, dropped = without_overlaps(merges)
    assert dropped  # random ranges do overlap; the later one of each pair is dropped
    cover = {}
    for m in merges:
        for r in range(m[0], m[2] + 1):
            for c in range(m[1], m[3] + 1):
                assert (r, c) not in cover, "without_overlaps left two ranges over one cell"
                cover[(r, c)] = m
    index = MergeIndex(merges)
    cells = [(r, c) for r in range(210) for c in range(36)]
    for order in (cells, list(reversed(cells)), rng.sample(cells, len(cells))):
        assert all(index.at(r, c) == cover.get((r, c)) for r, c in order)


def test_the_scan_does_not_depend_on_where_the_chunks_end(tmp_path, monkeypatch):
    """The fast pass tells a cell's first child from the next element by the end tags of the chunk
    being parsed; a chunk may end anywhere (inside a cell, between a cell and its child, right
    after an empty cell), and the scan and the checked bytes must come out the same."""
    import sys

    from planner.excel import xmlparts

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "data"))
    import make_workbooks as mw

    body = ('<row r="2"><c r="A2" t="inlineStr"><is><t>TP-01</t></is></c><c r="B2"/><c r="C2" s="0"></c>'
            '<c r="D2"><f>1+1</f><v>2</v></c><c r="E2"><v>3</v></c><c r="XFD2"/></row>'
            '<row r="3"><c r="A3" t="inlineStr"><is><t>TP-02</t></is></c><c r="G3"></c></row>'
            '<row r="4"><c r="B4"><v>1</v></c><c r="XFD1048576"/></row>'
            '<row r="5"><x:c xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" r="C5">'
            '<x:v>1</x:v></x:c><c r="AA5"/></row>')
    path = tmp_path / "chunks.xlsx"
    path.write_bytes(mw.with_sheet(mw.sheet_with(body, tail='<mergeCells count="1"><mergeCell ref="A7:B8"/>'
                                                           '</mergeCells>')))

    def scan():
        result = preflight(path)
        try:
            (sheet,) = result.sheets
            with __import__("zipfile").ZipFile(result.package.source()) as zf:
                checked = zf.read("xl/" + result.package.sheets[0][1])
            return (sheet.rows, sheet.cols, sheet.cells, sheet.filled, sorted(sheet.formulas),
                    sorted(sheet.merges), sorted(sheet.styles)), checked
        finally:
            result.close()

    reference = scan()
    # Filled: A2, D2, E2, A3, B4, C5 (+ the header row A1:C1); empty cells do not widen the grid.
    assert reference[0][:4] == (5, 5, 15, 9)
    assert reference[0][4] == [(1, 3)]
    for size in (1, 2, 3, 5, 7, 13, 29, 64, 100):
        monkeypatch.setattr(xmlparts, "CHUNK", size)
        assert scan() == reference, size


def test_the_fast_pass_and_the_strict_pass_agree_whatever_the_attribute_order(tmp_path):
    """Styles, formulas and the grid found by the fast pass (which looks for r and s where writers
    put them) against the strict pass (attributes by name), over cells with their attributes in
    every order a writer may choose."""
    import io
    import itertools
    import zipfile

    from planner.excel.preflight import LIMITS
    from planner.excel.sheetscan import SheetScan, SheetScanner
    from planner.excel.styles import CellStyle, Styles
    from planner.excel.xmlparts import Budget, PartStream

    cells = []
    for i, (attrs, child) in enumerate(itertools.product(
            itertools.chain.from_iterable(itertools.permutations(["s", "t", "x"], k) for k in range(4)),
            ["", "<v>1</v>", "<f>1</f><v>1</v>"])):
        r = 2 + i // 6
        ref = f"{'ABCDEF'[i % 6]}{r}"
        values = {"s": str(1 + i % 3), "t": "n", "x": "y"}
        spelled = [f'{a}="{values[a]}"' for a in attrs]
        spelled.insert(i % (len(spelled) + 1), f'r="{ref}"')  # r first, last or between
        cells.append((r, f"<c {' '.join(spelled)}>{child}</c>" if child else f"<c {' '.join(spelled)}/>"))
    rows = "".join(f'<row r="{r}">' + "".join(c for rr, c in cells if rr == r) + "</row>"
                   for r in sorted({r for r, _c in cells}))
    xml = (f'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}'
           f'</sheetData></worksheet>').encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("sheet.xml", xml)
    styles = Styles(by_index={"1": CellStyle(number_format="0%"), "2": CellStyle(fill="FF0000")})

    def run(strict: bool):
        sheet = SheetScan("s", "sheet.xml")
        with zipfile.ZipFile(buf) as zf:
            scanner = SheetScanner(tmp_path / "x.xlsx", sheet, styles, LIMITS, [0])
            stream = PartStream(tmp_path / "x.xlsx", zf, zf.getinfo("sheet.xml"), Budget(tmp_path, 10**9), LIMITS)
            if strict:
                start, end, finish = scanner.strict()
                stream.run(start, end=end)
            else:
                start, starts, rebase, finish = scanner.fast(stream)
                stream.run(start, starts=starts, rebase=rebase, ordered=True)
            finish()
        return sheet.rows, sheet.cols, sheet.cells, sheet.filled, sorted(sheet.formulas), sheet.styles

    fast, strict = run(False), run(True)
    assert fast == strict
    assert len(fast[5]) > 15 and fast[2] == len(cells)
