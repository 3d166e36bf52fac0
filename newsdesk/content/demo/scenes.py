"""Pictures for the demo, drawn locally with Pillow (no downloads, no copied photos): seven
kinds of scene (a city, a harbour, a stadium, fields, a parliament, a trading screen, a
stage), each in its own composition, under skies of four times of day. A story's picture
is of a scene its section would show; the alt text says what is drawn."""

import io
import random

from PIL import Image, ImageDraw

SKIES = {  # top and bottom of the sky, and the light (sun, lamps, windows)
    "dawn": ((64, 86, 140), (246, 186, 140), (255, 236, 200)),
    "noon": ((70, 140, 210), (190, 220, 240), (255, 250, 225)),
    "dusk": ((52, 28, 84), (230, 130, 80), (255, 214, 150)),
    "night": ((10, 14, 36), (40, 52, 90), (250, 220, 140)),
}


def _sky(draw, width, height, horizon, sky):
    top, bottom, _ = SKIES[sky]
    for y in range(horizon):
        t = y / max(1, horizon)
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )


def _sun(rng, draw, width, horizon, sky):
    light = SKIES[sky][2]
    x, y, r = (
        rng.randrange(width),
        rng.randrange(horizon // 5, horizon * 3 // 4),
        rng.randrange(30, 80),
    )
    draw.ellipse([x - r, y - r, x + r, y + r], fill=light)


def _skyline(rng, draw, width, height, sky):
    _sky(draw, width, height, height, sky)
    _sun(rng, draw, width, height // 2, sky)
    x = 0
    while x < width:
        w, h = rng.randrange(40, 140), rng.randrange(height // 6, height // 2)
        shade = rng.randrange(10, 50)
        draw.rectangle([x, height - h, x + w, height], fill=(shade,) * 3)
        for wy in range(height - h + 12, height - 12, 28):
            for wx in range(x + 8, x + w - 12, 22):
                if rng.random() < 0.35:
                    draw.rectangle([wx, wy, wx + 8, wy + 12], fill=SKIES[sky][2])
        x += w + rng.randrange(0, 12)


def _harbour(rng, draw, width, height, sky):
    sea = height * 3 // 5
    _sky(draw, width, height, sea, sky)
    _sun(rng, draw, width, sea, sky)
    water = tuple(max(0, c - 60) for c in SKIES[sky][1])
    draw.rectangle([0, sea, width, height], fill=water)
    for y in range(sea + 10, height, 18):  # ripples
        for x in range(rng.randrange(0, 60), width, rng.randrange(60, 120)):
            draw.line([(x, y), (x + 30, y)], fill=tuple(min(255, c + 40) for c in water), width=2)
    for _ in range(rng.randrange(4, 9)):  # cranes on the quay
        x = rng.randrange(width)
        draw.line([(x, sea), (x, sea - 160)], fill=(30, 30, 30), width=8)
        draw.line([(x - 20, sea - 150), (x + 120, sea - 150)], fill=(30, 30, 30), width=6)
    for _ in range(rng.randrange(2, 5)):  # ships
        x, y, w = (
            rng.randrange(width - 200),
            rng.randrange(sea + 30, height - 60),
            rng.randrange(160, 300),
        )
        hull = rng.choice([(150, 30, 30), (30, 60, 120), (40, 40, 40)])
        draw.polygon([(x, y), (x + w, y), (x + w - 30, y + 40), (x + 20, y + 40)], fill=hull)
        for n in range(rng.randrange(2, 6)):
            colour = rng.choice([(200, 120, 40), (60, 120, 160), (180, 180, 180), (90, 140, 70)])
            draw.rectangle([x + 30 + n * 36, y - 30, x + 62 + n * 36, y], fill=colour)


def _stadium(rng, draw, width, height, sky):
    stands = height // 3
    _sky(draw, width, height, stands, sky)
    for row in range(stands, height // 2, 10):  # crowded stands
        for x in range(0, width, 8):
            colour = rng.choice(
                [(200, 40, 40), (240, 240, 240), (40, 60, 160), (30, 30, 30), (230, 200, 60)]
            )
            draw.rectangle([x, row, x + 6, row + 7], fill=colour)
    grass = (40 + rng.randrange(30), 120 + rng.randrange(40), 50)
    draw.rectangle([0, height // 2, width, height], fill=grass)
    for x in range(0, width, 120):
        draw.rectangle([x, height // 2, x + 60, height], fill=tuple(c + 12 for c in grass))
    draw.line([(width // 2, height // 2), (width // 2, height)], fill=(245, 245, 245), width=5)
    r = height // 6
    draw.ellipse(
        [width // 2 - r, height * 3 // 4 - r, width // 2 + r, height * 3 // 4 + r],
        outline=(245, 245, 245),
        width=5,
    )
    for _ in range(rng.randrange(6, 14)):  # players
        x, y = rng.randrange(width), rng.randrange(height // 2 + 40, height - 20)
        kit = rng.choice([(220, 30, 30), (30, 60, 200)])
        draw.rectangle([x, y - 40, x + 14, y], fill=kit)
        draw.ellipse([x, y - 56, x + 14, y - 42], fill=(120, 80, 60))
    for x in (40, width - 60):  # floodlights
        draw.line([(x, stands), (x, 20)], fill=(60, 60, 60), width=6)
        draw.rectangle([x - 24, 10, x + 24, 30], fill=SKIES[sky][2])


def _fields(rng, draw, width, height, sky):
    horizon = height * 2 // 5
    _sky(draw, width, height, horizon, sky)
    _sun(rng, draw, width, horizon, sky)
    bands = rng.randrange(5, 9)
    for n in range(bands):
        top = horizon + (height - horizon) * n * n // (bands * bands)
        colour = rng.choice(
            [(214, 180, 80), (170, 150, 60), (110, 140, 60), (200, 160, 70), (140, 110, 60)]
        )
        draw.rectangle([0, top, width, height], fill=colour)
        for x in range(0, width, 16 + n * 6):  # furrows, wider nearer
            draw.line(
                [(x, top), (x - 40 + n * 10, height)],
                fill=tuple(c - 25 for c in colour),
                width=1 + n // 3,
            )
    x = rng.randrange(width // 2)
    draw.rectangle([x, horizon - 60, x + 50, horizon], fill=(160, 160, 165))  # silo
    draw.ellipse([x, horizon - 80, x + 50, horizon - 40], fill=(175, 175, 180))


def _parliament(rng, draw, width, height, sky):
    _sky(draw, width, height, height, sky)
    stone = rng.choice([(225, 215, 195), (200, 200, 205), (215, 190, 170)])
    base, top = height * 4 // 5, height * 2 // 5
    left, right = width // 8, width * 7 // 8
    draw.polygon([(left - 20, top), (width // 2, top - height // 6), (right + 20, top)], fill=stone)
    draw.rectangle([left, top, right, base], fill=tuple(c - 30 for c in stone))
    columns = rng.randrange(6, 11)
    for n in range(columns):
        x = left + 20 + n * (right - left - 60) // (columns - 1)
        draw.rectangle([x, top + 10, x + 28, base], fill=stone)
    for step in range(4):
        draw.rectangle(
            [
                left - 30 - step * 15,
                base + step * 14,
                right + 30 + step * 15,
                base + (step + 1) * 14,
            ],
            fill=tuple(c - step * 10 for c in stone),
        )
    draw.rectangle([0, base + 56, width, height], fill=(90, 90, 95))
    flag = rng.choice(
        [
            [(200, 30, 40), (250, 250, 250)],
            [(30, 90, 60), (250, 250, 250), (200, 30, 40)],
            [(20, 50, 140), (250, 210, 40)],
        ]
    )
    pole = width // 2
    draw.line(
        [(pole, top - height // 6), (pole, top - height // 6 - 110)], fill=(60, 60, 60), width=4
    )
    for n, colour in enumerate(flag):
        draw.rectangle(
            [pole, top - height // 6 - 110 + n * 18, pole + 80, top - height // 6 - 92 + n * 18],
            fill=colour,
        )


def _trading_screen(rng, draw, width, height, sky):
    draw.rectangle([0, 0, width, height], fill=(12, 18, 28))
    for y in range(60, height, 80):
        draw.line([(0, y), (width, y)], fill=(30, 40, 55), width=1)
    points, level = [], height // 2
    for x in range(0, width + 20, 20):
        level = min(height - 80, max(80, level + rng.randrange(-40, 41)))
        points.append((x, level))
    rising = points[-1][1] < points[0][1]
    line = (60, 200, 120) if rising else (230, 70, 60)
    draw.line(points, fill=line, width=5)
    for x in range(10, width, 24):  # volume bars
        h = rng.randrange(10, 90)
        draw.rectangle([x, height - h, x + 14, height], fill=(40, 70, 110))
    for n in range(6):  # ticker
        draw.rectangle(
            [20 + n * 190, 16, 170 + n * 190, 40], fill=rng.choice([(60, 200, 120), (230, 70, 60)])
        )


def _stage(rng, draw, width, height, sky):
    draw.rectangle([0, 0, width, height], fill=(18, 10, 24))
    colours = [(250, 200, 90), (220, 80, 160), (90, 160, 250), (250, 250, 230)]
    for _ in range(rng.randrange(3, 6)):  # spotlights
        x = rng.randrange(width)
        colour = rng.choice(colours)
        beam = tuple(c // 3 for c in colour)
        draw.polygon(
            [
                (x - 10, 0),
                (x + 10, 0),
                (x + rng.randrange(-200, 200) + 120, height * 2 // 3),
                (x + rng.randrange(-200, 200) - 120, height * 2 // 3),
            ],
            fill=beam,
        )
    draw.rectangle([0, height * 2 // 3, width, height * 2 // 3 + 24], fill=(90, 50, 30))
    for _ in range(rng.randrange(1, 5)):  # performers
        x = rng.randrange(80, width - 80)
        draw.rectangle([x, height * 2 // 3 - 110, x + 34, height * 2 // 3], fill=(20, 20, 20))
        draw.ellipse(
            [x + 4, height * 2 // 3 - 140, x + 30, height * 2 // 3 - 112], fill=(20, 20, 20)
        )
    for x in range(0, width, 26):  # the audience's heads
        y = height * 2 // 3 + 40 + rng.randrange(0, 30)
        draw.ellipse([x, y, x + 22, y + 22], fill=(8, 6, 10))
        draw.rectangle([x - 4, y + 18, x + 26, height], fill=(8, 6, 10))


SCENES = {
    "skyline": (_skyline, "The skyline of a city at {sky}"),
    "harbour": (_harbour, "Container ships and cranes in a harbour at {sky}"),
    "stadium": (_stadium, "Players on the pitch of a full stadium"),
    "fields": (_fields, "Fields of grain stretching to the horizon at {sky}"),
    "parliament": (_parliament, "The columns and steps of a parliament building"),
    "screen": (_trading_screen, "A trading screen showing a price chart"),
    "stage": (_stage, "Performers in spotlights on a stage"),
}


def draw_scene(
    rng: random.Random, scene: str, width: int = 1200, height: int = 800
) -> tuple[bytes, str]:
    """A JPEG of `scene` (a key of SCENES), and its alt text."""
    paint, alt = SCENES[scene]
    sky = rng.choice(list(SKIES))
    picture = Image.new("RGB", (width, height))
    paint(rng, ImageDraw.Draw(picture), width, height, sky)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=82, optimize=True)
    return buffer.getvalue(), alt.format(sky={"noon": "midday"}.get(sky, sky))
