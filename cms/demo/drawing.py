"""Product pictures drawn with Pillow: a pattern and a palette per kind of craft, no downloads.

Deterministic: every drawing takes its own `random.Random`, so the same seed draws the same picture.
"""

import io

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 600, 450

# Palettes chosen to echo the craft: ajrak indigo and madder, Multani cobalt and turquoise, leather browns...
PALETTES = {
    "indigo": [(27, 45, 94), (153, 27, 30), (240, 230, 210), (20, 20, 20)],
    "cobalt": [(255, 255, 250), (22, 64, 160), (52, 170, 180), (14, 40, 110)],
    "wool": [(226, 214, 190), (120, 85, 60), (170, 60, 50), (60, 60, 60)],
    "carpet": [(140, 30, 35), (30, 40, 80), (215, 180, 120), (245, 235, 215)],
    "leather": [(92, 58, 33), (140, 90, 50), (35, 28, 24), (200, 160, 110)],
    "steel": [(210, 214, 220), (150, 156, 166), (90, 96, 108), (240, 242, 246)],
    "gem": [(40, 120, 140), (200, 60, 110), (110, 170, 70), (245, 245, 250)],
    "lamp": [(215, 140, 50), (120, 60, 20), (245, 200, 110), (60, 30, 10)],
    "wood": [(110, 65, 35), (160, 105, 60), (60, 35, 20), (205, 165, 110)],
    "embroidery": [(20, 20, 20), (200, 30, 60), (240, 190, 30), (30, 140, 90)],
    "fibre": [(210, 200, 160), (150, 140, 100), (95, 120, 70), (240, 235, 215)],
    "sport": [(250, 250, 250), (20, 20, 20), (30, 110, 200), (220, 40, 40)],
}

# Category slug (or its parent's) → (pattern, palette)
STYLES = {
    "bed-linen": ("blocks", "indigo"),
    "table-linen": ("blocks", "indigo"),
    "cushion-covers": ("stitches", "embroidery"),
    "home-textiles": ("stripes", "wool"),
    "shawls-scarves": ("stripes", "wool"),
    "hand-knotted-carpets": ("diamonds", "carpet"),
    "kilims": ("diamonds", "carpet"),
    "blue-pottery": ("rosettes", "cobalt"),
    "lighting": ("rosettes", "lamp"),
    "carved-furniture": ("grain", "wood"),
    "lacquerware": ("stripes", "embroidery"),
    "leather-garments": ("grain", "leather"),
    "leather-gloves": ("grain", "leather"),
    "bags": ("grain", "leather"),
    "footwear": ("stitches", "leather"),
    "surgical-instruments": ("stripes", "steel"),
    "sports-goods": ("hexagons", "sport"),
    "gemstones": ("facets", "gem"),
    "jewellery": ("facets", "steel"),
    "embroidered-apparel": ("stitches", "embroidery"),
    "crochet-knitwear": ("stitches", "wool"),
    "natural-fibres": ("weave", "fibre"),
}


def _stripes(draw, rng, colours):
    y, step = 0, rng.randint(18, 40)
    while y < HEIGHT:
        draw.rectangle([0, y, WIDTH, y + step], fill=rng.choice(colours))
        y += step


def _blocks(draw, rng, colours):
    size = rng.choice([50, 60, 75])
    for row, y in enumerate(range(0, HEIGHT, size)):
        for col, x in enumerate(range(0, WIDTH, size)):
            draw.rectangle([x, y, x + size, y + size], fill=colours[(row + col) % 2])
            draw.ellipse(
                [x + size // 4, y + size // 4, x + 3 * size // 4, y + 3 * size // 4], fill=colours[2]
            )
            draw.point([(x + size // 2, y + size // 2)], fill=colours[3])


def _diamonds(draw, rng, colours):
    size = rng.choice([60, 80, 100])
    for y in range(-size, HEIGHT + size, size):
        for x in range(-size, WIDTH + size, size):
            draw.polygon(
                [(x, y - size // 2), (x + size // 2, y), (x, y + size // 2), (x - size // 2, y)],
                fill=rng.choice(colours[1:]),
                outline=colours[3],
            )


def _rosettes(draw, rng, colours):
    for _ in range(rng.randint(6, 10)):
        cx, cy, r = rng.randint(40, WIDTH - 40), rng.randint(40, HEIGHT - 40), rng.randint(30, 90)
        for ring, colour in enumerate(colours[1:]):
            rr = r - ring * r // 4
            draw.ellipse([cx - rr, cy - rr, cx + rr, cy + rr], outline=colour, width=6)


def _grain(draw, rng, colours):
    for y in range(0, HEIGHT, 6):
        draw.line(
            [(0, y), (WIDTH, y + rng.randint(-8, 8))], fill=rng.choice(colours[:2] + [colours[3]]), width=4
        )


def _stitches(draw, rng, colours):
    step = rng.choice([24, 30, 36])
    for y in range(step, HEIGHT, step):
        for x in range(step, WIDTH, step):
            colour = colours[1 + (x // step + y // step) % (len(colours) - 1)]
            draw.line([(x - 8, y - 8), (x + 8, y + 8)], fill=colour, width=3)
            draw.line([(x - 8, y + 8), (x + 8, y - 8)], fill=colour, width=3)


def _hexagons(draw, rng, colours):
    size = 50
    for row, y in enumerate(range(0, HEIGHT + size, int(size * 1.5))):
        for x in range((row % 2) * size, WIDTH + size, size * 2):
            points = [
                (x + size * dx, y + size * dy)
                for dx, dy in ((0, -1), (0.87, -0.5), (0.87, 0.5), (0, 1), (-0.87, 0.5), (-0.87, -0.5))
            ]
            draw.polygon(points, fill=colours[(x // size + row) % 2], outline=colours[2])


def _facets(draw, rng, colours):
    cx, cy = WIDTH // 2, HEIGHT // 2
    for _ in range(24):
        draw.polygon(
            [
                (cx, cy),
                (rng.randint(0, WIDTH), rng.randint(0, HEIGHT)),
                (rng.randint(0, WIDTH), rng.randint(0, HEIGHT)),
            ],
            fill=rng.choice(colours[:3]),
        )


def _weave(draw, rng, colours):
    for x in range(0, WIDTH, 12):
        draw.line([(x, 0), (x, HEIGHT)], fill=colours[x // 12 % 2], width=8)
    for y in range(0, HEIGHT, 24):
        draw.line([(0, y), (WIDTH, y)], fill=colours[2], width=6)


PATTERNS = {
    "stripes": _stripes,
    "blocks": _blocks,
    "diamonds": _diamonds,
    "rosettes": _rosettes,
    "grain": _grain,
    "stitches": _stitches,
    "hexagons": _hexagons,
    "facets": _facets,
    "weave": _weave,
}


def draw_product_picture(category_slug: str, rng) -> bytes:
    """A JPEG (600 x 450) in the style of `category_slug`; the same rng state draws the same bytes."""
    pattern, palette = STYLES.get(category_slug, ("stripes", "wool"))
    colours = list(PALETTES[palette])
    rng.shuffle(colours)
    image = Image.new("RGB", (WIDTH, HEIGHT), colours[0])
    PATTERNS[pattern](ImageDraw.Draw(image), rng, colours)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=78, optimize=True)
    return out.getvalue()
