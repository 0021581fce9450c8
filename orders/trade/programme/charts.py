"""Bar charts drawn on the server as inline SVG: no script, nothing the admin's CSP could refuse.

A chart shows one figure's breakdown (women-led or not, then by size) as horizontal bars; its <title> and
<desc> say what it shows and the figures table beside it is the text alternative (and the links).
"""

from dataclasses import dataclass
from decimal import Decimal

WIDTH = 360  # fits a phone beside the admin's menu; the SVG scales down with its viewBox
LABEL_WIDTH = 110
VALUE_WIDTH = 70
BAR_HEIGHT = 18
GAP = 6


@dataclass(frozen=True)
class Bar:
    label: str
    value: object
    y: int
    width: int
    text_y: int


@dataclass(frozen=True)
class Chart:
    bars: list
    height: int
    label_width: int = LABEL_WIDTH
    value_x: int = WIDTH - VALUE_WIDTH + 4
    width: int = WIDTH


def bar_chart(pairs) -> Chart:
    """`pairs` of (label, value) as bars scaled to the largest; None (a share of nothing) draws no bar."""
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    largest = max((Decimal(value) for _label, value in pairs if value), default=Decimal(0))
    bars = []
    for index, (label, value) in enumerate(pairs):
        y = GAP + index * (BAR_HEIGHT + GAP)
        width = int(span * Decimal(value) / largest) if value and largest else 0
        bars.append(Bar(str(label), value, y, max(width, 1 if value else 0), y + BAR_HEIGHT - 4))
    return Chart(bars, GAP + len(pairs) * (BAR_HEIGHT + GAP))
