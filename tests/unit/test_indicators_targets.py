"""Targets and values as users write them: every phrase from the seeds, and the ones we refuse."""

import pytest

from planner.indicators.targets import (
    TargetParseError,
    ValueParseError,
    parse_target,
    parse_value,
    split_acceptance,
    split_numbered,
)
from planner.model import Comparator, Direction

GE, LE = Comparator.ge.value, Comparator.le.value
HIGHER, LOWER = Direction.higher.value, Direction.lower.value


@pytest.mark.parametrize(
    "text, value, comparator, unit, baseline, direction",
    [
        ("25款（0-6月）", 25, GE, "款", None, HIGHER),
        ("≥10%", 10, GE, "%", None, HIGHER),
        ("≤30分钟", 30, LE, "分钟", None, LOWER),
        ("45% → 90%", 90, GE, "%", 45, HIGHER),
        ("45% -> 90%", 90, GE, "%", 45, HIGHER),
        ("从2秒降低至800毫秒以下", 800, LE, "毫秒", 2000, LOWER),
        ("从当前2秒降低至800毫秒以下", 800, LE, "毫秒", 2000, LOWER),
        ("99.5% → 99.9%", 99.9, GE, "%", 99.5, HIGHER),
        ("从99.5%提升至99.9%", 99.9, GE, "%", 99.5, HIGHER),
        ("≥120 tokens / 秒", 120, GE, "tokens/秒", None, HIGHER),
        ("50+", 50, GE, "", None, HIGHER),
        ("12 → 50+", 50, GE, "", 12, HIGHER),
        ("≥404 人", 404, GE, "人", None, HIGHER),
        ("100%", 100, GE, "%", None, HIGHER),
        ("≤48 小时 / 节点", 48, LE, "小时/节点", None, LOWER),
        ("<24小时", 24, LE, "小时", None, LOWER),
        ("从1周缩短至2天", 2, LE, "天", 7, LOWER),
        ("缩短至30分钟以内", 30, LE, "分钟", None, LOWER),
        ("10+次", 10, GE, "次", None, HIGHER),
        ("≥１０％", 10, GE, "%", None, HIGHER),  # full-width digits and percent sign
        ("提升≥20%", 20, GE, "%", None, HIGHER),
        ("减少50%", 50, GE, "%", None, HIGHER),  # the size of the cut is what is measured
        ("≥10 万次 / 月", 10, GE, "万次/月", None, HIGHER),
        ("≤-10°C", -10, LE, "°C", None, LOWER),
        ("2% → -1%", -1, LE, "%", 2, LOWER),
    ],
)
def test_target_phrases(text, value, comparator, unit, baseline, direction):
    target = parse_target(text)
    assert target.value == pytest.approx(value)
    assert target.comparator == comparator
    assert target.unit == unit
    assert (target.baseline is None) == (baseline is None)
    if baseline is not None:
        assert target.baseline == pytest.approx(baseline)
    assert target.direction == direction
    assert target.text == text


def test_period_remark_is_kept_as_note():
    assert parse_target("25款（0-6月）").note == "0-6月"
    assert parse_target("≥25 款（国产主流≥15 款，海外≥10 款）").value == 25


def test_target_below_baseline_is_lower_is_better():
    assert parse_target("30% → 10%").direction == LOWER


@pytest.mark.parametrize("text", ["A+ → A++", "待定", "", "   ", "尽快完成"])
def test_unreadable_targets_raise_a_typed_error_naming_the_phrase(text):
    with pytest.raises(TargetParseError) as caught:
        parse_target(text, where="Indicator IND-007")
    assert caught.value.where == "Indicator IND-007"
    assert "IND-007" in str(caught.value)
    assert caught.value.value == text


@pytest.mark.parametrize(
    "raw, unit, expected",
    [
        ("15款", "款", 15),
        ("11.2%", "%", 11.2),
        ("0.112", "%", 11.2),  # a fraction typed where the unit is %
        (0.112, "%", 11.2),
        (1.12, "%", 1.12),  # a bare number above 1 is already in percent
        ("1,200 人", "人", 1200),
        ("５款", "款", 5),
        (" 85 ", "%", 85),
        (-3, "%", -3),
        (7, "", 7),
    ],
)
def test_values_as_users_type_them(raw, unit, expected):
    assert parse_value(raw, unit) == pytest.approx(expected)


def test_percent_cell_is_always_scaled():
    assert parse_value(1.12, "%", percent_cell=True) == pytest.approx(112)


@pytest.mark.parametrize("raw", [None, "", "  "])
def test_empty_value_is_none(raw):
    assert parse_value(raw, "款") is None


@pytest.mark.parametrize("raw", ["待定", "n/a", "15-20款", True])
def test_non_numeric_value_names_the_value_and_place(raw):
    with pytest.raises(ValueParseError) as caught:
        parse_value(raw, "款", where="数据统计!C3")
    assert caught.value.value == str(raw)
    assert str(raw) in str(caught.value) and "数据统计!C3" in str(caught.value)


def test_numbered_items_do_not_split_on_figures_inside_an_item():
    text = "1. 昇腾算子提升≥10%，Qwen2.5-7B 推理提速≥40%2. 框架 3 个版本3. 结束"
    assert split_numbered(text) == ["昇腾算子提升≥10%，Qwen2.5-7B 推理提速≥40%", "框架 3 个版本", "结束"]
    assert split_numbered("没有编号的一句话") == ["没有编号的一句话"]


def test_acceptance_cell_gives_every_figure_with_its_item_number():
    cell = ("1. 适配 AI 芯片≥25 款（国产主流≥15 款，海外≥10 款）2. 框架兼容通过率 100%（单框架测试用例≥500 个）"
            "3. 昇腾算子性能提升≥10%（对比 CUDA 12.0 版本），Qwen2.5-7B 推理提速≥40%（批量处理吞吐量≥120 tokens / 秒）"
            "4. 超节点适配效率≥99.8%（适配耗时≤48 小时 / 节点）")
    items = split_acceptance(cell)
    assert [(i.number, i.name) for i in items] == [
        (1, "适配 AI 芯片"), (2, "框架兼容通过率"), (3, "昇腾算子性能提升"), (3, "Qwen2.5-7B 推理提速"),
        (4, "超节点适配效率"),
    ]
    assert parse_target(items[0].target_text).value == 25
    assert parse_target(items[4].target_text).value == pytest.approx(99.8)


def test_acceptance_without_comparator_uses_the_count_in_the_sentence():
    items = split_acceptance("1. 基金会完成注册，治理章程公示率 100%\n2. 发布两项标准，17 家厂商签署适配承诺书\n3. 通过评审")
    assert [(i.number, i.name, i.target_text) for i in items] == [
        (1, "治理章程公示率", "100%"), (2, "17 家厂商签署适配承诺书", "17家"),
    ]


# --- whatever a user types, the answer is a figure or a typed error --------------------------
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = st.sampled_from(["≥", "≤", ">", "<", "=", "+", "→", "->", "从", "降低至", "提升到", "以下", "以内",
                           "%", "款", "秒", "毫秒", "（", "）", "(", ")", " ", "/", ".", "-", "1", "25", "0.5",
                           "99.9", "A+", "待定", "，", "、", "1. ", "2. "])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=8).map("".join) | st.text(max_size=20))
def test_any_phrase_parses_or_raises_a_typed_error(text):
    try:
        target = parse_target(text)
    except TargetParseError as error:
        assert error.value == text
    else:
        assert target.value == target.value  # a real number, never NaN
    split_acceptance(text)  # never raises


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=6).map("".join) | st.text(max_size=12), st.sampled_from(["", "%", "款"]))
def test_any_value_parses_or_raises_a_typed_error(raw, unit):
    try:
        parse_value(raw, unit)
    except ValueParseError as error:
        assert error.value == raw
