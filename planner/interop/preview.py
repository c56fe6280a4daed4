"""An import preview from another format's records: the Excel import's stage 6 for every reader.

`build_preview` does what `planner.excel.preview` does after its mapping: references checked,
cycles found, the diff against the plan and what the file's tasks replace, so the preview
dialog, `planner import` and `apply_import` treat every format alike.
"""

from __future__ import annotations

from planner import model as m
from planner.excel.preview import Preview, removals
from planner.excel.records import FK, diff, index_plan
from planner.i18n import _
from planner.interop.reading import Reading
from planner.plan import Plan


def build_preview(files: list[str], reading: Reading, plan: Plan | None) -> Preview:
    index = index_plan(plan)
    _check_references(reading, index)
    _check_cycles(reading, index)
    preview = Preview(files, reading.records, reading.problems, replace_scopes=set(reading.replace_scopes))
    preview.changes = diff(reading.records, index)
    preview.removals = removals(reading.records, index, preview.replace_scopes)
    return preview


def _check_references(reading: Reading, index) -> None:
    for table, records in reading.records.by_table.items():
        for record in records.values():
            for column, target in FK[table].items():
                key = record.values.get(column)
                if key is None or reading.records.get(target, key) is not None or key in index.rows[target]:
                    continue
                reading.error(_("{what} refers to {name}, which is neither in the file nor in the plan",
                                what=record.origin.split(" › ")[-1], name="/".join(map(str, key))), column, key[0])


def _check_cycles(reading: Reading, index) -> None:
    from planner.services.dependencies import find_cycle

    replaced = {k for t, _c, k in reading.replace_scopes if t is m.Dependency}
    edges = [(d.values["predecessor_id"][0], d.values["successor_id"][0]) for d in reading.records.of(m.Dependency).values()]
    edges += [(k[0][0], k[1][0]) for k in index.rows[m.Dependency] if k[1] not in replaced]
    cycle = find_cycle(edges)
    if cycle:
        path = " → ".join(cycle)
        reading.error(_("the links form a cycle: {path}", path=path), value=path)
