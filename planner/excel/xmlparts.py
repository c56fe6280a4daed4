"""Stream one part of a workbook through expat: inflated in chunks, counted, never trusted.

Every part the reader will read passes here. The parser is expat with defusedxml's policy
(`forbid_dtd=True`): a DOCTYPE, entity declaration or external reference raises defusedxml's
own exception before expat acts on it, so no entity can expand and nothing is fetched. The
document is decoded as UTF-8 whatever it declares, as the reader does. Bytes are counted as
they inflate, against the part's declared size (a part that inflates beyond it is refused at
once, so memory follows the honest sizes), a per-part cap and the workbook's total. Depth is
checked after every chunk: between two checks it can grow by at most a chunk's worth of tags,
so expat's own stack stays small.

A caller gives the element handler (expat calls it for every start tag) and a sink for the
checked bytes, which become the reader's copy of the part (`planner.excel.package`).
"""

from __future__ import annotations

import copy
import zipfile
import zlib
from pathlib import Path
from typing import Callable
from xml.parsers import expat

from planner.excel.container import refuse
from planner.i18n import _

CHUNK = 1 << 16  # inflated bytes per expat call; also the granularity of the depth check


class Budget:
    """Inflated bytes of the whole workbook, counted as they stream."""

    def __init__(self, path: Path, limit: int):
        self.path, self.limit, self.used = path, limit, 0

    def take(self, n: int, part: str) -> None:
        self.used += n
        if self.used > self.limit:
            raise refuse(self.path, _("the workbook inflates beyond {limit:,} bytes (in {part}); refused.",
                                      limit=self.limit, part=part), "bomb")


def hardened_parser() -> expat.XMLParserType:
    """An expat parser with defusedxml's forbid_dtd / forbid_entities / forbid_external policy,
    raising defusedxml's exceptions (imported here: `preflight.check_parser` fails closed first)."""
    from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

    def no_dtd(name, sysid, pubid, has_internal_subset):
        raise DTDForbidden(name, sysid, pubid)

    def no_entity(name, is_parameter_entity, value, base, sysid, pubid, notation_name):
        raise EntitiesForbidden(name, value, base, sysid, pubid, notation_name)

    def no_unparsed_entity(name, base, sysid, pubid, notation_name):
        raise EntitiesForbidden(name, None, base, sysid, pubid, notation_name)

    def no_external(context, base, sysid, pubid):
        raise ExternalReferenceForbidden(context, base, sysid, pubid)

    parser = expat.ParserCreate(encoding="utf-8")
    parser.StartDoctypeDeclHandler = no_dtd
    parser.EntityDeclHandler = no_entity
    parser.UnparsedEntityDeclHandler = no_unparsed_entity
    parser.ExternalEntityRefHandler = no_external
    return parser


StartHandler = Callable[[str, dict], None]


class PartStream:
    """Parse part `name` of `zf` with `start` as the start-tag handler; see the module docstring."""

    def __init__(self, path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: Budget, limits,
                 *, where: Callable[[], str] | None = None):
        self.path, self.zf, self.info, self.budget, self.limits = path, zf, info, budget, limits
        self.where = where or (lambda: "")
        self.ends: list[str] = []  # end tags of the chunk being parsed (cleared after each chunk)
        self.ended = 0  # end tags of the chunks before it

    def run(self, start: StartHandler | None, *, end: Callable[[str], None] | None = None,
            starts: Callable[[], int] | None = None, rebase: Callable[[int], None] | None = None,
            sink: Callable[[bytes], object] | None = None, sheet: str = "", ordered: bool = False) -> None:
        """Parse the part, handing each checked chunk to `sink` (the reader's copy of the part).

        `starts` returns how many start tags the handler has seen (a hot handler counts for
        itself and saves a call per element); without it `start` is wrapped to count. `end`,
        when given, is called for every end tag (small parts that need the element stack).
        `rebase`, when given, is called after each chunk with the length of `self.ends` (the end
        tags of that chunk) just before the list is cleared.
        """
        from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

        parser = hardened_parser()
        parser.ordered_attributes = ordered  # attributes as a list [name, value, ...]: cheaper than a dict
        ends = self.ends
        count = [0]
        if start is not None:
            if starts is None:
                def counting(name, attrs, _start=start):
                    count[0] += 1
                    _start(name, attrs)

                parser.StartElementHandler = counting
                starts = lambda: count[0]  # noqa: E731
            else:
                parser.StartElementHandler = start
            if end is None:
                parser.EndElementHandler = ends.append  # a C call: the depth check costs no Python frame
            else:
                def ending(name, _end=end):
                    ends.append(name)
                    _end(name)

                parser.EndElementHandler = ending
        name = self.info.filename
        declared = self.info.file_size
        seen = 0
        try:
            for chunk in self._inflate():
                seen += len(chunk)
                self.budget.take(len(chunk), name)
                if seen > declared:
                    raise refuse(self.path, _("part {part} inflates beyond the {size:,} bytes its zip directory "
                                              "declares; refused.", part=name, size=declared), "lying_size")
                if seen > self.limits.max_entry_bytes:
                    raise refuse(self.path, _("part {part} inflates beyond {limit:,} bytes; refused.",
                                              part=name, limit=self.limits.max_entry_bytes), "bomb")
                parser.Parse(chunk, False)
                if sink is not None:
                    sink(chunk)
                if start is not None:
                    if rebase is not None:
                        rebase(len(ends))
                    self.ended += len(ends)
                    ends.clear()
                    if starts() - self.ended > self.limits.max_depth:
                        raise refuse(self.path, _("part {part} nests elements more than {limit} deep{where}; "
                                                  "refused.", part=name, limit=self.limits.max_depth,
                                                  where=self.where()), "depth", sheet=sheet)
            if seen != declared:
                raise refuse(self.path, _("part {part} is {seen:,} bytes but the zip directory says {size:,}; "
                                          "refused.", part=name, seen=seen, size=declared), "lying_size")
            parser.Parse(b"", True)
        except DTDForbidden as exc:
            raise refuse(self.path, _("part {part} declares a DOCTYPE or entities (XML bomb or external entity); "
                                      "refused.", part=name), "doctype") from exc
        except (EntitiesForbidden, ExternalReferenceForbidden) as exc:
            raise refuse(self.path, _("part {part} declares entities or external references; refused.", part=name),
                         "doctype") from exc
        except expat.ExpatError as exc:
            reason = expat.ErrorString(exc.code) if exc.code else str(exc)
            where = self.where()
            raise refuse(self.path, _("part {part} is not well-formed XML ({reason}, line {line}, column "
                                      "{column}){where}; refused.", part=name, reason=reason, line=exc.lineno,
                                      column=exc.offset + 1, where=where), "xml", sheet=sheet) from exc

    def _inflate(self):
        """Chunks of the part, inflated without trusting its declared size."""
        unbounded = copy.copy(self.info)
        unbounded.file_size = 1 << 62  # zipfile would stop at the declared size: we read to the end
        try:
            with self.zf.open(unbounded) as fh:
                while True:
                    chunk = fh.read(CHUNK)
                    if not chunk:
                        return
                    yield chunk
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError, zlib.error, RuntimeError) as exc:
            raise refuse(self.path, _("the workbook is damaged ({part}: {reason}).", part=self.info.filename,
                                      reason=exc), "truncated") from exc
