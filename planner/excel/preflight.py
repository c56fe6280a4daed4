"""Pre-flight of a workbook (import stage 1): refuse hostile or wrong files before any reader
sees them, and learn what the value reader does not give.

Order: the container (`container.sniff`: empty, .xls, password-protected, CSV/HTML renamed,
truncated), the zip directory (`container.check_directory`: entry count, names, declared
sizes and ratios, .xlsm/.xlsb/.ods), then the parts the reader will read, found through the
relationships as the reader finds them (`package`) and each streamed through expat
(`xmlparts`) under byte, depth, cell, row, column and merged-area limits: the package
relationships, the workbook part and its relationships, styles, shared strings and every
worksheet (`sheetscan`). The checked bytes go into the package the reader opens
(`package.ReaderPackage`), so the reader can open nothing else.

What the scan keeps per sheet: its part, visibility, merged ranges (as ranges), formula
cells, the cells whose style has a number format or a solid fill, and the size of the grid
the reader will build. Every refusal is an `ImportRejected` with its own `key` and a message
naming the file (and the sheet and cell where there is one).
"""

from __future__ import annotations

import logging
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from planner.errors import ImportRejected, Problem
from planner.excel import container, package as pk
from planner.excel.container import refuse
from planner.excel.merges import without_overlaps
from planner.excel.sheetscan import SheetScan, SheetScanner, _NeedStrict, cell_name
from planner.excel.styles import Styles, StylesHandler
from planner.excel.xmlparts import Budget, PartStream
from planner.i18n import _

log = logging.getLogger(__name__)

__all__ = ["LIMITS", "Limits", "ScanResult", "SheetScan", "check_parser", "preflight", "refuse"]


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 100 * 2**20
    max_entries: int = 1000  # Apache POI's default
    max_total_bytes: int = 512 * 2**20  # every part inflated, counted as it streams
    max_entry_bytes: int = 384 * 2**20
    max_ratio: float = 150.0  # inflated / compressed, for entries over 1 MB inflated
    max_depth: int = 100  # element nesting (a real sheet nests about 6 deep)
    max_rows: int = 1_048_576  # Excel's own grid
    max_cols: int = 16_384
    max_area: int = 8_000_000  # the reader's grid per sheet: A1 to the furthest cell
    sparse_area: int = 1_000_000  # above this a grid must be at least 1/sparse_ratio filled
    sparse_ratio: int = 16
    max_cells: int = 16_000_000  # cell elements in the whole workbook
    max_merges: int = 10_000  # merged ranges per sheet
    max_merged_area: int = 2_000_000  # cells covered by the merged ranges of a sheet, counted with overlaps
    max_strings_slack: int = 100_000  # shared strings declared beyond those present


LIMITS = Limits()


@dataclass
class ScanResult:
    sheets: list[SheetScan]
    warnings: list[Problem] = field(default_factory=list)
    package: pk.ReaderPackage | None = None
    date1904: bool = False

    def close(self) -> None:
        if self.package is not None:
            self.package.discard()


def check_parser() -> None:
    """E13: import only with a hardened XML stack (fail closed)."""
    try:
        import defusedxml  # noqa: F401 - the pre-flight's parser policy and openpyxl's both need it
        import openpyxl
    except ImportError as exc:
        raise ImportRejected(_("Spreadsheet import is disabled: {module} is missing from this installation.",
                               module=exc.name)) from exc
    if not getattr(openpyxl, "DEFUSEDXML", False) or getattr(openpyxl, "LXML", False):
        raise ImportRejected(_("Spreadsheet import is disabled: the XML parser is not hardened (defusedxml inactive)."))


def preflight(path: Path | str, limits: Limits = LIMITS) -> ScanResult:
    """Raise `ImportRejected` with a specific, located message, or return what the scan learned."""
    path = Path(path)
    check_parser()
    size = path.stat().st_size
    with open(path, "rb") as fh:
        head = fh.read(4096)
    container.sniff(path, head, size, limits.max_file_bytes)
    with container.open_zip(path) as zf:
        try:
            return _Scan(path, zf, limits).run()
        except ImportRejected:
            raise
        except Exception as exc:  # a failure of ours must still end as a refusal of this one file
            log.exception("pre-flight failed on %s", path)
            reason = type(exc).__name__ + ": " + str(exc)[:160]
            raise refuse(path, _("the workbook could not be checked ({reason}).", reason=reason), "unreadable") from exc


class _Scan:
    def __init__(self, path: Path, zf: zipfile.ZipFile, limits: Limits):
        self.path, self.zf, self.limits = path, zf, limits
        self.parts = container.check_directory(path, zf, limits)
        self.budget = Budget(path, limits.max_total_bytes)
        self.warnings: list[Problem] = []

    def stream(self, info: zipfile.ZipInfo, **kw) -> PartStream:
        return PartStream(self.path, self.zf, info, self.budget, self.limits, **kw)

    def rels(self, name: str) -> dict[str, pk.Rel]:
        info = pk.find_part(self.parts, name)
        if info is None:
            return {}
        handler = pk.RelsHandler()
        self.stream(info).run(handler.start)
        return handler.rels

    def run(self) -> ScanResult:
        workbook = pk.workbook_part(self.path, self.parts, self.rels("_rels/.rels"))
        base = workbook.rpartition("/")[0]
        book = pk.WorkbookHandler()
        self.stream(pk.find_part(self.parts, workbook)).run(book.start)
        rels = self.rels(pk.rels_of(workbook))
        styles_info = pk.typed_part(self.parts, rels, base, "styles", "styles.xml")
        strings_info = pk.typed_part(self.parts, rels, base, "sharedStrings", "sharedStrings.xml")
        sheets = self._sheets(book, rels, base)
        kept = [i for i in (styles_info, strings_info) if i is not None] + [info for _s, info in sheets]
        package = pk.ReaderPackage.create(sum(i.file_size for i in kept))
        package.date1904 = book.date1904
        try:
            styles = self._styles(styles_info, package)
            self._strings(strings_info, package)
            cells = [0]
            scans = []
            for sheet, info in sheets:
                sheet.reader_name, target = package.add_sheet()
                self._sheet(sheet, info, styles, cells, package, target)
                scans.append(sheet)
            package.finish(styles=styles_info is not None, strings=strings_info is not None)
        except BaseException:
            package.discard()
            raise
        if any(k.startswith("xl/externallinks/") for k in self.parts):
            self.warnings.append(Problem("warning", _("links to other workbooks were ignored")))
        return ScanResult(scans, self.warnings, package, book.date1904)

    def _sheets(self, book: pk.WorkbookHandler, rels: dict[str, pk.Rel], base: str) -> list[tuple[SheetScan, zipfile.ZipInfo]]:
        out = []
        for entry in book.sheets:
            rel = rels.get(entry.rid)
            if rel is None or rel.external:
                self.warnings.append(Problem("warning", _("sheet '{sheet}' has no part in the workbook; skipped",
                                                          sheet=entry.name), sheet=entry.name))
                continue
            if not rel.type.endswith("/worksheet"):
                continue  # chart and dialog sheets hold no cells
            info = pk.find_part(self.parts, pk.resolve(base, rel.target))
            if info is None:
                self.warnings.append(Problem("warning", _("sheet '{sheet}': its part {part} is missing; skipped",
                                                          sheet=entry.name, part=rel.target), sheet=entry.name))
                continue
            out.append((SheetScan(entry.name, info.filename, hidden=entry.state != "visible"), info))
        return out

    def _styles(self, info: zipfile.ZipInfo | None, package: pk.ReaderPackage) -> Styles:
        if info is None:
            return Styles()
        handler = StylesHandler()
        with package.writer("xl/styles.xml", info.file_size) as out:
            self.stream(info).run(handler.start, end=handler.end, sink=out.write)
        return handler.styles()

    def _strings(self, info: zipfile.ZipInfo | None, package: pk.ReaderPackage) -> None:
        """Shared strings: the reader reserves room for the count the part declares; it must be true."""
        if info is None:
            return
        n = items = 0
        declared = ""

        def start(name, attrs):  # one call per element of the part: the common names first
            nonlocal n, items, declared
            n += 1
            if name == "si":
                items += 1
            elif name != "t":
                local = name.rpartition(":")[2]
                if local == "si":
                    items += 1
                elif local == "sst":
                    declared = attrs.get("uniqueCount", "")

        with package.writer("xl/sharedStrings.xml", info.file_size) as out:
            self.stream(info).run(start, starts=lambda: n, sink=out.write)
        # Every digit of the attribute, joined: never less than whatever number the reader parses from it.
        digits = "".join(ch for ch in declared if ch.isascii() and ch.isdigit()).lstrip("0")
        if len(digits) > 12 or (digits and int(digits) > 2 * items + self.limits.max_strings_slack):
            raise refuse(self.path, _("the shared strings part declares {declared} strings but holds {items:,}; "
                                      "refused.", declared=declared[:20], items=items),
                         "shared_strings")

    def _sheet(self, sheet: SheetScan, info: zipfile.ZipInfo, styles: Styles, cells: list[int],
               package: pk.ReaderPackage, target: str) -> None:
        scanner = SheetScanner(self.path, sheet, styles, self.limits, cells)
        stream = self.stream(info, where=lambda: scanner.where())
        start, starts, rebase, finish = scanner.fast(stream)
        try:
            with package.writer(target, info.file_size) as out:
                stream.run(start, starts=starts, rebase=rebase, sink=out.write, sheet=sheet.name, ordered=True)
        except _NeedStrict:
            # Rewritten from the start with the strict model (the fast pass may have written part of it).
            sheet.merges.clear(), sheet.formulas.clear(), sheet.styles.clear()
            scanner = SheetScanner(self.path, sheet, styles, self.limits, cells)
            start, end, finish = scanner.strict()
            with package.writer(package.replace_last(), info.file_size) as out:
                self.stream(info, where=lambda: scanner.where()).run(start, end=end, sink=out.write, sheet=sheet.name)
        finish()
        scanner.check_area()
        sheet.merges, dropped = without_overlaps(sheet.merges)
        for rng, clash in dropped[:20]:
            self.warnings.append(Problem(
                "warning", _("merged range {range} overlaps {other} and was ignored",
                             range=_range_name(rng), other=_range_name(clash)), sheet=sheet.name))


def _range_name(rng: tuple[int, int, int, int]) -> str:
    return f"{cell_name(rng[0], rng[1])}:{cell_name(rng[2], rng[3])}"
