"""`planner.columns.columns` reads the same values from every kind of row a plan holds."""

from __future__ import annotations

from collections import namedtuple
from types import SimpleNamespace

import pytest

from planner import model as m
from planner.columns import columns

Row = namedtuple("Row", "id owner progress")


def _rows(kind: str) -> list:
    values = [(1, "Wang", 0.5), (2, None, 0.0), (3, "", 1.0)]
    if kind == "named tuple":
        return [Row(*v) for v in values]
    if kind == "orm":
        return [m.Task(id=i, code=f"T{i}", owner=o, progress=p) for i, o, p in values]
    return [SimpleNamespace(id=i, owner=o, progress=p) for i, o, p in values]


@pytest.mark.parametrize("kind", ["named tuple", "orm", "plain object"])
def test_one_column_and_several_give_the_same_values(kind):
    rows = _rows(kind)
    assert columns(rows, ("owner",)) == [["Wang", None, ""]]
    assert columns(rows, ("id", "progress")) == [[1, 2, 3], [0.5, 0.0, 1.0]]
    assert columns([], ("owner",)) == [[]]
