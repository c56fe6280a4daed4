"""Security pre-flight for workbooks: refuse hostile or wrong files before any parser sees them.

Checks, in order: the container (empty, .xls, encrypted, CSV/HTML renamed, truncated zip,
.xlsm/.xlsb/.ods), the zip directory (entry count, declared sizes and ratios), then a
streaming scan of every XML part with a byte cap that does not trust the declared sizes
(DOCTYPE/entities refused; dimension, far cells, merge count and cell count capped). The scan
also collects what the value reader does not give: merged ranges, formula cells, sheet states.
"""

from __future__ import annotations

import copy
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from planner.errors import ImportRejected, Problem


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 50 * 1024 * 1024
    max_entries: int = 1000  # Apache POI's default
    max_total_bytes: int = 160 * 1024 * 1024  # all XML inflated, counted as it streams
    max_entry_bytes: int = 120 * 1024 * 1024
    max_ratio: float = 150.0  # inflated / compressed, for entries over 1 MB inflated
    max_rows: int = 100_000
    max_cols: int = 1_000
    max_cells: int = 3_000_000
    max_merges: int = 10_000


LIMITS = Limits()
_CHUNK = 1 << 20


@dataclass
class SheetScan:
    name: str
    path: str
    hidden: bool = False
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, c0, r1, c1 (0-based)
    formulas: set[tuple[int, int]] = field(default_factory=set)  # (row, col) 0-based
    max_row: int = 0
    max_col: int = 0
    cells: int = 0


@dataclass
class ScanResult:
    sheets: list[SheetScan]
    warnings: list[Problem] = field(default_factory=list)


def refuse(path: Path, message: str, key: str) -> ImportRejected:
    err = ImportRejected(f"{path.name}: {message}", [Problem("error", message, sheet="", column="")], where=str(path))
    err.key = key
    return err


def check_parser() -> None:
    """E13: import only with a hardened XML stack (fail closed)."""
    try:
        import defusedxml  # noqa: F401 - openpyxl switches to it only when importable
        import openpyxl
    except ImportError as exc:
        raise ImportRejected(f"Spreadsheet import is disabled: {exc.name} is missing from this installation.") from exc
    if not getattr(openpyxl, "DEFUSEDXML", False) or getattr(openpyxl, "LXML", False):
        raise ImportRejected("Spreadsheet import is disabled: the XML parser is not hardened (defusedxml inactive).")


# --- the container -------------------------------------------------------------------------
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


def sniff(path: Path, head: bytes, size: int) -> None:
    if size == 0:
        raise refuse(path, "the file is empty (an incomplete download or copy?).", "empty")
    if size > LIMITS.max_file_bytes:
        raise refuse(path, f"the file is larger than {LIMITS.max_file_bytes // 2**20} MB.", "too_large")
    if head.startswith(_OLE):
        with open(path, "rb") as fh:
            body = fh.read(min(size, 4 * 2**20))
        if _ENCRYPTED in body:
            raise refuse(path, "the workbook is password-protected; remove the password in Excel and try again.", "encrypted")
        raise refuse(path, "this is an old Excel 97-2003 (.xls) file; open it in Excel or LibreOffice and save it as .xlsx.", "xls")
    if head.startswith(b"PK\x03\x04"):
        return
    if head.startswith(b"PK"):
        raise refuse(path, "the workbook is damaged or incomplete (not a complete zip archive).", "truncated")
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<?xml", b"<html", b"<!doctype", b"<table")):
        raise refuse(path, "this is an XML or HTML file renamed to .xlsx; save it from Excel as an .xlsx workbook.", "html")
    if _looks_like_text(head):
        raise refuse(path, "this is a text/CSV file renamed to .xlsx; open it in Excel and save it as an .xlsx workbook.", "csv")
    raise refuse(path, "this is not an Excel workbook (.xlsx).", "not_xlsx")


def _looks_like_text(head: bytes) -> bool:
    for encoding in ("utf-8", "gb18030", "utf-16"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError:
            continue
        printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
        return printable >= 0.95 * max(1, len(text))
    return False


def open_zip(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    # NotImplementedError: a zip directory claiming a newer zip version or an unknown method.
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise refuse(path, f"the workbook is damaged or incomplete ({exc}).", "truncated") from exc


def check_directory(path: Path, zf: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    infos = zf.infolist()
    if len(infos) > LIMITS.max_entries:
        raise refuse(path, f"the workbook has {len(infos)} parts (limit {LIMITS.max_entries}); refused as unsafe.", "entries")
    names = {i.filename: i for i in infos}
    if len(names) != len(infos):
        raise refuse(path, "the workbook has duplicate parts; refused as unsafe.", "duplicate")
    total = 0
    for info in infos:
        total += info.file_size
        big = info.file_size > 2**20
        if info.file_size > LIMITS.max_entry_bytes or (big and info.file_size > LIMITS.max_ratio * max(1, info.compress_size)):
            raise refuse(path, f"part {info.filename} inflates to {info.file_size:,} bytes (a zip bomb?); refused.", "bomb")
        if info.flag_bits & 0x1:
            raise refuse(path, "the workbook is encrypted; remove the password and try again.", "encrypted")
    if total > LIMITS.max_total_bytes:
        raise refuse(path, f"the workbook inflates to {total:,} bytes (limit {LIMITS.max_total_bytes:,}); refused.", "bomb")
    _check_kind(path, names)
    return names


def _check_kind(path: Path, names: dict[str, zipfile.ZipInfo]) -> None:
    if "mimetype" in names and any(n == "content.xml" for n in names):
        raise refuse(path, "this is an OpenDocument spreadsheet (.ods); save it as .xlsx.", "ods")
    if "[Content_Types].xml" not in names:
        raise refuse(path, "the workbook is incomplete: it has no [Content_Types].xml part.", "no_content_types")
    if "xl/workbook.bin" in names:
        raise refuse(path, "this is a binary workbook (.xlsb); save it as .xlsx.", "xlsb")
    if "xl/vbaProject.bin" in names:
        raise refuse(path, "this workbook contains macros (.xlsm); save it as a macro-free .xlsx.", "xlsm")
    if "xl/workbook.xml" not in names:
        if "word/document.xml" in names or "ppt/presentation.xml" in names:
            raise refuse(path, "this is a Word or PowerPoint file, not an Excel workbook.", "not_xlsx")
        raise refuse(path, "this is not an Excel workbook (no xl/workbook.xml).", "not_xlsx")


# --- streaming XML scan ----------------------------------------------------------------------
_DANGER = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)
_SHEET_TOKENS = re.compile(
    rb"<(?:\w+:)?c\s[^>]*?\br=\"([A-Z]{1,8})(\d{1,9})\""
    rb"|<(?:\w+:)?row\s[^>]*?\br=\"(\d{1,9})\""
    rb"|<(?:\w+:)?(f)[\s>/]"
    rb"|<(?:\w+:)?mergeCell\s[^>]*?ref=\"([A-Z]{1,8}\d{1,9}(?::[A-Z]{1,8}\d{1,9})?)\""
    rb"|<(?:\w+:)?dimension\s[^>]*?ref=\"([^\"]{1,64})\""
    rb"|<(?:\w+:)?(c)[\s>/]"
)


class _Budget:
    def __init__(self, path: Path):
        self.path, self.used = path, 0

    def take(self, n: int, part: str) -> None:
        self.used += n
        if self.used > LIMITS.max_total_bytes:
            raise refuse(self.path, f"the workbook inflates beyond {LIMITS.max_total_bytes:,} bytes (in {part}); refused.", "bomb")


def _stream(path: Path, zf: zipfile.ZipFile, name: str, budget: _Budget):
    """Yield chunks of a part, each ending on a tag boundary, counting the inflated bytes."""
    carry = b""
    seen = 0
    declared = zf.getinfo(name)
    unbounded = copy.copy(declared)
    unbounded.file_size = 1 << 62  # inflate until the data ends: the declared size is not trusted
    try:
        with zf.open(unbounded) as fh:
            while True:
                chunk = fh.read(_CHUNK)
                if not chunk:
                    break
                seen += len(chunk)
                budget.take(len(chunk), name)
                if seen > LIMITS.max_entry_bytes:
                    raise refuse(path, f"part {name} inflates beyond {LIMITS.max_entry_bytes:,} bytes; refused.", "bomb")
                data = carry + chunk
                cut = data.rfind(b">") + 1
                if cut == 0 and len(data) > 4 * _CHUNK:
                    raise refuse(path, f"part {name} is not well-formed XML.", "xml")
                carry = data[cut:]
                yield data[:cut]
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError, zlib.error) as exc:
        raise refuse(path, f"the workbook is damaged ({name}: {exc}).", "truncated") from exc
    if seen != declared.file_size:
        raise refuse(path, f"part {name} is {seen:,} bytes but the zip directory says {declared.file_size:,}; refused.", "lying_size")
    if carry.strip():
        yield carry


def _check_xml(path: Path, name: str, chunk: bytes) -> None:
    if _DANGER.search(chunk):
        raise refuse(path, f"part {name} declares a DOCTYPE or entities (XML bomb or external entity); refused.", "doctype")


def read_small(path: Path, zf: zipfile.ZipFile, name: str, budget: _Budget) -> bytes:
    data = b"".join(_stream(path, zf, name, budget))
    _check_xml(path, name, data)
    return data


def col_index(letters: bytes | str) -> int:
    n = 0
    for ch in letters if isinstance(letters, str) else letters.decode():
        n = n * 26 + ord(ch) - 64
    return n


def _ref(ref: str) -> tuple[int, int]:
    m = re.fullmatch(r"\$?([A-Z]{1,8})\$?(\d{1,9})", ref)
    if not m:
        return 0, 0
    return int(m[2]), col_index(m[1])


_CELL_REF = re.compile(rb"<(?:\w+:)?c\s[^>]*?\br=\"([A-Z]{1,8})(\d{1,9})\"")
_CELL_REF_FIRST = re.compile(rb"<c r=\"([A-Z]{1,8})(\d{1,9})\"")
_ROW_REF_FIRST = re.compile(rb"<row r=\"(\d{1,9})\"")
_CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s>/]")
_ROW_REF = re.compile(rb"<(?:\w+:)?row\s[^>]*?\br=\"(\d{1,9})\"")
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*?ref=\"([^\"]{1,40})\"")
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s[^>]*?ref=\"([^\"]{1,64})\"")


def scan_sheet(path: Path, zf: zipfile.ZipFile, sheet: SheetScan, budget: _Budget) -> None:
    """Bounds, merges and formula cells of one sheet, in C-speed passes over each chunk.

    Cells written without a reference (allowed, rare) take the slower token walk, which tracks
    their implied positions.
    """
    last = (0, 0)
    state = [0, 0]  # current row, implicit column (for cells without references)
    for chunk in _stream(path, zf, sheet.path, budget):
        _check_xml(path, sheet.path, chunk)
        refs = _CELL_REF_FIRST.findall(chunk)  # the usual layout: r is the first attribute
        tags = chunk.count(b"<c ") + chunk.count(b"<c>") + chunk.count(b"<c/>")
        if tags != len(refs) or b":c " in chunk:
            refs = _CELL_REF.findall(chunk)
            tags = len(_CELL_TAG.findall(chunk))
        if tags != len(refs):
            last = _scan_tokens(path, sheet, chunk, last, state)
            continue
        sheet.cells += len(refs)
        rows = _ROW_REF_FIRST.findall(chunk)
        if len(rows) != chunk.count(b"<row"):
            rows = _ROW_REF.findall(chunk)
        if refs or rows:
            max_row = max(map(int, {d for _, d in refs} | set(rows)))
            max_col = max((col_index(x) for x in {x for x, _ in refs}), default=0)
            _grow(path, sheet, max_row, max_col, count=False)
        for m in _FORMULA.finditer(chunk) if (b"<f" in chunk or b":f" in chunk) else ():
            at = chunk.rfind(b"<c", 0, m.start())
            ref = _CELL_REF.match(chunk, at) if at >= 0 else None
            row, col = (int(ref.group(2)), col_index(ref.group(1))) if ref else last
            sheet.formulas.add((row - 1, col - 1))
        if refs:
            last = (int(refs[-1][1]), col_index(refs[-1][0]))
        for ref in _MERGE.findall(chunk) if b"mergeCell" in chunk else ():
            _merge(path, sheet, ref.decode())
        dim = _DIMENSION.search(chunk) if b"dimension" in chunk else None
        if dim:
            _dimension(path, sheet, dim.group(1).decode())


def _scan_tokens(path: Path, sheet: SheetScan, chunk: bytes, last: tuple[int, int], state: list[int]) -> tuple[int, int]:
    for m in _SHEET_TOKENS.finditer(chunk):
        if m.group(1):
            last = (int(m.group(2)), col_index(m.group(1)))
            state[1] = last[1]
            _grow(path, sheet, *last)
        elif m.group(3):
            state[0], state[1] = int(m.group(3)), 0
            _grow(path, sheet, state[0], 0, count=False)
        elif m.group(7):  # a cell without a reference: it follows the previous one
            state[1] += 1
            last = (max(state[0], 1), state[1])
            _grow(path, sheet, *last)
        elif m.group(4):
            sheet.formulas.add((last[0] - 1, last[1] - 1))
        elif m.group(5):
            _merge(path, sheet, m.group(5).decode())
        elif m.group(6):
            _dimension(path, sheet, m.group(6).decode())
    return last


def _grow(path: Path, sheet: SheetScan, row: int, col: int, *, count: bool = True) -> None:
    sheet.cells += count
    if row > sheet.max_row:
        sheet.max_row = row
        if row > LIMITS.max_rows:
            raise refuse(path, f"sheet '{sheet.name}' has a cell at row {row:,} (limit {LIMITS.max_rows:,}); refused.", "far_cell")
    if col > sheet.max_col:
        sheet.max_col = col
        if col > LIMITS.max_cols:
            raise refuse(path, f"sheet '{sheet.name}' has a cell in column {col:,} (limit {LIMITS.max_cols:,}); refused.", "far_cell")
    if sheet.cells > LIMITS.max_cells or sheet.max_row * sheet.max_col > LIMITS.max_cells * 2:
        raise refuse(path, f"sheet '{sheet.name}' has too many cells (limit {LIMITS.max_cells:,}); refused.", "cells")


def _merge(path: Path, sheet: SheetScan, ref: str) -> None:
    if len(sheet.merges) >= LIMITS.max_merges:
        raise refuse(path, f"sheet '{sheet.name}' has more than {LIMITS.max_merges:,} merged ranges; refused.", "merges")
    first, _, last = ref.partition(":")
    (r0, c0), (r1, c1) = _ref(first), _ref(last or first)
    if min(r0, c0, r1, c1) < 1 or r1 > LIMITS.max_rows or c1 > LIMITS.max_cols:
        raise refuse(path, f"sheet '{sheet.name}' has a merged range {ref} outside the allowed area; refused.", "far_cell")
    sheet.merges.append((r0 - 1, c0 - 1, r1 - 1, c1 - 1))


def _dimension(path: Path, sheet: SheetScan, ref: str) -> None:
    last = ref.partition(":")[2] or ref
    row, col = _ref(last)
    if row > LIMITS.max_rows or col > LIMITS.max_cols or row * col > LIMITS.max_cells * 2:
        raise refuse(path, f"sheet '{sheet.name}' declares a used range {ref} beyond the allowed area; refused.", "dimension")


# --- workbook structure ------------------------------------------------------------------------
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _workbook_sheets(path: Path, zf: zipfile.ZipFile, budget: _Budget) -> list[SheetScan]:
    from defusedxml import ElementTree as ET

    try:
        wb = ET.fromstring(read_small(path, zf, "xl/workbook.xml", budget))
        rels_name = "xl/_rels/workbook.xml.rels"
        rels = ET.fromstring(read_small(path, zf, rels_name, budget)) if rels_name in zf.NameToInfo else None
    except ImportRejected:
        raise
    except Exception as exc:  # defusedxml's refusals and malformed XML alike
        raise refuse(path, f"the workbook structure is damaged or unsafe ({type(exc).__name__}).", "xml") from exc
    targets = {}
    for rel in rels if rels is not None else []:
        target = rel.get("Target", "")
        full = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        targets[rel.get("Id")] = _normpath(full)
    sheets = []
    for el in wb.iter():
        if el.tag.rsplit("}", 1)[-1] != "sheet":
            continue
        part = targets.get(el.get(_NS_REL), "")
        sheets.append(SheetScan(el.get("name", ""), part, hidden=el.get("state", "visible") != "visible"))
    return sheets


def _normpath(p: str) -> str:
    parts: list[str] = []
    for piece in p.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)


def preflight(path: Path | str) -> ScanResult:
    """Raise `ImportRejected` with a specific message, or return what the scan learned."""
    path = Path(path)
    check_parser()
    size = path.stat().st_size
    with open(path, "rb") as fh:
        head = fh.read(4096)
    sniff(path, head, size)
    with open_zip(path) as zf:
        names = check_directory(path, zf)
        budget = _Budget(path)
        for name in names:  # every XML part: no DOCTYPE anywhere, sizes counted while inflating
            if name.endswith((".xml", ".rels", ".vml")) and not name.startswith("xl/worksheets/sheet"):
                for chunk in _stream(path, zf, name, budget):
                    _check_xml(path, name, chunk)
        sheets = _workbook_sheets(path, zf, budget)
        result = ScanResult([s for s in sheets if s.path in names])
        for sheet in result.sheets:
            scan_sheet(path, zf, sheet, budget)
        if any(n.startswith("xl/externalLinks/") for n in names):
            result.warnings.append(Problem("warning", "links to other workbooks were ignored"))
    return result
