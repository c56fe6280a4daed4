"""Achievement rate per rule, no rate without a target, the deviation flag, and status over a plan."""

import datetime as dt

import pytest

from planner import model as m
from planner.indicators.rates import (
    achievement_rate,
    default_rule,
    deviation,
    elapsed_share,
    is_met,
    is_off_target,
)
from planner.indicators.status import (
    indicator_status,
    indicator_statuses,
    latest_reading,
    off_target,
    period_end,
)
from planner.plan import Plan

RATIO, INVERSE, PROGRESS = (r.value for r in (m.AchievementRule.ratio, m.AchievementRule.inverse,
                                               m.AchievementRule.progress))


def test_ratio_is_cumulative_over_target_as_in_the_template():
    assert achievement_rate(15, 25) == pytest.approx(0.60)  # AI芯片适配数量 -> 60%
    assert achievement_rate(11.2, 10) == pytest.approx(1.12)  # 昇腾算子性能提升 -> 112%


def test_inverse_is_target_over_actual():
    assert achievement_rate(20, 30, rule=INVERSE) == pytest.approx(1.5)  # 20 min against ≤30 min
    assert achievement_rate(45, 30, rule=INVERSE) == pytest.approx(30 / 45)


def test_progress_from_baseline():
    assert achievement_rate(61, 90, rule=PROGRESS, baseline=45) == pytest.approx(16 / 45)
    # lower is better: from 2000 ms towards 800 ms, now 1300 ms
    assert achievement_rate(1300, 800, rule=PROGRESS, baseline=2000) == pytest.approx(700 / 1200)
    assert achievement_rate(40, 90, rule=PROGRESS, baseline=45) < 0  # got worse


@pytest.mark.parametrize(
    "actual, target, rule, baseline",
    [
        (15, 0, RATIO, None),
        (15, None, RATIO, None),
        (None, 25, RATIO, None),
        (10, 0, INVERSE, None),
        (0, 30, INVERSE, None),
        (50, 90, PROGRESS, None),
        (50, 90, PROGRESS, 90),
    ],
)
def test_no_rate_instead_of_a_crash(actual, target, rule, baseline):
    assert achievement_rate(actual, target, rule=rule, baseline=baseline) is None


def test_default_rule_follows_direction():
    assert default_rule(m.Direction.higher.value) == RATIO
    assert default_rule(m.Direction.lower.value) == INVERSE


def test_is_met_by_comparator():
    assert is_met(11.2, 10, ">=") is True
    assert is_met(35, 30, "<=") is False
    assert is_met(100, 100, "=") is True
    assert is_met(None, 10, ">=") is None


def test_deviation_flag_is_a_shortfall_over_ten_percent():
    assert is_off_target(0.89) is True
    assert is_off_target(0.90) is False  # exactly 10% short is not "over 10%"
    assert is_off_target(1.12) is False  # ahead of target is not a deviation
    assert is_off_target(None) is False
    assert deviation(0.6) == pytest.approx(0.4)


def test_exact_target_is_off_either_side():
    assert is_off_target(1.12, comparator="=") is True
    assert is_off_target(1.05, comparator="=") is False


def test_pro_rated_expectation():
    # 15 of 25 when 60% of the stage has passed: on plan, as the template's note says
    assert is_off_target(0.60, expected=0.60) is False
    assert is_off_target(0.40, expected=0.60) is True
    assert deviation(0.5, expected=0.0) is None
    assert elapsed_share(dt.date(2025, 1, 10), dt.date(2025, 1, 1), dt.date(2025, 1, 20)) == pytest.approx(0.5)
    assert elapsed_share(dt.date(2024, 12, 1), dt.date(2025, 1, 1), dt.date(2025, 1, 20)) == 0.0
    assert elapsed_share(dt.date(2025, 3, 1), dt.date(2025, 1, 1), dt.date(2025, 1, 20)) == 1.0


@pytest.mark.parametrize(
    "period, end",
    [("2025-03", dt.date(2025, 3, 31)), ("2024-02", dt.date(2024, 2, 29)), ("2025-W12", dt.date(2025, 3, 23)),
     ("2025Q1", dt.date(2025, 3, 31)), ("2025-Q4", dt.date(2025, 12, 31)), ("2025-03-14", dt.date(2025, 3, 14)),
     ("三月", None), ("2025-13", None)],
)
def test_period_end(period, end):
    assert period_end(period) == end


# --- over a plan -----------------------------------------------------------------------------
def _plan(*, rule=RATIO, target=25.0, baseline=None, readings=(), comparator=">=") -> Plan:
    programme = m.Programme(id=1, name="P", start_date=dt.date(2025, 1, 1), status_date=dt.date(2025, 4, 15))
    stage = m.Stage(id=1, name="S1", start_date=dt.date(2025, 1, 1), end_date=dt.date(2025, 6, 30))
    indicator = m.Indicator(id=1, code="IND-001", name="AI芯片适配数量", stage_id=1, target=target,
                            baseline=baseline, rule=rule, comparator=comparator)
    rows = [m.Reading(id=i + 1, indicator_id=1, period=p, cumulative_value=c, period_value=v, test_date=d)
            for i, (p, v, c, d) in enumerate(readings)]
    return Plan(programme=programme, stages=[stage], indicators=[indicator], readings=rows)


def test_latest_reading_respects_the_status_date_and_skips_empty_rows():
    plan = _plan(readings=[("2025-02", 4, 6, None), ("2025-03", 4, 10, None), ("2025-04", None, None, None),
                           ("2025-05", 5, 20, None)])
    assert latest_reading(plan, 1, dt.date(2025, 4, 15)).period == "2025-03"
    assert latest_reading(plan, 1).period == "2025-05"


def test_status_uses_cumulative_then_period_value():
    plan = _plan(readings=[("2025-03", 7, None, dt.date(2025, 3, 28))])
    status = indicator_statuses(plan)[0]
    assert status.actual == 7 and status.rate == pytest.approx(7 / 25)


def test_status_on_plan_when_pro_rated_but_off_against_the_full_target():
    plan = _plan(readings=[("2025-04", 5, 15, dt.date(2025, 4, 18))])
    indicator = plan.indicators[0]
    on_plan = indicator_status(plan, indicator, dt.date(2025, 4, 30))
    assert on_plan.rate == pytest.approx(0.6)
    assert on_plan.expected == pytest.approx(108 / 181)
    assert not on_plan.off_target
    full = indicator_status(plan, indicator, dt.date(2025, 4, 30), prorate=False)
    assert full.expected == 1.0 and full.off_target


def test_off_target_list_and_zero_target():
    behind = _plan(readings=[("2025-04", 1, 3, dt.date(2025, 4, 10))])
    assert [s.code for s in off_target(behind)] == ["IND-001"]
    zero = _plan(target=0.0, readings=[("2025-04", 1, 3, dt.date(2025, 4, 10))])
    status = indicator_statuses(zero)[0]
    assert status.rate is None and not status.off_target
    assert off_target(zero) == []


def test_no_reading_gives_no_rate():
    status = indicator_statuses(_plan())[0]
    assert status.reading is None and status.rate is None and status.met is None


def test_key_result_rate_is_the_mean_of_linked_indicators_else_manual_progress():
    from planner.indicators.status import key_result_rate

    plan = _plan(readings=[("2025-03", 4, 10, dt.date(2025, 3, 28))])
    second = m.Indicator(id=2, code="IND-002", name="昇腾算子性能提升", target=10.0, rule=RATIO)
    plan.indicators.append(second)
    plan.readings.append(m.Reading(id=9, indicator_id=2, period="2025-03", cumulative_value=11.2))
    linked = m.KeyResult(id=1, objective_id=1, code="KR1", title="适配", progress=0.9)
    manual = m.KeyResult(id=2, objective_id=1, code="KR2", title="预研", progress=0.3)
    nothing = m.KeyResult(id=3, objective_id=1, code="KR3", title="空")
    plan.key_results = [linked, manual, nothing]
    plan.kr_links = [m.KeyResultLink(id=1, key_result_id=1, indicator_id=1),
                     m.KeyResultLink(id=2, key_result_id=1, indicator_id=2)]
    assert key_result_rate(plan, linked) == pytest.approx((10 / 25 + 1.12) / 2)
    assert key_result_rate(plan, manual) == 0.3
    assert key_result_rate(plan, nothing) is None
