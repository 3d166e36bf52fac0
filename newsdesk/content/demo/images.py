"""Pictures drawn locally with Pillow for the demo (no downloads, no copied photos)."""

import io
import random

from PIL import Image, ImageDraw

PALETTES = [
    ((24, 46, 84), (214, 120, 60)),
    ((18, 70, 60), (230, 200, 110)),
    ((90, 20, 30), (240, 170, 120)),
    ((40, 40, 48), (120, 170, 210)),
    ((60, 30, 90), (250, 210, 160)),
]


def draw_picture(rng: random.Random, width: int = 1200, height: int = 800) -> bytes:
    """A landscape-like scene: a sky gradient, a sun and a skyline of buildings."""
    top, bottom = rng.choice(PALETTES)
    picture = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        t = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(top[i] + (bottom[i] - top[i]) * t) for i in range(3)),
        )
    sun_x, sun_y, radius = rng.randrange(width), rng.randrange(height // 2), rng.randrange(40, 110)
    draw.ellipse(
        [sun_x - radius, sun_y - radius, sun_x + radius, sun_y + radius], fill=(255, 236, 190)
    )
    x = 0
    while x < width:
        building_width = rng.randrange(40, 140)
        building_height = rng.randrange(height // 6, height // 2)
        shade = rng.randrange(10, 50)
        draw.rectangle([x, height - building_height, x + building_width, height], fill=(shade,) * 3)
        for wy in range(height - building_height + 12, height - 12, 28):
            for wx in range(x + 8, x + building_width - 12, 22):
                if rng.random() < 0.35:
                    draw.rectangle([wx, wy, wx + 8, wy + 12], fill=(250, 220, 140))
        x += building_width + rng.randrange(0, 12)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=82, optimize=True)
    return buffer.getvalue()
