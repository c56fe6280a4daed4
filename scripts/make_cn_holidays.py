"""Regenerate planner/schedule/cn_holidays.json from the `chinesecalendar` package.

Run once per year after the State Council publishes the next year's holiday schedule:
    pip install -U chinesecalendar && python scripts/make_cn_holidays.py
The app reads only the checked-in JSON; `chinesecalendar` is not a runtime dependency.
"""

from __future__ import annotations

import json
from pathlib import Path

from chinese_calendar import constants

TARGET = Path(__file__).resolve().parent.parent / "planner" / "schedule" / "cn_holidays.json"


def main() -> None:
    holidays = {d.isoformat(): str(name) for d, name in sorted(constants.holidays.items())}
    workdays = {d.isoformat(): str(name) for d, name in sorted(constants.workdays.items())}
    years = sorted({d.year for d in constants.holidays})
    data = {
        "source": "chinesecalendar package (State Council notices)",
        "first_year": years[0],
        "last_year": years[-1],
        "holidays": holidays,  # statutory days off (weekdays and weekends inside a holiday)
        "workdays": workdays,  # 调休: weekend days that are working days
    }
    TARGET.write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    print(f"wrote {TARGET} ({years[0]}-{years[-1]}: {len(holidays)} holidays, {len(workdays)} make-up workdays)")


if __name__ == "__main__":
    main()
