"""The controller puts re-read rows back into the snapshot in load order, as a full sort would."""

from __future__ import annotations

import random
from types import SimpleNamespace

import pytest

from ui.controller import _replaced


@pytest.mark.parametrize("ordered", [True, False])
@pytest.mark.parametrize("seed", range(8))
def test_rows_replaced_in_the_order_a_sort_gives(seed, ordered):
    rnd = random.Random(seed)
    key = (lambda r: (r.order, r.id)) if ordered else (lambda r: r.id)
    rows = sorted((SimpleNamespace(id=i, order=rnd.randrange(40)) for i in range(1, 200)), key=key)
    touched = set(rnd.sample(range(1, 260), rnd.randint(0, 60)))  # some new, some deleted
    fresh = [SimpleNamespace(id=i, order=rnd.randrange(40)) for i in sorted(touched) if rnd.random() < 0.8]
    rnd.shuffle(fresh)
    expected = sorted([r for r in rows if r.id not in touched] + fresh, key=key)
    assert _replaced(list(rows), touched, fresh, ordered) == expected
    shuffled = list(rows)  # rows found out of order are sorted whole
    rnd.shuffle(shuffled)
    assert _replaced(shuffled, touched, fresh, ordered) == expected
