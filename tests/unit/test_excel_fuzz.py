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
