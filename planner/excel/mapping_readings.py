"""Readings from statistics sheets: indicator by ID or name, values in the indicator's unit, period."""

from __future__ import annotations

from planner import model as m
from planner.excel import values as cv
from planner.excel.mapping import Context, add_record, generic_values, origin, set_order, where
from planner.excel.records import Record
from planner.excel.tables import Row, Table
from planner.i18n import _

_INPUTS = ("period_value", "cumulative_value", "test_date", "tester", "source", "exception_note", "verified_by")


def map_readings(ctx: Context, table: Table) -> None:
    asked = False
    for row in table.rows:
        code = _indicator_code(ctx, table, row)
        if code is None:
            continue
        _target_unchanged(ctx, table, row, code)
        if not any(not cv.is_blank(row.cells.get(k)) for k in _INPUTS):
            continue  # a template row nobody filled in
        period = cv.read_code(row.cells.get("period")) or ctx.period or getattr(table, "period_hint", "")
        if not period:
            if not asked:  # asked once per sheet, not once per row
                ctx.problems.add("error", _("the reporting period is unknown"), sheet=table.sheet, row=table.header_row + 1,
                                 code="period_unknown",
                                 fix=_("fill the reporting period column, write the period above the table, or give --period"))
                asked = True
            continue
        reading = _reading(ctx, table, row, code, period)
        if reading is not None:
            add_record(ctx, table, row, reading)


def _target_unchanged(ctx: Context, table: Table, row: Row, code: str) -> None:
    """A statistics sheet reports figures; a target typed there differently is shown, not applied."""
    ind = ctx.known_indicators.get(code)
    text = cv.read_text(row.cells.get("target_text"))
    if ind is not None and text and text != (ind.target_text or ""):
        ctx.problems.warning(_("the target differs from the plan's ({target}); the plan's target is kept", target=ind.target_text or ""),
                             **where(table, row, "target_text"), value=text[:80])


def _indicator(ctx: Context, code: str):
    rec = ctx.records.get(m.Indicator, (code,))
    return rec.values if rec is not None else ctx.known_indicators.get(code)


def _unit(ind) -> str:
    return (ind.get("unit") if isinstance(ind, dict) else getattr(ind, "unit", "")) or ""


def _reading(ctx: Context, table: Table, row: Row, code: str, period: str) -> Record | None:
    from planner.indicators.targets import ValueParseError, parse_value

    values, ok = generic_values(ctx, table, row, skip={"period_value", "cumulative_value", "target", "baseline"})
    unit = _unit(_indicator(ctx, code))
    out = {"indicator_id": (code,), "period": period}
    exact = table.sheet.split(" › ")[0] in ctx.exact_files
    for key in ("period_value", "cumulative_value"):
        raw = row.cells.get(key)
        try:
            if exact and isinstance(raw, (int, float)) and not isinstance(raw, bool):
                out[key] = float(raw)  # written by this app in the indicator's unit: read exactly
                continue
            out[key] = parse_value(raw, unit)
        except ValueParseError:
            ctx.problems.add(ctx.cell_level(), _("not a number"), **where(table, row, key), value=cv.read_text(raw)[:80],
                             code="cell_unreadable", fix=_("write the figure alone (the unit is the indicator's)"))
            ok = ok and not ctx.strict
            out[key] = None
    if not ok:
        return None
    for key in ("test_date", "tester", "source", "exception_note", "verified", "verified_by"):
        if key in values:
            out[key] = bool(values[key]) if key == "verified" else values[key]
    return Record(m.Reading, out, origin(ctx, table, row))


def _indicator_code(ctx: Context, table: Table, row: Row) -> str | None:
    """The row's indicator: by 指标编号, else by name among the plan's and the workbook's."""
    code = cv.read_code(row.cells.get("indicator_code"))
    name = cv.read_text(row.cells.get("indicator_name"))
    if code and (_indicator(ctx, code) is not None):
        return code
    by_name = {v.values["name"]: k[0] for k, v in ctx.records.of(m.Indicator).items()}
    by_name.update({ind.name: c for c, ind in ctx.known_indicators.items()})
    if name in by_name:
        return by_name[name]
    if not name:
        if code:
            ctx.problems.error(_("unknown indicator {code}", code=code), **where(table, row, "indicator_code"), value=code)
        return None
    return _new_indicator(ctx, table, row, code, name)


def _new_indicator(ctx: Context, table: Table, row: Row, code: str, name: str) -> str | None:
    """An indicator the plan lacks (a user's own statistics sheet): added with its target."""
    from planner.indicators.targets import TargetParseError, parse_target

    taken = {k[0] for k in ctx.records.of(m.Indicator)} | set(ctx.known_indicators)
    if not code:
        n = len(taken) + 1
        while f"IND-{n:03d}" in taken:
            n += 1
        code = f"IND-{n:03d}"
    values = {"code": code, "name": name, "target_text": cv.read_text(row.cells.get("target_text"))}
    if values["target_text"]:
        try:
            t = parse_target(values["target_text"])
            values.update(target=t.value, comparator=t.comparator, unit=t.unit, baseline=t.baseline, direction=t.direction)
        except TargetParseError:
            ctx.problems.warning(_("target has no figure; the achievement rate stays empty"),
                                 **where(table, row, "target_text"), value=values["target_text"])
    record = Record(m.Indicator, values, origin(ctx, table, row))
    set_order(ctx, record)
    ctx.records.put(record)
    ctx.problems.warning(_("new indicator '{name}' will be added as {code}", name=name, code=code), **where(table, row, "indicator_name"))
    return code
