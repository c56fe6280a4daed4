"""The outline as pure data: order, depth, WBS numbers, summaries, collapsing, bad parent chains."""

from __future__ import annotations

from collections import namedtuple

from planner.outline import build_outline

T = namedtuple("T", "id parent_id module_id order code")
M = namedtuple("M", "id")


def _tasks(*rows) -> list[T]:
    return [T(i, p, mod, o, c) for i, p, mod, o, c in rows]


PLAN = _tasks(
    (1, None, 10, 0, "phase"),
    (2, 1, 10, 1, "b"),  # children of 1, listed out of order
    (3, 1, 10, 0, "a"),
    (4, 3, 10, 0, "a1"),
    (5, None, 20, 0, "other-module"),
    (6, None, 10, 1, "second-top"),
)


def test_depth_first_order_with_modules_in_plan_order():
    o = build_outline(PLAN, [M(10), M(20)])
    assert o.order == [1, 3, 4, 2, 6, 5]
    assert [o.depth[i] for i in o.order] == [0, 1, 2, 1, 0, 0]
    assert o.summaries == {1, 3}


def test_wbs_numbers_count_positions_across_the_plan():
    wbs = build_outline(PLAN, [M(10), M(20)]).wbs()
    assert [wbs[i] for i in (1, 3, 4, 2, 6, 5)] == ["1", "1.1", "1.1.1", "1.2", "2", "3"]


def test_descendants_ancestors_and_collapse():
    o = build_outline(PLAN, [M(10), M(20)])
    assert o.descendants(1) == [3, 4, 2] and o.descendants(4) == []
    assert list(o.ancestors(4)) == [3, 1]
    assert o.leaves_under(1) == [4, 2]
    assert o.visible({3}) == [1, 3, 2, 6, 5]
    assert o.visible({1, 3}) == [1, 6, 5]
    assert o.visible({4}) == o.order  # a task without children has nothing to hide


def test_missing_parent_and_parent_loops_still_list_every_task_once():
    tasks = _tasks((1, 99, None, 0, "orphan"), (2, 3, None, 0, "x"), (3, 2, None, 0, "y"), (4, 3, None, 1, "z"))
    o = build_outline(tasks)
    assert sorted(o.order) == [1, 2, 3, 4] and len(o.order) == 4
    assert o.depth[1] == 0  # its parent is not in the plan: top level
    top = [t for t in o.order if o.depth[t] == 0]
    assert 1 in top and len(top) == 2  # one task of the loop was lifted to the top


def test_a_deep_chain_does_not_recurse():
    tasks = [T(i, i - 1 if i > 1 else None, None, 0, str(i)) for i in range(1, 5001)]
    o = build_outline(tasks)
    assert o.depth[5000] == 4999 and o.wbs()[3] == "1.1.1"


def test_parent_loop_is_found_and_named():
    from planner.outline import parent_loop

    assert parent_loop({"a": "b", "b": None, "c": "b"}) is None
    assert parent_loop({"a": "b", "b": "c", "c": "a", "d": "a"}) in (["a", "b", "c", "a"], ["b", "c", "a", "b"],
                                                                     ["c", "a", "b", "c"])
