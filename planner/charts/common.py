"""Shared pieces of every chart: context, figure creation, the plan/date stamp, colours."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any
from weakref import WeakKeyDictionary

from matplotlib.dates import ConciseDateFormatter
from matplotlib.figure import Figure
from matplotlib.ticker import AutoLocator, ScalarFormatter

from planner.charts.labels import normalise_lang, text
from planner.fonts import configure_matplotlib
from planner.plan import Plan
from planner.schedule.result import ScheduleResult

STATUS_COLOURS = {
    "met": "#2e7d32",
    "on_track": "#1565c0",
    "at_risk": "#f9a825",
    "missed": "#c62828",
}
LINK_COLOURS = {
    "satisfied": "#43a047",
    "pending": "#9e9e9e",
    "blocking": "#d32f2f",
    "broken": "#8e24aa",
}
CRITICAL_COLOUR = "#b71c1c"
TODAY_COLOUR = "#e53935"
NEUTRAL = "#90a4ae"
MODULE_PALETTE = ("#5c6bc0", "#26a69a", "#ffa726", "#8d6e63", "#ab47bc", "#42a5f5", "#9ccc65", "#ec407a")

PRINT_DPI = 200


@dataclass
class ChartContext:
    """What every builder needs: the plan, its schedule (may be None), language and "today"."""

    plan: Plan
    schedule: ScheduleResult | None = None
    lang: str = "zh"
    today: dt.date | None = None
    options: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.lang = normalise_lang(self.lang)
        if self.today is None:
            self.today = status_date(self.plan, self.schedule)

    def t(self, key: str, **values: object) -> str:
        return text(key, self.lang, **values)


@dataclass
class ChartResult:
    """A built chart: the Figure and the data it plotted (for tests and the dashboard)."""

    kind: str
    figure: Figure
    data: Any


def status_date(plan: Plan, schedule: ScheduleResult | None = None) -> dt.date:
    """The plan's "today": the schedule's status date, the programme's, else the real date."""
    if schedule is not None and schedule.status_date is not None:
        return schedule.status_date
    return plan.programme.status_date or dt.date.today()


def new_figure(ctx: ChartContext, title_key: str, size: tuple[float, float],
               margins: tuple[float, float, float, float] | None = None) -> Figure:
    """A Figure (never pyplot) with CJK fonts configured and the title/plan/date stamp.

    `margins` (left, right, top, bottom, in inches) fixes the layout instead of constraining it:
    constrained layout measures every text, which costs seconds on a chart with hundreds of labels.
    """
    configure_matplotlib()
    if margins is None:
        fig = Figure(figsize=size, dpi=100, layout="constrained")
    else:
        fig = Figure(figsize=size, dpi=100)
        _MARGINS[fig] = margins
        keep_margins(fig)
    stamp(fig, ctx, ctx.t(title_key))
    return fig


_MARGINS: WeakKeyDictionary[Figure, tuple[float, float, float, float]] = WeakKeyDictionary()


def keep_margins(fig: Figure) -> None:
    """Re-apply a fixed-margin figure's margins in inches for its current size.

    A window that shows the figure narrower than it was built (the dashboard in a small window)
    would otherwise shrink the room for the axis labels with it and clip them.
    """
    if fig not in _MARGINS:
        return
    left, right, top, bottom = _MARGINS[fig]
    width, height = fig.get_size_inches()
    if width <= left + right or height <= top + bottom:
        return  # too small to keep them; matplotlib would refuse the crossed margins
    fig.subplots_adjust(left=left / width, right=1 - right / width, top=1 - top / height, bottom=bottom / height)


# A figure a builder may draw into again: its layout key and the figure-level artists to drop first.
_REUSABLE: WeakKeyDictionary[Figure, tuple[tuple, list]] = WeakKeyDictionary()


def mark_reusable(fig: Figure, layout: tuple, extras: list) -> None:
    """Let a later build with the same `layout` redraw into `fig` (see `reused_figure`)."""
    _REUSABLE[fig] = (layout, extras)


def reused_figure(ctx: ChartContext, layout: tuple) -> Figure | None:
    """The figure in `ctx.options["figure"]`, emptied for a redraw, when it was built with `layout`.

    The dashboard passes the figure on screen: keeping the axes, their ticks and the canvas's
    renderer (with its text measurements) is most of the cost of a redraw of small multiples.
    The figure keeps the size the canvas gave it; `stamp` refreshes title and date in place.
    """
    fig = ctx.options.get("figure")
    if fig is None or fig not in _REUSABLE or _REUSABLE[fig][0] != layout:
        return None
    for artist in _REUSABLE.pop(fig)[1]:
        artist.remove()
    for ax in fig.axes:
        reset_axes(ax)
    stamp(fig, ctx, ctx.t(layout[0]))
    return fig


def reset_axes(ax) -> None:
    """Remove what was plotted, keeping the axes and their tick artists (cheaper than `ax.clear()`)."""
    for artist in [*ax.lines, *ax.patches, *ax.texts, *ax.collections, *ax.images]:
        artist.remove()
    if ax.legend_ is not None:
        ax.legend_.remove()
    ax.set_title("")
    ax.relim()
    ax.set_autoscale_on(True)
    ax.yaxis.set_major_locator(AutoLocator())
    ax.yaxis.set_major_formatter(ScalarFormatter())


def stamp(fig: Figure, ctx: ChartContext, title: str) -> None:
    """Title plus "plan name · status date" so a printed chart always says what and when."""
    fig.suptitle(title, fontsize=14, fontweight="bold")
    date_label = f"{ctx.t('status_date')}: {ctx.today.isoformat()}"
    fig.supxlabel(f"{ctx.plan.programme.name}  ·  {date_label}", fontsize=8, color="#555555", x=0.99, ha="right",
                  y=0.005, va="bottom")


def empty_note(fig: Figure, message: str) -> None:
    """A chart with nothing to plot says so instead of showing empty axes."""
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=13, color="#555555", wrap=True)


def legend_on_top(ax, handles: list) -> None:
    """The legend just above the plot (constrained layout makes room for it under the title)."""
    ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=min(len(handles), 6),
              fontsize=8, frameon=False)


def label_inches(labels, fontsize: float = 10) -> float:
    """Width of the widest label in inches (CJK counts double): fixed margins without measuring."""
    widest = max((sum(2 if ord(ch) > 0x2E80 else 1 for ch in label) for label in labels), default=0)
    return widest * fontsize * 0.58 / 72


def shorten(label: str, limit: int = 18) -> str:
    """Cut long labels (CJK counts double) so axes stay readable; the full text is in the data."""
    width = 0
    for index, char in enumerate(label):
        width += 2 if ord(char) > 0x2E80 else 1
        if width > limit:
            return label[: max(index, 1)] + "…"
    return label


def stage_name(plan: Plan, stage_id: int | None, ctx: ChartContext) -> str:
    stage = plan.stage_by_id.get(stage_id) if stage_id is not None else None
    return stage.name if stage else ctx.t("no_stage")


def module_name(plan: Plan, module_id: int | None, ctx: ChartContext) -> str:
    module = plan.module_by_id.get(module_id) if module_id is not None else None
    return module.name if module else ctx.t("no_module")


def module_colour(plan: Plan, module_id: int | None) -> str:
    ids = [m.id for m in plan.modules]
    if module_id not in ids:
        return NEUTRAL
    return MODULE_PALETTE[ids.index(module_id) % len(MODULE_PALETTE)]


class _ChineseDateFormatter(ConciseDateFormatter):
    """ConciseDateFormatter in Chinese: 2025年, 3月, 15日 (no leading zeros, on every platform)."""

    def __init__(self, locator):
        super().__init__(locator, formats=["%Y年", "%m月", "%d日", "%H:%M", "%H:%M", "%S"],
                         zero_formats=["", "%Y年", "%m月", "%m月%d日", "%H:%M", "%H:%M"],
                         offset_formats=["", "%Y年", "%Y年%m月", "%Y年%m月%d日", "%Y年%m月%d日", "%Y年%m月%d日 %H:%M"])

    def format_ticks(self, values):
        return [_drop_leading_zeros(label) for label in super().format_ticks(values)]

    def get_offset(self):
        return _drop_leading_zeros(super().get_offset())


def _drop_leading_zeros(label: str) -> str:
    return re.sub(r"(?<!\d)0(\d)", r"\1", label)


def date_formatter(locator, lang: str) -> ConciseDateFormatter:
    """Tick labels for a date axis in the chart's language."""
    return _ChineseDateFormatter(locator) if normalise_lang(lang) == "zh" else ConciseDateFormatter(locator)
