"""Export safety (RELIABILITY-MATRIX G1-G5): user text never becomes a formula; only allow-listed
formulas; no #DIV/0!; illegal characters and over-long text reported, never silently cut."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest
from defusedxml import ElementTree as ET
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from planner import model as m
from planner.document import Project
from planner.excel.cellsafe import FORMULA_TRIGGERS
from planner.excel.csvexport import export_csv
from planner.excel.export import RATE_ALLOWLIST, export_template
from planner.excel.preview import read_workbooks
from planner.plan import load_plan

from planner.excel.schema import TASKS  # noqa: E402

NAME_COL = [c.key for c in TASKS.columns].index("name") + 1  # where 建设内容 sits in the task sheet
NAME_LETTER = "ABCDEFGHIJ"[NAME_COL - 1]
NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
START = dt.date(2025, 1, 6)


def plan_with(names: list[str], note: str = "", target: float | None = 10.0) -> Project:
    project = Project.new("p", START)
    with project.session() as s:
        mod = m.Module(name="技术产品", prefix="TP")
        team = m.Team(name="核心技术部")
        s.add(mod)
        s.add(team)
        s.flush()
        for i, name in enumerate(names):
            s.add(m.Task(code=f"TP-{i + 1:02d}", module_id=mod.id, order=i, name=name, notes=note,
                         start_date=START, end_date=START + dt.timedelta(days=6)))
            ind = m.Indicator(code=f"IND-{i + 1:03d}", name=name or "x", order=i, target=target, owner_team_id=team.id)
            s.add(ind)
            s.flush()
            s.add(m.Reading(indicator_id=ind.id, period="2025-03", cumulative_value=5.0, exception_note=name))
    return project


def sheet_cells(path: Path):
    """(sheet part, cell ref, type, has formula, style id) for every cell, parsed with defusedxml."""
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/sheet"):
                root = ET.fromstring(zf.read(name))
                for c in root.iter(f"{NS}c"):
                    f = c.find(f"{NS}f")
                    yield name, c.get("r"), c.get("t"), (f.text if f is not None else None), c.get("s")


ADVERSARIAL = ["=1+2", "+SUM(A1)", "-2+3", "@cmd", "\t=x", "\r=y", "\n=z", "＝1+1", "＋x", "－x", "＠x",
               "  =HYPERLINK(\"http://e\")", "=cmd|' /C calc'!A0", 'a",=1+2', "x;=1+2"]


def test_user_text_is_never_a_formula_and_reads_back_exactly(tmp_path):
    """G1 + G3: no <f> in user cells, string cells, quotePrefix on trigger prefixes; exact text back."""
    project = plan_with(ADVERSARIAL, note="=note")
    plan = project.read(load_plan)
    path = tmp_path / "plan.xlsx"
    export_template(plan, "workbook", path)
    formulas = [(part, ref, f) for part, ref, _t, f, _s in sheet_cells(path) if f is not None]
    assert formulas, "the statistics sheet has its own 达成率 formulas"
    for _part, ref, text in formulas:
        match = RATE_ALLOWLIST.match(text)
        assert match, text
        assert re.sub(r"\D", "", ref) == next(g for g in match.groups() if g and g.isdigit())
    wb = load_workbook(path)
    ws = wb["阶段任务计划表"]
    names = {ws.cell(r, NAME_COL).value: ws.cell(r, NAME_COL) for r in range(2, ws.max_row + 1)}
    for text in ADVERSARIAL:
        cell = names[text.replace("\r", "\n")]  # XML folds a lone CR into LF
        assert cell.data_type == "s"
        if text.lstrip(" ").startswith(FORMULA_TRIGGERS):
            assert cell.quotePrefix, text
    preview = read_workbooks([path], None)
    assert preview.ok
    got = sorted(r.values["name"] for k, r in preview.records.by_table[m.Task].items())
    assert got == sorted(t.replace("\r", "\n").strip() for t in ADVERSARIAL)
    project.close()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.builds(lambda p, t: p + t, st.sampled_from(list(FORMULA_TRIGGERS) + [" =", "", "a"]),
                          st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=10)),
                min_size=1, max_size=4, unique_by=lambda s: s.strip())) 
def test_generated_names_survive_export_and_import(tmp_path, names):
    """G1 property: any name, including formula-like ones, comes back as the same text and no formula."""
    names = [n for n in names if n.strip()] or ["x"]
    project = plan_with(names)
    path = tmp_path / "g.xlsx"
    export_template(project.read(load_plan), "tasks", path)
    for _part, _ref, _t, f, _s in sheet_cells(path):
        assert f is None
    preview = read_workbooks([path], None)
    assert sorted(r.values["name"] for r in preview.records.by_table[m.Task].values()) == sorted(
        n.replace("\r\n", "\n").replace("\r", "\n").strip() for n in names)
    project.close()


def test_csv_export_neutralises_formulas_and_quotes_every_field(tmp_path):
    """G2: dangerous leading characters prefixed with ', every field quoted, one field per value."""
    project = plan_with(ADVERSARIAL)
    path = tmp_path / "tasks.csv"
    export_csv(project.read(load_plan), "tasks", path)
    raw = path.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw)))
    width = len(rows[0])
    assert all(len(r) == width for r in rows)
    names = [r[NAME_COL - 1] for r in rows[1:]]
    for text in ADVERSARIAL:
        expected = "'" + text if text.lstrip(" ").startswith(FORMULA_TRIGGERS) else text
        assert expected.replace("\r", "\n") in names, text
    assert all(line.startswith('"') for line in raw.splitlines() if line and line[0] not in "\t=")
    project.close()


def test_csv_fields_hiding_a_formula_behind_invisible_characters_are_prefixed(tmp_path):
    """G2: a no-break space, a byte-order mark or a zero-width space before = is no cover."""
    hidden = ["\u00a0=1+2", "\ufeff=HYPERLINK(\"http://x\")", "\u200b=cmd|' /C calc'!A0", "\u3000\u00a0+1", "\u200d@SUM(1)"]
    project = plan_with(hidden)
    path = tmp_path / "tasks.csv"
    export_csv(project.read(load_plan), "tasks", path)
    names = [r[NAME_COL - 1] for r in list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))[1:]]
    for text in hidden:
        assert "'" + text in names, text
    project.close()


def test_rate_is_blank_not_div0_when_the_target_is_zero_or_empty(tmp_path):
    """G4: every 达成率 formula is wrapped in IFERROR(...,"") (LibreOffice recalculation checks the value)."""
    for target in (0.0, None):
        project = plan_with(["a"], target=target)
        path = tmp_path / f"t{target}.xlsx"
        export_template(project.read(load_plan), "stats", path)
        formulas = [f for *_x, f, _s in sheet_cells(path) if f]
        assert formulas and all(f.startswith("IFERROR(") and f.endswith(',"")') for f in formulas)
        project.close()


def test_illegal_characters_and_over_long_text_are_reported_not_silently_cut(tmp_path):
    """G5: a \\x07 in a name and a 40,000-character note: cleaned/cut with a note naming the cells."""
    project = plan_with(["bell\x07name"], note="长" * 40_000)
    notes = export_template(project.read(load_plan), "tasks", tmp_path / "g5.xlsx")
    assert any("Control characters removed" in n and f"阶段任务计划表!{NAME_LETTER}3" in n for n in notes)
    assert any("32767" in n and "阶段任务计划表!" in n for n in notes)
    ws = load_workbook(tmp_path / "g5.xlsx")["阶段任务计划表"]
    assert ws[f"{NAME_LETTER}3"].value == "bellname"
    project.close()


def test_an_interrupted_export_leaves_no_partial_file(tmp_path, monkeypatch):
    """A8: a failure while saving leaves the previous file intact and no temp file."""
    from openpyxl import Workbook

    project = plan_with(["a"])
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"previous")

    def boom(self, filename):
        Path(filename).write_bytes(b"PK\x03\x04 partial")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Workbook, "save", boom)
    with pytest.raises(Exception, match="No space left"):
        export_template(project.read(load_plan), "workbook", target)
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]
    project.close()


def test_big_tables_written_as_xml_are_just_as_safe(tmp_path):
    """Tables over 400 rows take the fast XML path: still no formulas, quote prefixes, exact text back."""
    from planner.excel.fastrows import FAST_ROWS

    names = [ADVERSARIAL[i % len(ADVERSARIAL)] + f" {i}" for i in range(FAST_ROWS + 50)]
    project = plan_with(names)
    path = tmp_path / "big.xlsx"
    export_template(project.read(load_plan), "workbook", path)
    for _part, _ref, _t, f, _s in sheet_cells(path):
        if f is not None:
            assert RATE_ALLOWLIST.match(f), f
    ws = load_workbook(path)["阶段任务计划表"]
    cells = {ws.cell(r, NAME_COL).value: ws.cell(r, NAME_COL) for r in range(2, ws.max_row + 1)}
    for name in names[:30]:
        cell = cells[name.replace("\r", "\n")]
        assert cell.data_type == "s"
        assert cell.quotePrefix == name.lstrip(" ").startswith(FORMULA_TRIGGERS), name
    preview = read_workbooks([path], None)
    assert preview.ok
    got = sorted(r.values["name"] for r in preview.records.by_table[m.Task].values())
    assert got == sorted(n.replace("\r", "\n").strip() for n in names)
    project.close()


def test_big_tables_share_their_strings_and_fall_back_to_inline_ones(tmp_path, monkeypatch):
    """The fast rows' text goes to a shared strings part (each distinct text once); were openpyxl to
    write such a part of its own, the same rows are written with inline strings: the same cells."""
    from planner.excel import fastrows
    from planner.excel.fastrows import FAST_ROWS

    names = [ADVERSARIAL[i % len(ADVERSARIAL)] + f" {i}" for i in range(FAST_ROWS + 50)] + ["  lead", "trail  "]
    project = plan_with(names)
    plan = project.read(load_plan)
    shared, inline = tmp_path / "shared.xlsx", tmp_path / "inline.xlsx"
    export_template(plan, "workbook", shared)
    monkeypatch.setattr(fastrows, "_has_strings", lambda rels: True)
    export_template(plan, "workbook", inline)
    project.close()
    with zipfile.ZipFile(shared) as zf:
        strings = ET.fromstring(zf.read("xl/sharedStrings.xml"))
        texts = [si.find(f"{NS}t").text or "" for si in strings]
        assert len(texts) == len(set(texts)) == int(strings.get("uniqueCount"))
        assert int(strings.get("count")) > len(texts)  # texts repeat across rows and sheets
        assert "sharedStrings" in zf.read("[Content_Types].xml").decode()
        assert "sharedStrings" in zf.read("xl/_rels/workbook.xml.rels").decode()
    with zipfile.ZipFile(inline) as zf:
        assert "xl/sharedStrings.xml" not in zf.namelist()
    assert {t for _p, _r, t, _f, _s in sheet_cells(inline)} <= {None, "inlineStr", "n", "b"}

    def cells(path):
        wb = load_workbook(path)
        return {(ws.title, c.coordinate): (c.value, c.data_type, c.quotePrefix, c.number_format)
                for ws in wb for row in ws.iter_rows() for c in row if c.value is not None}

    assert cells(shared) == cells(inline)
    names_back = {v[0] for (title, _ref), v in cells(shared).items() if title == "阶段任务计划表"}
    assert {"  lead", "trail  "} <= names_back  # leading and trailing spaces kept (xml:space="preserve")
    for path in (shared, inline):
        preview = read_workbooks([path], None)
        assert preview.ok
        got = sorted(r.values["name"] for r in preview.records.by_table[m.Task].values())
        assert got == sorted(n.replace("\r", "\n").strip() for n in names)
