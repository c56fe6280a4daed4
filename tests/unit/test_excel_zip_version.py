"""Regression (found by the importer fuzz test): a zip directory claiming a zip version Python
cannot extract is refused with a clear message, not a NotImplementedError."""

import io
import struct

from openpyxl import Workbook

from planner.excel.preview import read_workbooks


def test_workbook_claiming_an_unknown_zip_version_is_refused(tmp_path):
    buf = io.BytesIO()
    Workbook().save(buf)
    data = bytearray(buf.getvalue())
    entry = data.find(b"PK\x01\x02")  # first central-directory record
    struct.pack_into("<H", data, entry + 6, 84)  # "version needed to extract" 8.4
    path = tmp_path / "newer-zip.xlsx"
    path.write_bytes(bytes(data))
    preview = read_workbooks([path])
    assert not preview.ok
    assert "newer-zip.xlsx" in str(preview.problems.errors[0]) and "damaged" in str(preview.problems.errors[0])
