"""Fast redraws: the label layer draws what Text would, and a trend redrawn in place matches a fresh one."""

from __future__ import annotations

import io

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from planner import model as m
from planner.charts import build_chart
from planner.charts.export import export_figure
from planner.charts.label_layer import LabelLayer
from planner.fonts import configure_matplotlib
from planner.plan import load_plan
from planner.services import rows
from tests.unit.test_charts_support import TODAY, build_small_project, small_plan, small_schedule


def pixels(fig, dpi: int = 80) -> np.ndarray:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return np.asarray(Image.open(buffer).convert("RGB")).astype(int)


LABELS = [(0.1, 0.2, "TP-01", {"fontsize": 7, "va": "bottom", "ha": "left"}),
          (0.5, 0.5, "芯片适配 25 款", {"fontsize": 9, "fontweight": "bold", "ha": "center", "va": "center"}),
          (0.8, 0.7, "30%", {"fontsize": 7, "color": "#d32f2f", "ha": "center", "va": "top",
                             "bbox": {"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none"}})]


def labelled_figure(as_layer: bool) -> Figure:
    configure_matplotlib()
    fig = Figure(figsize=(4, 3), dpi=100)
    ax = fig.add_subplot()
    ax.set_facecolor("#f3f5f7")
    layer = LabelLayer()
    for x, y, text, props in LABELS:
        if as_layer:
            layer.add(x, y, text, **props)
        else:
            ax.text(x, y, text, zorder=5, **props)
    if as_layer:
        ax.add_artist(layer)
    return fig


@pytest.mark.parametrize("dpi", [100, 200])
def test_label_layer_paints_what_text_artists_paint(dpi):
    plain, layered = pixels(labelled_figure(False), dpi), pixels(labelled_figure(True), dpi)
    assert plain.shape == layered.shape
    # a label lands on a whole pixel (Text on a fraction of one): allow a shift of one pixel, no more
    nearest = np.min([np.abs(plain - np.roll(layered, (dy, dx), axis=(0, 1))).max(axis=2)
                      for dy in (-1, 0, 1) for dx in (-1, 0, 1)], axis=0)
    differs = nearest > 48
    assert differs.sum() < 0.0005 * differs.size
    ink = np.abs(plain - pixels(Figure(figsize=(4, 3), dpi=100), dpi)).max(axis=2) > 48
    assert ink.sum() > 20 * differs.sum()  # the labels were drawn at all


def test_label_layer_is_text_in_vector_exports_and_searchable(tmp_path):
    fig = labelled_figure(True)
    svg = export_figure(fig, tmp_path / "labels.svg").read_text(encoding="utf-8")
    assert "TP-01" in svg and "芯片适配 25 款" in svg  # each label drawn as text (named in the SVG)
    layer = next(a for a in fig.axes[0].get_children() if isinstance(a, LabelLayer))
    assert layer.get_text().splitlines() == ["TP-01", "芯片适配 25 款", "30%"]


def test_network_labels_every_task_and_threshold_through_layers():
    plan = small_plan()
    result = build_chart("dependencies", plan, small_schedule(plan), today=TODAY)
    FigureCanvasAgg(result.figure).draw()
    layers = [a for a in result.figure.axes[0].get_children() if isinstance(a, LabelLayer)]
    codes, thresholds = layers
    assert sorted(text for _, _, text in codes.labels()) == sorted(n.code for n in result.data.nodes)
    assert [text for _, _, text in thresholds.labels()] == ["30%"]


def test_indicator_trend_redrawn_into_its_figure_looks_exactly_like_a_fresh_one():
    project = build_small_project()
    try:
        before = project.read(load_plan)
        first = build_chart("indicator-trend", before, lang="en", today=TODAY)
        reading = next(r for r in before.readings if r.period == "2025-02")
        project.run(rows.update_fields, m.Reading, reading.id, cumulative_value=24)
        after = project.read(load_plan)
    finally:
        project.close()
    fresh = build_chart("indicator-trend", after, today=TODAY)
    again = build_chart("indicator-trend", after, today=TODAY, figure=first.figure)
    assert again.figure is first.figure and again.figure.get_suptitle() == "指标累计值趋势"
    assert 24 in [v for p in again.data.panels for v in p.cumulative]
    assert np.array_equal(pixels(again.figure), pixels(fresh.figure))
    assert not np.array_equal(pixels(fresh.figure), pixels(build_chart("indicator-trend", before, today=TODAY).figure))


def test_indicator_trend_with_other_panels_gets_a_new_figure():
    plan = small_plan()
    first = build_chart("indicator-trend", plan, today=TODAY)
    fewer = build_chart("indicator-trend", plan, today=TODAY, codes=["IND-001"], figure=first.figure)
    assert fewer.figure is not first.figure and len(fewer.figure.axes) == 1


def test_label_bitmap_cache_stays_within_its_byte_budget(monkeypatch):
    from planner.charts import label_layer

    monkeypatch.setattr(label_layer, "_bitmaps", label_layer.OrderedDict())
    monkeypatch.setattr(label_layer, "_cached_bytes", 0)
    monkeypatch.setattr(label_layer, "_CACHE_BYTES", 20_000)
    configure_matplotlib()
    fig = Figure(figsize=(4, 3), dpi=100)
    layer = LabelLayer()
    for index in range(200):
        layer.add(0.5, index / 200, f"T-{index:05d}", fontsize=7)
    fig.add_subplot().add_artist(layer)
    FigureCanvasAgg(fig).draw()
    sizes = [image.nbytes for image, _, _ in label_layer._bitmaps.values()]
    assert 0 < label_layer._cached_bytes == sum(sizes) <= 20_000 and len(sizes) < 200
