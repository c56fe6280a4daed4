"""The import's changes list names rows as users know them and shows values as they write them."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from planner import i18n
from planner import model as m
from planner.document import Project
from planner.excel.records import Change
from planner.plan import load_plan
from planner.samples import sample_path


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    path = tmp_path_factory.mktemp("wording") / "flagos.plan"
    shutil.copy(sample_path("flagos"), path)
    project = Project.open(path, read_only=True)
    try:
        yield project.read(load_plan)
    finally:
        project.close()


@pytest.fixture
def chinese():
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("en")


def _reading(plan, old, new):
    indicator = next(i for i in plan.indicators if i.unit == "款")
    return indicator, Change("change", m.Reading, ((indicator.code,), "2025-05"), {"cumulative_value": (old, new)})


def test_a_changed_reading_names_the_indicator_and_shows_old_and_new_with_its_unit(plan, chinese):
    indicator, change = _reading(plan, 3.0, 5.0)
    assert change.describe(plan) == f"{indicator.code} {indicator.name} 2025-05：3 → 5款"


def test_the_same_in_english(plan):
    indicator, change = _reading(plan, 3.0, 5.0)
    assert change.describe(plan) == f"{indicator.code} {indicator.name} 2025-05: 3 → 5款"


def test_dates_and_progress_as_users_write_them(plan, chinese):
    change = Change("change", m.Task, ("TP-01",), {"start_date": (dt.date(2025, 1, 6), dt.date(2025, 1, 13)),
                                                   "progress": (0.3, 0.5)})
    assert change.describe(plan) == "修改 任务 TP-01：开始日期：2025年1月6日 → 2025年1月13日；进度：30% → 50%"
    i18n.set_language("en")
    assert change.describe(plan) == "change task TP-01: Start date: 2025-01-06 → 2025-01-13; Progress: 30% → 50%"


def test_an_added_row_is_named_by_its_kind_in_the_language(plan, chinese):
    assert Change("add", m.Module, ("生态",), {}).describe(plan) == "新增 模块 生态"
    i18n.set_language("en")
    assert Change("add", m.Module, ("生态",), {}).describe(plan) == "add module 生态"
