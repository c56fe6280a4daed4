"""One print path for every view: a source paginates its content, `render` frames each page.

A source (table, Gantt, chart) knows how to cut itself into page-sized pieces; `render` draws
the page header (plan, view, status date) and the page numbers around each piece, on a
QPrinter (preview, paper) or a QPdfWriter (PDF export) alike.
"""

from ui.printing.page import PrintOptions, render, write_pdf

__all__ = ["PrintOptions", "render", "write_pdf"]
