"""Date axes speak the chart's language: 2月, 3月 on a Chinese chart, Feb, Mar on an English one."""

import pytest

from planner.charts import build_chart
from planner.document import Project
from planner.plan import load_plan
from planner.samples import sample_path


@pytest.fixture(scope="module")
def flagos():
    project = Project.open(sample_path("flagos"), read_only=True)
    try:
        yield project.read(load_plan)
    finally:
        project.close()


def _month_labels(figure):
    figure.canvas.draw()
    return [t.get_text() for ax in figure.axes for t in ax.get_xticklabels() if t.get_text()]


@pytest.mark.parametrize("kind", ["milestones", "dependencies", "milestone-trend"])
def test_chinese_chart_has_chinese_month_labels(flagos, kind):
    labels = _month_labels(build_chart(kind, flagos, lang="zh").figure)
    assert any(label.endswith("月") for label in labels), labels
    assert not any(label in ("Jan", "Feb", "Mar", "Apr", "May", "Jun") for label in labels), labels
    assert not any(label.startswith("0") for label in labels), labels


def test_english_chart_keeps_english_month_labels(flagos):
    labels = _month_labels(build_chart("milestones", flagos, lang="en").figure)
    assert any(label in ("Feb", "Mar", "Apr", "May") for label in labels), labels
