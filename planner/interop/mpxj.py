"""Project files of other planners through MPXJ: .mpp, .mpx, .gan, .pod, .planner, .xer and more.

MPXJ (PyPI `mpxj`, with `jpype1` and a Java runtime such as Debian's `default-jre-headless`) is
the reader GanttProject and ProjectLibre use. It is optional: the file is converted to MS Project
XML in a temporary folder and read by `planner.interop.mspdi`, so every format gets the same
mapping, preview and problems. Without it, the user is told what to install, or to save the
file as XML in MS Project. The Java VM is started once per process and reused.
"""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path

from planner.errors import ImportRejected, Problem
from planner.i18n import _
from planner.interop.reading import Reading
from planner.plan import Plan

SUFFIXES = (".mpp", ".mpx", ".mpt", ".gan", ".pod", ".planner", ".xer", ".pmxml", ".pp", ".fts", ".cdpx", ".sdef")
MAX_BYTES = 100 * 1024 * 1024  # .mpp files of 10,000 tasks are about 5 MB
_lock = threading.Lock()


class MpxjMissing(ImportRejected):
    """MPXJ or Java is not installed: the message says what to install or how to save as XML."""

    def __init__(self, message: str, *, key: str):
        super().__init__(message, [Problem("error", message)])
        self.key = key


def missing_message(file: str, reason: str) -> str:
    return _("{file} needs MPXJ to be opened ({reason}). Install it with “pip install mpxj jpype1” and a Java "
             "runtime (Debian/Ubuntu: “apt install default-jre-headless”), or save the file as XML in MS Project "
             "(File › Save As › XML) and import that.", file=file, reason=reason)


def _start_jvm(file: str) -> None:
    try:
        import jpype
        import mpxj  # noqa: F401 - puts MPXJ's jars on the class path
    except ImportError as exc:
        raise MpxjMissing(missing_message(file, _("the Python package {name} is missing", name=exc.name or "mpxj")),
                          key="mpxj_missing") from None
    if jpype.isJVMStarted():
        return
    try:
        jpype.startJVM("-Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory",
                       "-Djava.awt.headless=true", convertStrings=False)
    except (jpype.JVMNotFoundException, OSError, RuntimeError) as exc:
        raise MpxjMissing(missing_message(file, _("no Java runtime was found: {error}", error=str(exc).splitlines()[0])),
                          key="java_missing") from None


def available() -> str:
    """"" when MPXJ can be used, else the reason it cannot (for the UI and `--self-test`)."""
    try:
        _start_jvm("")
    except MpxjMissing as exc:
        return str(exc)
    return ""


def convert_to_mspdi(source: Path, target: Path) -> None:
    """Read any file MPXJ knows and write it as MS Project XML; `ImportRejected` if MPXJ cannot."""
    size = source.stat().st_size
    if size > MAX_BYTES:
        raise _refused(source, _("the file is larger than {mb} MB; refused.", mb=MAX_BYTES >> 20), "too_large")
    if size == 0:
        raise _refused(source, _("the file is empty."), "empty")
    with _lock:
        _start_jvm(source.name)
        import jpype

        from org.mpxj.reader import UniversalProjectReader  # type: ignore[import-not-found]
        from org.mpxj.writer import FileFormat, UniversalProjectWriter  # type: ignore[import-not-found]

        try:
            project = UniversalProjectReader().read(str(source))
        except jpype.JException as exc:
            raise _refused(source, _("MPXJ cannot read it ({error}); the file is damaged, password-protected or of "
                                     "a kind MPXJ does not know.", error=_java_reason(exc)), "mpxj_failed") from None
        if project is None:
            raise _refused(source, _("this is not a project file MPXJ knows."), "not_a_project")
        try:
            UniversalProjectWriter(FileFormat.MSPDI).write(project, str(target))
        except jpype.JException as exc:
            raise _refused(source, _("MPXJ cannot convert it ({error}).", error=_java_reason(exc)), "mpxj_failed") from None


def read(path: Path | str, plan: Plan | None = None) -> Reading:
    from planner.interop import mspdi

    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="planner-mpxj-") as folder:
        xml = Path(folder) / (path.stem + ".xml")
        convert_to_mspdi(path, xml)
        reading = mspdi.read(xml, plan)
    reading.file = path.name
    reading.problems.items[:] = [Problem(p.level, p.message, path.name if p.sheet == xml.name else p.sheet, p.row,
                                         p.column, p.value) for p in reading.problems.items]
    for record in (r for table in reading.records.by_table.values() for r in table.values()):
        record.origin = record.origin.replace(xml.name, path.name, 1)
    return reading


def _refused(path: Path, message: str, key: str) -> ImportRejected:
    err = ImportRejected(_("{file}: {reason}", file=path.name, reason=message), [Problem("error", message, sheet=path.name)],
                         where=str(path))
    err.key = key
    return err


def _java_reason(exc) -> str:
    text = str(exc.getMessage() if hasattr(exc, "getMessage") else exc) or type(exc).__name__
    return str(text).splitlines()[0][:200]
