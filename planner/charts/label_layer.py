"""Many short text labels drawn by one artist; on raster canvases each label's bitmap is cached."""

from __future__ import annotations

import math
from collections import OrderedDict

import numpy as np
from matplotlib import rcParams
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.text import Text
from matplotlib.transforms import IdentityTransform

_CACHE_BYTES = 32 * 1024 * 1024  # a 1,000-task network at screen and print dpi takes about 2.6 MB
# (text, font properties, other text props, dpi, antialiasing, hinting) -> (RGBA image, dx, dy)
_bitmaps: OrderedDict[tuple, tuple[np.ndarray, int, int]] = OrderedDict()
_cached_bytes = 0


class LabelLayer(Artist):
    """Labels in data coordinates, each with one of a few styles (keyword arguments of `Text`).

    Hundreds of `Text` artists cost most of a big chart's redraw: each is measured, laid out glyph
    by glyph with font fallback and rasterised on every draw. Task codes do not change between
    redraws, so on Agg (screen and PNG) each label is rasterised once per style and dpi and then
    copied as an image; vector outputs (PDF, SVG) still draw each label as text.
    Like `Axes.text`, labels are not clipped to the axes.
    """

    def __init__(self, zorder: float = 5):
        super().__init__()
        self.set_zorder(zorder)
        self._xy: list[tuple[float, float]] = []
        self._texts: list[str] = []
        self._styles: list[int] = []
        self._style_props: list[dict] = []
        self._templates: dict[tuple[int, bool], Text] = {}

    def add(self, x: float, y: float, text: str, **props) -> None:
        """One label at data point (x, y); `props` as for `Axes.text` (fontsize, colour, bbox ...)."""
        if props not in self._style_props:
            self._style_props.append(props)
        self._xy.append((x, y))
        self._texts.append(text)
        self._styles.append(self._style_props.index(props))
        self.stale = True

    def __len__(self) -> int:
        return len(self._texts)

    def get_text(self) -> str:
        """Every label, one a line (what `findobj` searches for text sees of this layer)."""
        return "\n".join(self._texts)

    def labels(self) -> list[tuple[float, float, str]]:
        return [(x, y, text) for (x, y), text in zip(self._xy, self._texts)]

    def _template(self, style: int, raster: bool) -> Text:
        key = (style, raster)
        if key not in self._templates:
            props = {"clip_on": False, **self._style_props[style]}
            text = Text(0, 0, "", transform=IdentityTransform() if raster else self.axes.transData, **props)
            text.set_figure(self.get_figure(root=False))
            self._templates[key] = text
        return self._templates[key]

    def draw(self, renderer) -> None:
        if not self.get_visible() or not self._texts:
            return
        if isinstance(renderer, RendererAgg):
            self._draw_raster(renderer)
        else:
            for (x, y), text, style in zip(self._xy, self._texts, self._styles):
                template = self._template(style, raster=False)
                template.set_text(text)
                template.set_position((x, y))
                template.draw(renderer)
        self.stale = False

    def _draw_raster(self, renderer: RendererAgg) -> None:
        points = self.axes.transData.transform(np.asarray(self._xy, dtype=float))
        gc = renderer.new_gc()
        try:
            for (px, py), text, style in zip(points, self._texts, self._styles):
                if not (math.isfinite(px) and math.isfinite(py)):
                    continue
                image, dx, dy = self._bitmap(renderer, text, style)
                if image.size:
                    renderer.draw_image(gc, round(px) + dx, round(py) + dy, image)
        finally:
            gc.restore()

    def _bitmap(self, renderer: RendererAgg, text: str, style: int) -> tuple[np.ndarray, int, int]:
        template = self._template(style, raster=True)
        props = self._style_props[style]
        key = (text, template.get_fontproperties(), repr(sorted(props.items())), renderer.dpi,
               rcParams["text.antialiased"], rcParams["text.hinting"])
        found = _bitmaps.get(key)
        if found is not None:
            _bitmaps.move_to_end(key)
            return found
        found = _rasterise(template, text, renderer.dpi)
        _remember(key, found)
        return found


def clear_cache() -> None:
    """Forget every rasterised label (benchmarks time a cold start with it)."""
    global _cached_bytes
    _bitmaps.clear()
    _cached_bytes = 0


def _remember(key: tuple, bitmap: tuple[np.ndarray, int, int]) -> None:
    """Keep a bitmap, dropping the least recently used ones beyond the cache's byte budget."""
    global _cached_bytes
    _bitmaps[key] = bitmap
    _cached_bytes += bitmap[0].nbytes
    while _cached_bytes > _CACHE_BYTES and len(_bitmaps) > 1:
        _, (image, _, _) = _bitmaps.popitem(last=False)
        _cached_bytes -= image.nbytes


def _rasterise(template: Text, text: str, dpi: float) -> tuple[np.ndarray, int, int]:
    """Draw `text` with the template onto a small transparent canvas, cropped to what was painted.

    Returns the RGBA image and the offset of its bottom-left pixel from the label's anchor point.
    """
    probe = RendererAgg(1, 1, dpi)
    template.set_text(text)
    template.set_position((0, 0))
    extent = template.get_window_extent(probe)
    margin = math.ceil(template.get_fontsize() * dpi / 72)  # room for a bbox's padding and overhangs
    anchor_x, anchor_y = margin - math.floor(extent.x0), margin - math.floor(extent.y0)
    width = math.ceil(extent.x1) + anchor_x + margin
    height = math.ceil(extent.y1) + anchor_y + margin
    canvas = RendererAgg(width, height, dpi)
    template.set_position((anchor_x, anchor_y))
    template.draw(canvas)
    rgba = np.asarray(canvas.buffer_rgba())
    rows, cols = np.nonzero(rgba[..., 3])
    if rows.size == 0:
        return np.zeros((0, 0, 4), np.uint8), 0, 0
    top, bottom, left, right = rows.min(), rows.max() + 1, cols.min(), cols.max() + 1
    image = np.ascontiguousarray(rgba[top:bottom, left:right][::-1])  # draw_image wants the bottom row first
    return image, int(left - anchor_x), int(height - bottom - anchor_y)
