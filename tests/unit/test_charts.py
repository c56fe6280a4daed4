"""Each chart, built from a small plan with a known schedule, shows what the plan says."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from planner.charts import build_chart, chart_kinds
from planner.charts.common import LINK_COLOURS, STATUS_COLOURS, ChartContext
from planner.charts.export import export_figure
from planner.errors import ExportFailed, ValidationError
from tests.unit.test_charts_support import TODAY, small_plan, small_schedule


@pytest.fixture(scope="module")
def plan():
    return small_plan()


@pytest.fixture(scope="module")
def schedule(plan):
    return small_schedule(plan)


def chart(kind, plan, schedule, lang="zh", **options):
    result = build_chart(kind, plan, schedule, lang=lang, today=TODAY, **options)
    FigureCanvasAgg(result.figure).draw()  # drawing is where missing glyphs would warn
    return result


def figure_texts(fig) -> str:
    texts = [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]
    return "\n".join(t for t in texts if t)


@pytest.mark.parametrize("kind", [k for k in chart_kinds() if k != "gantt"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_chart_names_the_plan_and_the_date(plan, schedule, kind, lang):
    result = chart(kind, plan, schedule, lang)
    text = figure_texts(result.figure)
    assert "FlagOS 测试计划" in text and "2025-03-03" in text
    assert ("统计日期" in text) == (lang == "zh") and ("Status date" in text) == (lang == "en")


def test_milestone_status_colours_each_milestone_by_its_status(plan, schedule):
    data = chart("milestones", plan, schedule).data
    by_name = data.by_name()
    assert {n: p.status for n, p in by_name.items()} == {
        "内部测试完成": "met", "芯片适配 25 款": "at_risk", "框架兼容通过": "on_track", "社区上线": "missed"}
    assert by_name["社区上线"].colour == STATUS_COLOURS["missed"]
    assert by_name["内部测试完成"].forecast == dt.date(2025, 2, 26)  # the actual date once met
    assert all(p.stage == "基础建设期" for p in data.points)


def test_milestone_status_without_schedule_judges_from_dates(plan):
    result = build_chart("milestones", plan, replace(small_schedule(plan), milestones={}), today=TODAY)
    by_name = result.data.by_name()
    assert by_name["社区上线"].status == "missed"  # due 2025-02-14, no actual date, today is 2025-03-03
    assert by_name["框架兼容通过"].status == "on_track"


def test_milestone_trend_plots_each_baseline_forecast(plan, schedule):
    data = chart("milestone-trend", plan, schedule).data
    assert data.baseline_count == 2 and data.message is None
    series = {s.name: s for s in data.series}
    report_dates = [p[0] for p in series["框架兼容通过"].points]
    assert report_dates == [dt.date(2025, 1, 27), dt.date(2025, 2, 24), TODAY]
    assert series["框架兼容通过"].points[1][1] == dt.date(2025, 6, 27)  # slipped a week in the second baseline


def test_milestone_trend_with_one_baseline_says_so_instead_of_inventing_data(plan, schedule):
    one = replace(plan, baselines=plan.baselines[:1])
    result = chart("milestone-trend", one, schedule, lang="en")
    assert result.data.series == [] and "1 baseline(s) saved" in figure_texts(result.figure)
    zh = chart("milestone-trend", one, schedule, lang="zh")
    assert "至少需要 2 个基线" in figure_texts(zh.figure)


def test_dependency_network_marks_link_states_threshold_and_critical_path(plan, schedule):
    data = chart("dependencies", plan, schedule).data
    assert [(l.predecessor, l.successor) for l in data.links_in("blocking")] == [("TP-02", "EC-04")]
    assert [(l.predecessor, l.successor) for l in data.links_in("broken")] == [("TP-01", "TP-02")]
    assert data.links_in("blocking")[0].colour == LINK_COLOURS["blocking"]
    assert data.links_in("blocking")[0].threshold_label == "30%"
    assert {n.code for n in data.nodes if n.critical} == {"TP-01", "TP-02", "TP-04"}
    assert all(l.drawn for l in data.links) and data.mode == "all"


def test_dependency_network_lanes_follow_modules_and_bars_never_overlap(plan, schedule):
    data = chart("dependencies", plan, schedule).data
    assert [lane[0] for lane in data.lanes] == ["技术产品", "生态建设", "商业模式"]
    rows: dict[int, list] = {}
    for node in data.nodes:
        rows.setdefault(node.row, []).append(node)
    for nodes in rows.values():
        nodes.sort(key=lambda n: n.start)
        assert all(a.finish < b.start for a, b in zip(nodes, nodes[1:]))


def test_dependency_network_of_a_big_plan_shows_only_what_blocks(plan, schedule):
    data = chart("dependencies", plan, schedule, mode="problems").data
    assert {n.code for n in data.nodes} == {"TP-01", "TP-02", "EC-04"} and data.total_tasks == 8
    assert {(l.predecessor, l.successor) for l in data.links if l.drawn} == {("TP-02", "EC-04"), ("TP-01", "TP-02")}


def test_indicator_achievement_flags_those_more_than_ten_percent_off(plan, schedule):
    result = chart("indicators", plan, schedule)
    data = result.data
    rates = {s.code: round(s.rate, 3) for s in data.statuses}
    assert rates == {"IND-001": 0.12, "IND-002": 1.12, "IND-003": 0.941, "IND-004": 0.667}
    # cumulative targets are pro-rated over the stage: by 2025-02-28, 54 of its 181 days are gone
    assert data.by_code("IND-001").expected == pytest.approx(54 / 181)
    assert data.by_code("IND-004").expected == 1.0  # lower-is-better: the whole target applies
    assert [s.code for s in data.off_target] == ["IND-001", "IND-004"]  # ahead of a ">=" target is not off
    assert data.by_code("IND-002").band == "above" and data.by_code("IND-001").band == "below"
    assert [g for g, _ in data.groups] == ["技术产品", "生态建设", "商业模式"]
    assert "12% (应达 30%)  偏差 -60%" in figure_texts(result.figure)


def test_indicator_achievement_groups_by_stage_on_request(plan, schedule):
    data = chart("indicators", plan, schedule, group_by="stage").data
    assert [(g, [s.code for s in items]) for g, items in data.groups] == [
        ("基础建设期", ["IND-001", "IND-002", "IND-003"]), ("生态规模化期", ["IND-004"])]


def test_indicator_trend_shows_cumulative_values_off_target_first(plan, schedule):
    data = chart("indicator-trend", plan, schedule).data
    assert [p.code for p in data.panels][:2] == ["IND-001", "IND-004"]
    first = data.panels[0]
    assert first.periods == ["2025-01", "2025-02"] and first.cumulative == [1, 3] and first.target == 25


def test_heatmap_gives_duration_weighted_completion_per_cell(plan, schedule):
    data = chart("heatmap", plan, schedule).data
    assert data.stages == ["基础建设期", "生态规模化期"] and data.modules == ["技术产品", "生态建设", "商业模式"]
    assert data.value("技术产品", "基础建设期") == pytest.approx((1.0 + 0.2 + 0.5 + 0.0) / 4)  # equal durations
    assert data.value("技术产品", "生态规模化期") is None
    assert data.value("商业模式", "生态规模化期") == 0.0
    health = chart("heatmap", plan, schedule, metric="health").data
    assert health.metric == "health" and health.value("生态建设", "基础建设期") == 1.0


def test_raci_load_counts_r_and_a_per_team_and_lists_rule_breaks(plan, schedule):
    result = chart("raci", plan, schedule, lang="en")
    data = result.data
    assert data.total("技术研发部") == 3 and data.total("商务部") == 1 and data.total("生态合作部") == 2
    assert any("Module 商业模式" in p and "Accountable" in p for p in data.problems)
    assert "R 1 · A 0" in figure_texts(result.figure)


def test_unknown_chart_kind_names_the_choices(plan, schedule):
    with pytest.raises(ValidationError, match="milestones"):
        build_chart("pie", plan, schedule)


@pytest.mark.parametrize("suffix, magic", [("png", b"\x89PNG"), ("svg", b"<?xml"), ("pdf", b"%PDF")])
def test_export_writes_each_format(plan, schedule, tmp_path, suffix, magic):
    result = chart("milestones", plan, schedule)
    target = export_figure(result.figure, tmp_path / f"m.{suffix}")
    assert target.read_bytes().startswith(magic)
    assert [p.name for p in tmp_path.iterdir()] == [f"m.{suffix}"]  # no temp file left


def test_png_export_is_print_quality(plan, schedule, tmp_path):
    from PIL import Image

    result = chart("heatmap", plan, schedule)
    with Image.open(export_figure(result.figure, tmp_path / "h.png")) as image:
        assert image.info["dpi"][0] == pytest.approx(200, abs=1)
        assert image.width >= result.figure.get_figwidth() * 199


def test_export_refuses_unknown_format_and_keeps_the_old_file(plan, schedule, tmp_path):
    result = chart("milestones", plan, schedule)
    with pytest.raises(ExportFailed, match=r"\.png, \.svg or \.pdf"):
        export_figure(result.figure, tmp_path / "m.bmp")
    old = tmp_path / "m.png"
    old.write_bytes(b"old")
    result.figure.savefig = lambda *a, **k: (_ for _ in ()).throw(OSError(28, "No space left on device"))
    with pytest.raises(ExportFailed, match="No space left"):
        export_figure(result.figure, old)
    assert old.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["m.png"]


def test_context_defaults_today_to_the_status_date(plan):
    assert ChartContext(plan).today == TODAY


def test_gantt_kind_uses_the_gantt_geometry_when_present(plan, schedule, tmp_path):
    if "gantt" not in chart_kinds():
        pytest.skip("planner.charts.gantt not present")
    result = chart("gantt", plan, schedule)
    assert "TP-01" in result.data["rows"]
    assert export_figure(result.figure, tmp_path / "g.pdf").read_bytes().startswith(b"%PDF")
