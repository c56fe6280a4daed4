"""Files saved by MS Project 2003-2019 read by us and by MPXJ (the independent reader) agree."""

from __future__ import annotations


import pytest

from planner import model as m
from planner.interop import mspdi
from planner.interop.msproject import UNIT_OF_FORMAT, parse
from planner.interop.mspdi_tasks import finish_day
from planner.interop.xmlsafe import parse_file
from tests.unit.interop import mpxj_view
from tests.unit.interop.conftest import DATA, MS_PROJECT_FILES

FILES = MS_PROJECT_FILES + [DATA / "mspdirelations.xml", DATA / "baselines.xml", DATA / "mspdiresource.xml"]


def test_the_ms_project_files_are_there():
    versions = {f.name.split("-project")[-1].split("-")[0] for f in MS_PROJECT_FILES if "-project" in f.name}
    assert {"2003", "2007", "2010", "2013", "2016", "2019"} <= versions


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_tasks_outline_dates_durations_and_links_agree_with_mpxj(path):
    seen, _info = mpxj_view.read(path)
    project, issues = parse(parse_file(path))
    assert not issues
    ours = {t.uid: t for t in project.tasks if t.uid != 0 and not t.null}
    assert set(ours) == {s.uid for s in seen}
    for s in seen:
        t = ours[s.uid]
        assert t.name == s.name
        assert t.outline_level == s.outline_level, t.name
        assert t.start == s.start and t.finish == s.finish, t.name
        if s.minutes is not None and t.duration is not None:
            assert t.duration == pytest.approx(s.minutes, abs=0.5), t.name
        assert (t.summary, t.milestone) == (s.summary, s.milestone), t.name
        mine = []
        for link in t.links:
            unit = UNIT_OF_FORMAT.get(link.lag_format, "d")
            mine.append((link.predecessor_uid, link.type, round(float(link.lag) if "%" in unit else link.lag / 10, 3)))
        assert sorted(mine) == sorted((u, k, round(v, 3)) for u, k, v in s.links), t.name


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_the_records_keep_what_mpxj_sees(path):
    """After the mapping: one task record per MS Project task, its dates as MS Project shows
    them (a finish at 08:00 ends the day before), its summary above it, its links."""
    seen, info = mpxj_view.read(path)
    reading = mspdi.read(path)
    day_start = parse(parse_file(path))[0].default_start
    assert not reading.problems.errors
    tasks = list(reading.records.of(m.Task).values())
    assert [t.values["name"] for t in tasks] == [s.name for s in seen]
    by_name_level = {}
    for s, record in zip(seen, tasks):
        proxy = type("T", (), {"start": s.start, "finish": s.finish})
        assert record.values["start_date"] == (s.start.date() if s.start else None)
        assert record.values["end_date"] == finish_day(proxy, day_start)
        by_name_level[record.values["code"]] = s.outline_level
        parent = record.values["parent_id"]
        assert (parent is None) == (s.outline_level == 1)
        if parent is not None:
            assert by_name_level[parent[0]] == s.outline_level - 1
    links = sum(len(s.links) for s in seen)
    assert len(reading.records.of(m.Dependency)) == links


def test_lags_in_hours_days_and_negative_are_kept_in_working_days():
    reading = mspdi.read(DATA / "mspdirelations.xml")
    deps = {(d.values["predecessor_id"][0], d.values["successor_id"][0]): d.values
            for d in reading.records.of(m.Dependency).values()}
    kinds = sorted((v["type"], v["lag"]) for v in deps.values())
    assert kinds == [("FF", 0), ("FS", 0), ("SF", 0), ("SS", 1)]


def test_baselines_of_an_ms_project_file_are_named_as_ms_project_names_them():
    reading = mspdi.read(DATA / "baselines.xml")
    names = [r.values["name"] for r in reading.records.of(m.Baseline).values()]
    assert names == [f"Baseline {n}" for n in range(1, 11)]  # the file sets Baselines 1-10, not Baseline
    assert len(reading.records.of(m.BaselineTask)) == 10 * len(reading.records.of(m.Task))
