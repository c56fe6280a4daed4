"""`planner import plan.xml|.mpp` and `planner export PLAN --format mspdi|ics -o FILE` as users run them."""

from __future__ import annotations

from planner.cli import run_cli
from planner.samples import sample_path
from tests.unit.interop.conftest import DATA


def test_export_as_ms_project_xml_and_import_gives_an_identical_dump(tmp_path, capsys):
    """The whole round trip through the CLI, `planner dump` compared byte for byte."""
    xml, copy = tmp_path / "flagos.xml", tmp_path / "copy.plan"
    assert run_cli(["export", str(sample_path("flagos")), "--format", "mspdi", "-o", str(xml)]) == 0
    assert run_cli(["import", str(xml), "--into", str(copy), "--apply", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "0 error(s), 0 warning(s)" in out and "imported into" in out
    assert run_cli(["dump", str(sample_path("flagos"))]) == 0
    original = capsys.readouterr().out
    assert run_cli(["dump", str(copy)]) == 0
    assert capsys.readouterr().out == original


def test_the_format_follows_the_file_name(tmp_path, capsys):
    ics = tmp_path / "flagos.ics"
    assert run_cli(["export", str(sample_path("flagos")), "-o", str(ics), "--team", "核心技术部"]) == 0
    assert ics.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    assert f"wrote {ics}" in capsys.readouterr().out


def test_an_mpp_previews_every_problem_with_its_task(capsys):
    assert run_cli(["import", str(DATA / "sample.mpp")]) == 0
    out = capsys.readouterr().out
    assert "to add" in out and "add task 1.1" in out
    assert "sample.mpp!Task 2 “Second Task”, Units: 50% of First Resource is counted as 1 person(s)" in out


def test_user_errors_are_one_line_and_exit_2(tmp_path, capsys):
    evil = tmp_path / "evil.xml"
    evil.write_text('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><Project/>', encoding="utf-8")
    assert run_cli(["import", str(evil)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: evil.xml:") and "refused" in err and "Traceback" not in err
    assert run_cli(["export", str(sample_path("flagos")), "--format", "ics", "--team", "无此团队", "-o",
                    str(tmp_path / "x.ics")]) == 2
    assert "无此团队" in capsys.readouterr().err and not (tmp_path / "x.ics").exists()
    assert run_cli(["import", str(DATA / "mspdirelations.xml"), str(DATA / "baselines.xml")]) == 2
    assert "one project file at a time" in capsys.readouterr().err
    assert run_cli(["export", str(sample_path("flagos")), "-o", str(tmp_path / "x.xlsx")]) == 2
    assert "--template" in capsys.readouterr().err
