"""Who holds a plan, as the plan-in-use box says it: user@host, process, and a readable local time."""

from __future__ import annotations

import datetime as dt

from ui.document_actions import owner_text


def test_lock_time_is_shown_as_local_minutes_not_an_iso_stamp():
    utc = dt.datetime(2025, 3, 14, 1, 30, 11, tzinfo=dt.timezone.utc)
    text = owner_text({"user": "pm", "host": "PM-LAPTOP-02", "pid": 4242, "since": utc.isoformat()})
    local = utc.astimezone().strftime("%Y-%m-%d %H:%M")
    assert text.startswith("pm@PM-LAPTOP-02 (pid 4242)")
    assert text.endswith(local) and "T01:30" not in text and "+00:00" not in text


def test_a_time_that_is_not_a_stamp_is_shown_as_written():
    assert owner_text({"host": "PM-LAPTOP-02", "since": "this morning"}).endswith("this morning")
