"""The supported date range of a plan (every date a user can type or import lies within it).

Plain constants, apart from planner.services.fields (which imports the ORM), so that reading
and validating a plan does not load it."""

from __future__ import annotations

import datetime as dt

DATE_MIN = dt.date(1970, 1, 1)
DATE_MAX = dt.date(2199, 12, 31)
