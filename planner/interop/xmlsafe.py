"""Parse an XML file someone sent us without letting it harm the process.

The same rules as the workbook pre-flight (docs/reliability.md, rows E-G): a byte budget counted
while reading (the file's claimed size is not trusted), no DOCTYPE, no entities, no external
references (defusedxml refuses them all), an element and depth budget.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element

from planner.errors import ImportRejected, Problem
from planner.i18n import _


@dataclass(frozen=True)
class XmlLimits:
    max_bytes: int = 200 * 1024 * 1024  # a 100,000-task MS Project file is about 150 MB
    max_elements: int = 8_000_000
    max_depth: int = 64  # MSPDI nests 8 deep


LIMITS = XmlLimits()
_CHUNK = 1 << 20


def refuse(path: Path, message: str, key: str) -> ImportRejected:
    err = ImportRejected(_("{file}: {reason}", file=path.name, reason=message), [Problem("error", message, sheet=path.name)],
                         where=str(path))
    err.key = key
    return err


class _Counting:
    """TreeBuilder target that counts elements and depth as they arrive."""

    def __init__(self, path: Path, limits: XmlLimits):
        from xml.etree.ElementTree import TreeBuilder

        self._tree = TreeBuilder()
        self._path, self._limits = path, limits
        self.elements = 0
        self._depth = 0

    def start(self, tag, attrs):
        self.elements += 1
        self._depth += 1
        if self._depth > self._limits.max_depth:
            raise refuse(self._path, _("the XML nests deeper than {n} levels; refused.", n=self._limits.max_depth), "xml_depth")
        if self.elements > self._limits.max_elements:
            raise refuse(self._path, _("the XML has more than {n} elements; refused.", n=self._limits.max_elements),
                         "xml_elements")
        return self._tree.start(tag.rpartition("}")[2], attrs)  # namespaces dropped: MSPDI has one

    def end(self, tag):
        self._depth -= 1
        return self._tree.end(tag.rpartition("}")[2])

    def data(self, data):
        self._tree.data(data)

    def close(self):
        return self._tree.close()


def parse_file(path: Path, limits: XmlLimits = LIMITS) -> Element:
    """The root element, tags without namespace; `ImportRejected` for anything hostile or broken."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import DefusedXMLParser
    from xml.etree.ElementTree import ParseError

    target = _Counting(path, limits)
    parser = DefusedXMLParser(target=target, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    read = 0
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(_CHUNK):
                read += len(chunk)
                if read > limits.max_bytes:
                    raise refuse(path, _("the file is larger than {mb} MB; refused.", mb=limits.max_bytes >> 20), "xml_size")
                parser.feed(chunk)
            return parser.close()
    except DefusedXmlException:
        raise refuse(path, _("the XML declares a DOCTYPE, entities or external references (an XML bomb or an "
                             "external entity); refused."), "doctype") from None
    except ParseError as exc:
        line = getattr(exc, "position", (0, 0))[0]
        raise refuse(path, _("this is not well-formed XML (line {line}); the file is damaged or not an XML file.",
                             line=line), "xml_syntax") from None
