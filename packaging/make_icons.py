"""Draw the app icon (a roadmap of staggered bars) as PNG sizes, .ico and .icns with Pillow."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"
BARS = [  # (row, start, end, colour) on a 16-unit grid
    (0, 2, 8, (46, 125, 50)),
    (1, 5, 12, (21, 101, 192)),
    (2, 8, 11.6, (198, 40, 40)),
]


def draw(size: int) -> Image.Image:
    scale = size / 16
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle([0, 0, size - 1, size - 1], radius=int(3 * scale), fill=(250, 250, 247, 255),
                        outline=(60, 72, 88, 255), width=max(1, int(0.6 * scale)))
    for row, start, end, colour in BARS:
        top = (3.2 + row * 3.6) * scale
        d.rounded_rectangle([start * scale, top, end * scale, top + 2.4 * scale],
                            radius=int(0.8 * scale), fill=colour + (255,))
    # the milestone diamond at the end of the last bar
    cx, cy, r = 13.4 * scale, 11.6 * scale, 1.5 * scale
    d.polygon([(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)], fill=(60, 72, 88, 255))
    return img


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    big = draw(512)
    for size in (16, 32, 48, 64, 128, 256, 512):
        (big if size == 512 else draw(size)).save(OUT / f"app-{size}.png")
    big.save(OUT / "app.ico", sizes=[(16, 16), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    big.save(OUT / "app.icns")


if __name__ == "__main__":
    main()
