"""Charts of the bundled FlagOS and OTLP_RUST samples, scheduled for real."""

from __future__ import annotations

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from planner.charts import build_chart, chart_kinds
from planner.document import Project
from planner.plan import load_plan
from planner.samples import sample_path
from planner.schedule import schedule_plan


@pytest.fixture(scope="module", params=["flagos", "otlp_rust"])
def sample(request):
    with Project.open(sample_path(request.param), read_only=True) as project:
        plan = project.read(load_plan)
    return request.param, plan, schedule_plan(plan)


@pytest.mark.parametrize("kind", [k for k in chart_kinds() if k != "gantt"])
def test_every_chart_of_each_sample_draws_in_both_languages(sample, kind):
    _, plan, schedule = sample
    for lang in ("zh", "en"):
        result = build_chart(kind, plan, schedule, lang=lang)
        FigureCanvasAgg(result.figure).draw()
        assert result.figure.get_suptitle()


def test_milestone_chart_plots_every_milestone_with_the_scheduled_status(sample):
    _, plan, schedule = sample
    data = build_chart("milestones", plan, schedule).data
    assert sorted(p.milestone_id for p in data.points) == sorted(m.id for m in plan.milestones)
    for point in data.points:
        milestone = next(m for m in plan.milestones if m.id == point.milestone_id)
        expected = milestone.status or schedule.milestones[milestone.id].status
        assert point.status == expected


def test_network_marks_exactly_the_links_the_schedule_judges(sample):
    _, plan, schedule = sample
    data = build_chart("dependencies", plan, schedule).data
    for state in ("satisfied", "pending", "blocking", "broken"):
        expected = {l.dependency_id for l in schedule.links.values() if l.state.value == state}
        assert {l.dependency_id for l in data.links_in(state)} == expected


def test_flagos_network_shows_the_seed_conflict_and_the_30_percent_link(sample):
    name, plan, schedule = sample
    if name != "flagos":
        pytest.skip("FlagOS only")
    data = build_chart("dependencies", plan, schedule).data
    links = {(l.predecessor, l.successor): l for l in data.links}
    assert links[("TP-01", "TP-02")].state == "broken"  # TP-02 planned from week 4, TP-01 ends week 8
    assert links[("TP-02", "EC-04")].threshold_label == "30%"


def test_otlp_heatmap_covers_its_groups_and_phases(sample):
    name, plan, schedule = sample
    if name != "otlp_rust":
        pytest.skip("OTLP only")
    data = build_chart("heatmap", plan, schedule).data
    assert len(data.modules) == 5 and len(data.stages) == 4
    assert sum(sum(row) for row in data.task_counts) == 34
