"""Importer totality: any bytes give a preview (a plan to import) or a clear refusal, never another
exception. Seed corpus: the hostile files of tests/data/make_workbooks.py and a valid template."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from planner.errors import ImportRejected
from planner.excel.preflight import preflight
from planner.excel.preview import read_workbooks

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "data"))
import make_workbooks as mw  # noqa: E402

BASE = mw._base_xlsx()
SEEDS = [BASE, mw.billion_laughs(), mw.external_entity(), mw.dimension_lie(), mw.formula_payloads(),
         *mw.wrong_containers().values()]


def _check(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.xlsx"
    path.write_bytes(data)
    preview = read_workbooks([path])  # must not raise
    for problem in preview.problems.items:
        assert problem.message
    try:
        preflight(path)
    except ImportRejected as exc:
        assert str(exc)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=4096))
@example(b"")
@example(b"PK\x03\x04")
def test_any_bytes(tmp_path, data):
    _check(tmp_path, data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.sampled_from(SEEDS), flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(1, 255)), max_size=8),
       cut=st.one_of(st.none(), st.integers(0, 10**6)))
def test_mutated_workbooks(tmp_path, seed, flips, cut):
    """Byte flips and truncations of real and hostile workbooks."""
    data = bytearray(seed)
    for offset, mask in flips:
        if data:
            data[offset % len(data)] ^= mask
    if cut is not None and data:
        data = data[: cut % len(data)]
    _check(tmp_path, bytes(data))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(member=st.sampled_from(["xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
                               "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml"]),
       body=st.binary(max_size=2048))
def test_valid_zip_with_garbage_parts(tmp_path, member, body):
    """A well-formed zip whose parts are garbage XML: the reader's own errors become refusals."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(BASE)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info.filename, body if info.filename == member else src.read(info.filename))
    _check(tmp_path, out.getvalue())


# --- a grammar of what hostile sheets vary: attribute syntax, part-name case, merged areas ------------
# Every generated workbook is read by a child process under RLIMIT_AS that stays up for the whole
# test, so an abort inside the reader is reported with the file that caused it. Accepted files are
# checked against the reader itself: the grid python-calamine builds may not reach beyond the rows
# and columns the pre-flight computed (the bound it enforces is the reader's real allocation).
import json  # noqa: E402
import os  # noqa: E402
import subprocess  # noqa: E402
import textwrap  # noqa: E402

import pytest  # noqa: E402

SERVER = textwrap.dedent("""
    import json, resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (600 * 2**20, 600 * 2**20))
    from python_calamine import CalamineWorkbook
    from planner.errors import ImportRejected
    from planner.excel.preflight import preflight
    from planner.excel.preview import read_workbooks
    for line in sys.stdin:
        path = line.strip()
        answer = {"path": path}
        try:
            scan = preflight(path)
        except ImportRejected as exc:
            answer["refused"] = exc.key
        else:
            bounds = []
            if scan.package is not None:
                wb = CalamineWorkbook.from_filelike(scan.package.source()) if not isinstance(
                    scan.package.source(), str) else CalamineWorkbook.from_path(scan.package.source())
                for sheet in scan.sheets:
                    end = wb.get_sheet_by_name(sheet.reader_name).end
                    bounds.append([sheet.rows, sheet.cols, list(end) if end else None])
            scan.close()
            answer["bounds"] = bounds
        answer["ok"] = read_workbooks([path]).ok
        print(json.dumps(answer), flush=True)
""")


@pytest.fixture(scope="module")
def reader():
    proc = subprocess.Popen([sys.executable, "-c", SERVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})

    def ask(path: Path) -> dict:
        proc.stdin.write(f"{path}\n")
        proc.stdin.flush()
        line = proc.stdout.readline()
        if not line:
            raise AssertionError(f"the reader process died on {path} (exit {proc.wait()}): {proc.stderr.read()[-3000:]}")
        return json.loads(line)

    yield ask
    proc.stdin.close()
    proc.wait(timeout=30)


ROOT = Path(__file__).resolve().parents[2]
_WS = st.sampled_from([" ", "  ", "\t", "\n", "\r\n", " \t "])
_EQ = st.sampled_from(["=", " =", "= ", " = ", "\t=\t"])
_QUOTE = st.sampled_from(['"', "'"])


@st.composite
def cell_refs(draw):
    near = draw(st.integers(0, 3)) > 0  # mostly cells a real sheet has, now and then far ones
    col = draw(st.integers(1, 30) if near else st.one_of(st.integers(16_000, 16_400), st.integers(700, 1100)))
    row = draw(st.integers(1, 60) if near else st.one_of(st.integers(99_990, 100_010), st.integers(1_048_570, 1_048_580)))
    letters = ""
    n = col
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    letters = "".join(ch.lower() if draw(st.booleans()) else ch for ch in letters)
    zeros = "0" * draw(st.integers(0, 3))
    return f"{letters}{zeros}{row}"


@st.composite
def attribute(draw, name, value):
    q = draw(_QUOTE)
    return f"{draw(_WS)}{name}{draw(_EQ)}{q}{value}{q}"


@st.composite
def cells(draw):
    prefix = draw(st.sampled_from(["", "x:"]))
    attrs = []
    if draw(st.integers(0, 9)):  # now and then a cell without r: placed by counting
        attrs.append(draw(attribute("r", draw(cell_refs()))))
    if draw(st.booleans()):
        attrs.append(draw(attribute("s", "0")))
    if draw(st.booleans()):
        attrs.append(draw(attribute("t", "n")))
    draw(st.randoms()).shuffle(attrs)
    return f"<{prefix}c{''.join(attrs)}><{prefix}v>1</{prefix}v></{prefix}c>"


@st.composite
def sheets(draw):
    rows = []
    for i in range(draw(st.integers(0, 6))):
        row_attr = draw(attribute("r", str(draw(st.integers(2, 1_048_580))))) if draw(st.booleans()) else ""
        rows.append(f"<row{row_attr}>{''.join(draw(st.lists(cells(), max_size=4)))}</row>")
    merges = []
    for _ in range(draw(st.integers(0, 3))):
        a, b = draw(cell_refs()), draw(cell_refs())
        merges.append(f'<mergeCell{draw(attribute("ref", f"{a}:{b}"))}/>')
    times = draw(st.sampled_from([1, 1, 1, 10_001]))
    tail = f"<mergeCells>{''.join(merges) * times}</mergeCells>" if merges else ""
    xmlns = ' xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    return mw.sheet_with("".join(rows), tail=tail).replace(b"<worksheet ", f"<worksheet{xmlns} ".encode(), 1)


@st.composite
def part_names(draw):
    def cased(text):
        return "".join(ch.upper() if draw(st.booleans()) else ch for ch in text)

    return cased("xl/worksheets/sheet1.xml"), "/" + cased("xl/worksheets/sheet1.xml")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(sheet=sheets(), names=part_names())
def test_grammar_of_hostile_syntax(tmp_path, reader, sheet, names):
    part, target = names
    path = tmp_path / "grammar.xlsx"
    path.write_bytes(mw.with_sheet(sheet, part=part, target=target))
    answer = reader(path)
    for rows, cols, end in answer.get("bounds", []):
        if end is not None:  # the reader's grid ends within what the pre-flight allowed
            assert end[0] < rows and end[1] < cols, answer
