"""Which parts of a workbook the reader needs, found through its relationships, and the
package the reader is given: those parts alone, as the pre-flight checked them.

Parts are looked up the way the value reader looks them up (python-calamine folds names to
lower case and reads backslashes as slashes, so a relationship to `SHEET1.XML` finds
`sheet1.xml`); relationships are followed as Excel follows them (the workbook's own name,
its styles and shared strings by relationship type, `..` resolved). The reader never opens
the user's file: it gets a new zip holding a generated workbook part that lists the checked
worksheets under neutral names, generated relationships, and the checked bytes of the styles,
shared strings and sheets, stored uncompressed. It cannot open a part that was not checked,
because no other part exists in what it opens.
"""

from __future__ import annotations

import io
import os
import posixpath
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote
from xml.sax.saxutils import quoteattr

from planner.excel.container import fold, refuse
from planner.i18n import _

RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
IN_MEMORY_BYTES = 64 * 2**20  # larger packages for the reader go to a temporary file


@dataclass(frozen=True)
class Rel:
    id: str
    type: str
    target: str
    external: bool


class RelsHandler:
    """Start handler collecting <Relationship> elements."""

    def __init__(self):
        self.rels: dict[str, Rel] = {}

    def start(self, name: str, attrs: dict) -> None:
        if name.rpartition(":")[2] == "Relationship":
            rid = attrs.get("Id", "")
            self.rels[rid] = Rel(rid, attrs.get("Type", ""), attrs.get("Target", ""),
                                 attrs.get("TargetMode", "").lower() == "external")


@dataclass
class SheetEntry:
    name: str
    state: str
    rid: str


class WorkbookHandler:
    """Start handler for the workbook part: its sheets and its date system."""

    def __init__(self):
        self.sheets: list[SheetEntry] = []
        self.date1904 = False

    def start(self, name: str, attrs: dict) -> None:
        local = name.rpartition(":")[2]
        if local == "sheet":
            rid = ""
            for key, value in attrs.items():
                if key.rpartition(":")[2] == "id":  # r:id, whatever the prefix
                    rid = value
            self.sheets.append(SheetEntry(attrs.get("name", ""), attrs.get("state", "visible"), rid))
        elif local == "workbookPr":
            self.date1904 = attrs.get("date1904", "").strip().lower() in ("1", "true")


def resolve(base: str, target: str) -> str:
    """A relationship target against the folder of its source part, as a part name."""
    target = target.replace("\\", "/")
    joined = target.lstrip("/") if target.startswith("/") else f"{base}/{target}" if base else target
    return posixpath.normpath(joined).lstrip("/") if joined else ""


def find_part(parts: dict[str, zipfile.ZipInfo], name: str) -> zipfile.ZipInfo | None:
    """The zip entry for a part name, compared as the reader compares (case folded)."""
    if not name or name.startswith("../") or name == "..":
        return None
    info = parts.get(fold(name))
    if info is None and "%" in name:
        info = parts.get(fold(unquote(name)))
    return info


def rels_of(part: str) -> str:
    folder, _slash, file = part.rpartition("/")
    return f"{folder}/_rels/{file}.rels" if folder else f"_rels/{file}.rels"


@dataclass
class ReaderPackage:
    """The zip the reader opens: generated workbook and relationships plus checked parts."""

    sheets: list[list[str]] = field(default_factory=list)  # [reader name, part name], in order
    date1904: bool = False
    _zip: zipfile.ZipFile | None = None
    _buffer: io.BytesIO | None = None
    _path: Path | None = None

    @classmethod
    def create(cls, expected_bytes: int) -> "ReaderPackage":
        package = cls()
        if expected_bytes > IN_MEMORY_BYTES:
            fd, name = tempfile.mkstemp(prefix="planner-import-", suffix=".xlsx")
            os.close(fd)
            package._path = Path(name)
            package._zip = zipfile.ZipFile(name, "w", zipfile.ZIP_STORED, allowZip64=True)
        else:
            package._buffer = io.BytesIO()
            package._zip = zipfile.ZipFile(package._buffer, "w", zipfile.ZIP_STORED, allowZip64=True)
        return package

    def writer(self, name: str, size: int):
        """A file object for a part's checked bytes (written while they are checked)."""
        info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_STORED
        info.file_size = size
        return self._zip.open(info, "w", force_zip64=size > 2**31)

    def add_sheet(self) -> tuple[str, str]:
        """(reader name, part name) of the next sheet; neutral names, unique by construction."""
        number = len(self.sheets) + 1
        self.sheets.append([f"s{number}", f"worksheets/sheet{number}.xml"])
        return self.sheets[-1][0], f"xl/{self.sheets[-1][1]}"

    def replace_last(self) -> str:
        """A fresh part name for the last sheet (its first, abandoned write stays unreferenced)."""
        self.sheets[-1][1] = f"worksheets/sheet{len(self.sheets)}-again.xml"
        return f"xl/{self.sheets[-1][1]}"

    def finish(self, *, styles: bool, strings: bool) -> None:
        """Write the generated parts and close the zip."""
        zf = self._zip
        sheets = "".join(f'<sheet name={quoteattr(n)} sheetId="{i}" r:id="rId{i}"/>'
                         for i, (n, _part) in enumerate(self.sheets, 1))
        pr = '<workbookPr date1904="1"/>' if self.date1904 else ""
        zf.writestr("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN_NS}" '
                                       f'xmlns:r="{DOC_REL}">{pr}<sheets>{sheets}</sheets></workbook>')
        rels = [f'<Relationship Id="rId{i}" Type="{DOC_REL}/worksheet" Target="{part}"/>'
                for i, (_n, part) in enumerate(self.sheets, 1)]
        if styles:
            rels.append(f'<Relationship Id="rIdStyles" Type="{DOC_REL}/styles" Target="styles.xml"/>')
        if strings:
            rels.append(f'<Relationship Id="rIdStrings" Type="{DOC_REL}/sharedStrings" Target="sharedStrings.xml"/>')
        zf.writestr("xl/_rels/workbook.xml.rels", f'<?xml version="1.0" encoding="UTF-8"?><Relationships '
                                                  f'xmlns="{RELS_NS}">{"".join(rels)}</Relationships>')
        zf.writestr("_rels/.rels", f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS_NS}">'
                                   f'<Relationship Id="rId1" Type="{DOC_REL}/officeDocument" '
                                   f'Target="xl/workbook.xml"/></Relationships>')
        zf.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                                           'openxmlformats.org/package/2006/content-types"><Default Extension="xml" '
                                           'ContentType="application/xml"/><Default Extension="rels" ContentType='
                                           '"application/vnd.openxmlformats-package.relationships+xml"/></Types>')
        zf.close()

    def source(self):
        """What python-calamine opens: the bytes, or the temporary file's path."""
        if self._path is not None:
            return str(self._path)
        self._buffer.seek(0)
        return self._buffer

    def discard(self) -> None:
        if self._zip is not None and self._zip.fp is not None:
            try:
                self._zip.close()
            except (OSError, ValueError):
                pass
        if self._path is not None:
            try:
                self._path.unlink()
            except OSError:
                pass
        self._buffer = None


def workbook_part(path: Path, parts: dict[str, zipfile.ZipInfo], root_rels: dict[str, Rel]) -> str:
    """The workbook part named by the package's officeDocument relationship."""
    for rel in root_rels.values():
        if rel.type.endswith("/officeDocument") and not rel.external:
            name = resolve("", rel.target)
            if find_part(parts, name) is not None:
                return name
    if find_part(parts, "xl/workbook.xml") is not None:
        return "xl/workbook.xml"
    raise refuse(path, _("this is not an Excel workbook (it has no workbook part)."), "not_xlsx")


def typed_part(parts, rels: dict[str, Rel], base: str, kind: str, fallback: str) -> zipfile.ZipInfo | None:
    """The part a workbook relationship of `kind` points at, else the conventional name."""
    for rel in rels.values():
        if rel.type.endswith(f"/{kind}") and not rel.external:
            info = find_part(parts, resolve(base, rel.target))
            if info is not None:
                return info
    return find_part(parts, resolve(base, fallback))
