"""A4 report pages drawn with matplotlib: page frame, key figures, and paginated wrapped tables."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Callable, Sequence

from matplotlib.figure import Figure

from planner.fonts import configure_matplotlib

A4_LANDSCAPE = (11.69, 8.27)
MARGIN_X = 0.05
TOP = 0.86  # below the page header
BOTTOM = 0.07  # above the footer
LINE = 0.0185  # one 8.5 pt line at 1.25 line spacing, in figure fractions of an A4 height
HEADER_FILL = "#e8eaf6"


def display_width(text: str) -> int:
    """Columns the text takes: CJK and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(text: str, width: int, max_lines: int = 6) -> list[str]:
    """Wrap by display width (CJK has no spaces to break at); cut with "…" after max_lines."""
    lines: list[str] = []
    for paragraph in (text or "").splitlines() or [""]:
        current, used = "", 0
        for ch in paragraph:
            w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
            if used + w > width and current:
                lines.append(current)
                current, used = "", 0
            current += ch
            used += w
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][:-1] + "…"
    return lines


@dataclass(frozen=True)
class Column:
    title: str
    share: float  # of the usable page width
    chars: int  # display columns that fit at the table font size


class PageSet:
    """Numbered pages with a common header (report title, plan, date) and footer."""

    def __init__(self, title: str, subtitle: str, footer: str):
        configure_matplotlib()
        self.title, self.subtitle, self.footer = title, subtitle, footer
        self.pages: list[Figure] = []
        self.y = BOTTOM  # where the content of the last page ends (figure fraction)

    def new_page(self, heading: str) -> Figure:
        fig = Figure(figsize=A4_LANDSCAPE)
        fig.text(MARGIN_X, 0.955, self.title, fontsize=15, fontweight="bold", va="top")
        fig.text(1 - MARGIN_X, 0.955, self.subtitle, fontsize=9, color="#555555", va="top", ha="right")
        fig.add_artist(_rule(0.925))
        fig.text(MARGIN_X, 0.905, heading, fontsize=12.5, fontweight="bold", va="top", color="#1a237e")
        self.pages.append(fig)
        self.y = TOP
        return fig

    def section(self, heading: str, room: float = 0.16) -> tuple[Figure, float]:
        """A new section on the last page when `room` is left below its content, else on a new page.

        Returns the page and the y where the section's content starts: short sections share a
        page instead of leaving a page holding one line.
        """
        if self.pages and self.y - 0.05 - room > BOTTOM:
            fig, y = self.pages[-1], self.y - 0.025
            fig.text(MARGIN_X, y, heading, fontsize=12.5, fontweight="bold", va="top", color="#1a237e")
            return fig, y - 0.04
        return self.new_page(heading), TOP

    def finish(self, pages_after: int = 0) -> list[Figure]:
        """Stamp "page n / N" on every page; `pages_after` counts pages that follow (the charts)."""
        total = len(self.pages) + pages_after
        for number, fig in enumerate(self.pages, 1):
            fig.text(MARGIN_X, 0.03, self.footer, fontsize=7.5, color="#777777")
            fig.text(1 - MARGIN_X, 0.03, f"{number} / {total}", fontsize=7.5, color="#777777", ha="right")
        return self.pages


def _rule(y: float):
    from matplotlib.lines import Line2D

    return Line2D([MARGIN_X, 1 - MARGIN_X], [y, y], color="#9fa8da", linewidth=1)


def key_figures(fig: Figure, items: Sequence[tuple[str, str, str]], top: float = 0.82, per_row: int = 4,
                height: float = 0.12) -> float:
    """Boxes of (label, value, colour) in rows of `per_row`; returns the y below them."""
    width = (1 - 2 * MARGIN_X) / per_row
    step = height + 0.03
    for index, (label, value, colour) in enumerate(items):
        row, col = divmod(index, per_row)
        x, y = MARGIN_X + col * width, top - row * step
        fig.patches.append(_box(fig, x + 0.005, y - height, width - 0.01, height, colour))
        fig.text(x + 0.015, y - 0.02, label, fontsize=9, color="#424242", va="top")
        fig.text(x + 0.015, y - height + 0.015, value, fontsize=20, fontweight="bold", color=colour, va="bottom")
    rows = -(-len(items) // per_row)
    return top - rows * step


def _box(fig: Figure, x: float, y: float, w: float, h: float, colour: str):
    from matplotlib.patches import FancyBboxPatch

    return FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0.004", transform=fig.transFigure,
                          facecolor="#fafafa", edgecolor=colour, linewidth=1.2, figure=fig)


def table_pages(
    pages: PageSet,
    heading: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    empty_text: str,
    *,
    colour_of: Callable[[Sequence[str]], str | None] | None = None,
    first_page: Figure | None = None,
    top: float = TOP,
) -> list[Figure]:
    """Draw `rows` as a wrapped table, continuing on new pages ("heading (cont.)") as needed."""
    fig = first_page or pages.new_page(heading)
    drawn = [fig]
    if not rows:
        fig.text(MARGIN_X, top - 0.01, empty_text, fontsize=10, color="#616161", va="top")
        pages.y = top - 0.04
        return drawn
    y = _header(fig, columns, top)
    for row in rows:
        cells = [wrap(str(value), col.chars) for value, col in zip(row, columns)]
        height = max(len(c) for c in cells) * LINE + 0.012
        if y - height < BOTTOM:
            fig = pages.new_page(f"{heading}（续）" if _is_cjk(heading) else f"{heading} (cont.)")
            drawn.append(fig)
            y = _header(fig, columns, TOP)
        _row(fig, columns, cells, y, colour_of(row) if colour_of else None)
        y -= height
        fig.add_artist(_thin_rule(y))
    pages.y = y
    return drawn


def _is_cjk(text: str) -> bool:
    return any(display_width(ch) == 2 for ch in text)


def _header(fig: Figure, columns: Sequence[Column], y: float) -> float:
    from matplotlib.patches import Rectangle

    fig.patches.append(Rectangle((MARGIN_X, y - 0.032), 1 - 2 * MARGIN_X, 0.032, transform=fig.transFigure,
                                 facecolor=HEADER_FILL, edgecolor="none", figure=fig))
    x = MARGIN_X
    for col in columns:
        fig.text(x + 0.004, y - 0.008, col.title, fontsize=8.5, fontweight="bold", va="top")
        x += col.share * (1 - 2 * MARGIN_X)
    return y - 0.036


def _row(fig: Figure, columns: Sequence[Column], cells: list[list[str]], y: float, colour: str | None) -> None:
    x = MARGIN_X
    for col, lines in zip(columns, cells):
        fig.text(x + 0.004, y - 0.006, "\n".join(lines), fontsize=8.5, va="top", linespacing=1.25,
                 color=colour or "#212121")
        x += col.share * (1 - 2 * MARGIN_X)


def _thin_rule(y: float):
    from matplotlib.lines import Line2D

    return Line2D([MARGIN_X, 1 - MARGIN_X], [y, y], color="#e0e0e0", linewidth=0.6)


class Progress:
    """Reports "step n of total" to an optional callback; the callback may raise to cancel."""

    def __init__(self, total: int, callback: Callable[[int, int, str], None] | None):
        self.total, self.callback, self.done = total, callback, 0

    def step(self, label: str) -> None:
        self.done = min(self.done + 1, self.total)
        if self.callback is not None:
            self.callback(self.done, self.total, label)
