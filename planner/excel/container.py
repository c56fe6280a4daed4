"""What kind of file a workbook really is, and whether its zip directory is safe to read.

The first stage of the pre-flight (`planner.excel.preflight`): nothing here inflates a part.
An OLE compound file (.xls, or an .xlsx encrypted with a password) is told apart by reading
its directory the way Office does (sectors chained through the FAT), not by looking for a
name in the first megabytes: a hostile or merely unusual file may place its directory last.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

from planner.errors import ImportRejected
from planner.i18n import _

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def refuse(path: Path, message: str, key: str, *, sheet: str = "", row: int | None = None, column: str = "") -> ImportRejected:
    """An ImportRejected naming the file, with one located problem and a machine-readable key."""
    from planner.errors import Problem

    err = ImportRejected(_("{name}: {message}", name=path.name, message=message), [Problem("error", message, sheet=sheet, row=row, column=column)],
                         where=str(path))
    err.key = key
    return err


def fold(name: str) -> str:
    """A part name as the reader compares it: backslashes as slashes, ASCII letters in lower case."""
    return name.replace("\\", "/").translate(_ASCII_LOWER)


# --- the container ---------------------------------------------------------------------
def sniff(path: Path, head: bytes, size: int, max_bytes: int) -> None:
    """Refuse anything that is not a zip package, each kind with its own reason."""
    if size == 0:
        raise refuse(path, _("the file is empty (an incomplete download or copy?)."), "empty")
    if size > max_bytes:
        raise refuse(path, _("the file is larger than {limit} MB.", limit=max_bytes // 2**20), "too_large")
    if head.startswith(_OLE):
        streams = ole_stream_names(path)
        if {"encryptedpackage", "encryptioninfo"} & streams:
            raise refuse(path, _("the workbook is password-protected; remove the password in Excel and try again."),
                         "encrypted")
        if {"worddocument", "powerpoint document"} & streams:
            raise refuse(path, _("this is an old Word or PowerPoint document, not an Excel workbook."), "not_xlsx")
        raise refuse(path, _("this is an old Excel 97-2003 (.xls) file; open it in Excel or LibreOffice and save "
                             "it as .xlsx."), "xls")
    if head.startswith(b"PK\x03\x04"):
        return
    if head.startswith(b"PK"):
        raise refuse(path, _("the workbook is damaged or incomplete (not a complete zip archive)."), "truncated")
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<?xml", b"<html", b"<!doctype", b"<table")):
        raise refuse(path, _("this is an XML or HTML file renamed to .xlsx; save it from Excel as an .xlsx "
                             "workbook."), "html")
    if _looks_like_text(head):
        raise refuse(path, _("this is a text/CSV file renamed to .xlsx; open it in Excel and save it as an .xlsx "
                             "workbook."), "csv")
    raise refuse(path, _("this is not an Excel workbook (.xlsx)."), "not_xlsx")


def _looks_like_text(head: bytes) -> bool:
    for encoding in ("utf-8", "gb18030", "utf-16"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError:
            continue
        printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
        return printable >= 0.95 * max(1, len(text))
    return False


_MAX_DIRECTORY_SECTORS = 4096  # 512 KB of directory at 128-byte entries: far beyond any Office file
_END_OF_CHAIN = 0xFFFFFFFE


def ole_stream_names(path: Path) -> set[str]:
    """The names (lower case) of the entries in an OLE compound file's directory.

    Follows the directory's sector chain through the FAT (MS-CFB 2.2-2.6), reading only the
    sectors it needs; a damaged or looping chain ends the walk with what was found so far.
    """
    names: set[str] = set()
    try:
        with open(path, "rb") as fh:
            header = fh.read(512)
            if len(header) < 512:
                return names
            shift = struct.unpack_from("<H", header, 0x1E)[0]
            if shift not in (9, 12):
                return names
            size = 1 << shift
            first_dir = struct.unpack_from("<I", header, 0x30)[0]
            difat = list(struct.unpack_from("<109I", header, 0x4C))
            fat_sectors = [s for s in difat if s < _END_OF_CHAIN]

            def sector(number: int) -> bytes:
                fh.seek((number + 1) * size)
                return fh.read(size)

            per_fat = size // 4
            cache: dict[int, tuple[int, ...]] = {}

            def next_sector(number: int) -> int:
                index = number // per_fat
                if index >= len(fat_sectors):
                    return _END_OF_CHAIN
                if index not in cache:
                    data = sector(fat_sectors[index])
                    if len(data) < size:
                        return _END_OF_CHAIN
                    cache[index] = struct.unpack(f"<{per_fat}I", data)
                return cache[index][number % per_fat]

            current, seen = first_dir, set()
            while current < _END_OF_CHAIN and current not in seen and len(seen) < _MAX_DIRECTORY_SECTORS:
                seen.add(current)
                data = sector(current)
                for offset in range(0, len(data) - 127, 128):
                    length = struct.unpack_from("<H", data, offset + 0x40)[0]
                    if 2 <= length <= 64 and data[offset + 0x42] in (1, 2, 5):
                        names.add(data[offset:offset + length - 2].decode("utf-16-le", "replace").lower())
                current = next_sector(current)
    except (OSError, struct.error):
        pass
    return names


# --- the zip directory -----------------------------------------------------------------
def open_zip(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    # NotImplementedError: a zip directory claiming a newer zip version or an unknown method.
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise refuse(path, _("the workbook is damaged or incomplete ({reason}).", reason=exc), "truncated") from exc


def check_directory(path: Path, zf: zipfile.ZipFile, limits) -> dict[str, zipfile.ZipInfo]:
    """Entry count, names, declared sizes and ratios; returns the parts by folded name."""
    infos = zf.infolist()
    if len(infos) > limits.max_entries:
        raise refuse(path, _("the workbook has {count} parts (limit {limit}); refused as unsafe.",
                             count=len(infos), limit=limits.max_entries), "entries")
    parts: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        name = info.filename
        pieces = name.replace("\\", "/").split("/")
        if "\0" in name or name.startswith(("/", "\\")) or ".." in pieces:
            raise refuse(path, _("the workbook has a part named {name!r}, which no spreadsheet program writes; "
                                 "refused as unsafe.", name=name[:80]), "bad_name")
        key = fold(name)
        if key in parts:
            # The reader looks names up without regard to case: two such parts would be ambiguous.
            raise refuse(path, _("the workbook has two parts named {name} (ignoring case); refused as unsafe.",
                                 name=name[:80]), "duplicate")
        parts[key] = info
        total += info.file_size
        big = info.file_size > 2**20
        if info.file_size > limits.max_entry_bytes or (big and info.file_size > limits.max_ratio * max(1, info.compress_size)):
            raise refuse(path, _("part {name} inflates to {size:,} bytes (a zip bomb?); refused.",
                                 name=name[:80], size=info.file_size), "bomb")
        if info.flag_bits & 0x1:
            raise refuse(path, _("the workbook is encrypted; remove the password and try again."), "encrypted")
    if total > limits.max_total_bytes:
        raise refuse(path, _("the workbook inflates to {size:,} bytes (limit {limit:,}); refused.",
                             size=total, limit=limits.max_total_bytes), "bomb")
    check_kind(path, parts)
    return parts


def check_kind(path: Path, parts: dict[str, zipfile.ZipInfo]) -> None:
    """Other zip-based formats, each with its own message."""
    if "mimetype" in parts and "content.xml" in parts:
        raise refuse(path, _("this is an OpenDocument spreadsheet (.ods); save it as .xlsx."), "ods")
    if "[content_types].xml" not in parts:
        raise refuse(path, _("the workbook is incomplete: it has no [Content_Types].xml part."), "no_content_types")
    if "xl/workbook.bin" in parts:
        raise refuse(path, _("this is a binary workbook (.xlsb); save it as .xlsx."), "xlsb")
    if "xl/vbaproject.bin" in parts:
        raise refuse(path, _("this workbook contains macros (.xlsm); save it as a macro-free .xlsx."), "xlsm")
    if "word/document.xml" in parts or "ppt/presentation.xml" in parts:
        raise refuse(path, _("this is a Word or PowerPoint file, not an Excel workbook."), "not_xlsx")
