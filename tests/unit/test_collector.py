"""The collector pause used around big reads: off inside, restored after, also on an error."""

from __future__ import annotations

import gc

import pytest

from planner.collector import paused


def test_the_collector_is_off_inside_and_back_after_even_on_an_error():
    assert gc.isenabled()
    with pytest.raises(ValueError):
        with paused():
            assert not gc.isenabled()
            with paused():  # a read inside another keeps it off until the outer one ends
                pass
            assert not gc.isenabled()
            raise ValueError("a bad row")
    assert gc.isenabled()


def test_a_block_inside_a_caller_that_turned_it_off_leaves_it_off():
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
