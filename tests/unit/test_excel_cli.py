"""`planner export` and `planner import` from the command line."""

from __future__ import annotations

from pathlib import Path

from planner.cli import run_cli
from planner.document import Project
from planner.dump import dump_project
from planner.samples import sample_path

DATA = Path(__file__).resolve().parents[1] / "data"


def test_export_then_import_into_a_new_plan(tmp_path, capsys):
    book = tmp_path / "flagos.xlsx"
    assert run_cli(["export", str(sample_path("flagos")), "--template", "workbook", "--lang", "en", "-o", str(book)]) == 0
    target = tmp_path / "copy.plan"
    assert run_cli(["import", str(book), "--into", str(target), "--apply", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "0 error(s)" in out and "imported into" in out
    with Project.open(target) as copy, Project.open(sample_path("flagos"), read_only=True) as original:
        assert dump_project(copy, natural=True) == dump_project(original, natural=True)


def test_import_prints_every_problem_and_exits_non_zero(tmp_path, capsys):
    assert run_cli(["import", str(DATA / "returned_stats_wrong_value.xlsx"), "--period", "2025-03"]) == 0
    assert "warning: " in capsys.readouterr().out  # without --strict the bad cell is a warning
    code = run_cli(["import", str(DATA / "returned_stats_wrong_value.xlsx"), "--period", "2025-03", "--strict"])
    captured = capsys.readouterr()
    assert code == 1
    assert "数据统计模板!C3: not a number (value: '待定')" in captured.out
    assert "nothing imported" in captured.err


def test_a_refused_file_is_named_with_its_reason(tmp_path, capsys):
    fake = tmp_path / "report.xlsx"
    fake.write_text("任务ID,建设内容\nTP-01,x\n", encoding="utf-8")
    assert run_cli(["import", str(fake)]) == 1
    assert "text/CSV file renamed" in capsys.readouterr().out


def test_collect_export_needs_a_period_and_a_known_team(tmp_path, capsys):
    plan = str(sample_path("flagos"))
    assert run_cli(["export", plan, "--template", "collect", "--team", "核心技术部", "-o", str(tmp_path / "a.xlsx")]) == 2
    assert "period" in capsys.readouterr().err
    assert run_cli(["export", plan, "--template", "collect", "--team", "nobody", "--period", "2025-03",
                    "-o", str(tmp_path / "b.xlsx")]) == 2
    assert "no team named" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())
