"""Regenerate the chart PNGs in docs/charts from the bundled samples: `python docs/charts/make_charts.py`."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from planner.charts import build_chart, chart_kinds  # noqa: E402
from planner.charts.export import export_figure  # noqa: E402
from planner.cli.common import read_plan  # noqa: E402
from planner.samples import sample_path  # noqa: E402
from planner.schedule import schedule_plan  # noqa: E402

SAMPLES = {"flagos": "zh", "otlp_rust": "en"}  # one sample per language


def main() -> None:
    out = Path(__file__).resolve().parent
    for name, lang in SAMPLES.items():
        plan = read_plan(sample_path(name))
        schedule = schedule_plan(plan)
        for kind in chart_kinds():
            path = export_figure(build_chart(kind, plan, schedule, lang=lang).figure, out / f"{name}-{kind}.png", dpi=90)
            print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
