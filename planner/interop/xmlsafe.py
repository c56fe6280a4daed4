"""Parse an XML file someone sent us without letting it harm the process.

The same rules as the workbook pre-flight (docs/reliability.md, rows E-G): a byte budget counted
while reading (the file's claimed size is not trusted), no DOCTYPE, no entities, no external
references (defusedxml's handlers refuse them all), an element budget.
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


LIMITS = XmlLimits()
_CHUNK = 1 << 20


def refuse(path: Path, message: str, key: str) -> ImportRejected:
    err = ImportRejected(_("{file}: {reason}", file=path.name, reason=message), [Problem("error", message, sheet=path.name)],
                         where=str(path))
    err.key = key
    return err


def _guard():
    """An expat parser with defusedxml's handlers and no element handlers: it checks at C speed."""
    from xml.parsers import expat

    from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

    def doctype(name, sysid, pubid, has_internal_subset):
        raise DTDForbidden(name, sysid, pubid)

    def entity(name, is_parameter, value, base, sysid, pubid, notation_name):
        raise EntitiesForbidden(name, value, base, sysid, pubid, notation_name)

    def external(context, base, sysid, pubid):
        raise ExternalReferenceForbidden(context, base, sysid, pubid)

    guard = expat.ParserCreate()
    guard.StartDoctypeDeclHandler = doctype
    guard.EntityDeclHandler = entity
    guard.UnparsedEntityDeclHandler = lambda *args: entity(args[0], False, None, *args[1:])
    guard.ExternalEntityRefHandler = external
    return guard


def parse_file(path: Path, limits: XmlLimits = LIMITS) -> Element:
    """The root element, tags without namespace; `ImportRejected` for anything hostile or broken.

    Each chunk goes first through an expat parser holding defusedxml's handlers (DOCTYPE, entity
    declarations and external references refused), then to the standard C tree builder, which
    therefore never sees a DOCTYPE; defusedxml's own ElementTree parser builds its tree in pure
    Python, five times slower on a 10,000-task file.
    """
    from defusedxml import DefusedXmlException
    from xml.etree.ElementTree import ParseError, XMLParser
    from xml.parsers.expat import ExpatError

    guard, builder = _guard(), XMLParser()
    read = 0
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(_CHUNK):
                read += len(chunk)
                if read > limits.max_bytes:
                    raise refuse(path, _("the file is larger than {mb} MB; refused.", mb=limits.max_bytes >> 20), "xml_size")
                guard.Parse(chunk, False)
                builder.feed(chunk)
            guard.Parse(b"", True)
            root = builder.close()
    except DefusedXmlException:
        raise refuse(path, _("the XML declares a DOCTYPE, entities or external references (an XML bomb or an "
                             "external entity); refused."), "doctype") from None
    except (ParseError, ExpatError) as exc:
        line = getattr(exc, "position", None) or (getattr(exc, "lineno", 0), 0)
        raise refuse(path, _("this is not well-formed XML (line {line}); the file is damaged or not an XML file.",
                             line=line[0]), "xml_syntax") from None
    _check_shape(path, root, limits)
    return root


def _check_shape(path: Path, root: Element, limits: XmlLimits) -> None:
    """The element budget, and the namespace dropped from every tag (MSPDI has one).

    Nesting needs no limit of its own: the C tree builder and everything after it walk the tree
    without recursion, and the byte budget bounds what a deep file can hold.
    """
    count = 0
    for el in root.iter():
        count += 1
        tag = el.tag
        if tag[:1] == "{":
            el.tag = tag[tag.index("}") + 1:]
    if count > limits.max_elements:
        raise refuse(path, _("the XML has more than {n} elements; refused.", n=limits.max_elements), "xml_elements")
