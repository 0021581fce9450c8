"""Small bar charts drawn on the server as SVG: no JavaScript, light on a phone, readable by screen readers.

`bar_chart` computes the geometry; catalog/sell/bar_chart.html draws it with role="img", a <title> and the
same figures in a table, so the numbers are there for people who cannot see the bars (and for everyone who
wants the exact figure). Any app above the catalog may include that template with a chart from here.
"""

from dataclasses import dataclass
from decimal import Decimal

WIDTH = 320  # the viewBox; the SVG itself scales to its container
HEIGHT = 120
LABEL_SPACE = 16  # below the bars, for their labels
GAP = 0.25  # of each bar's slot


@dataclass(frozen=True)
class Bar:
    label: str  # under the bar and in the table ("Jan", "3 Dec")
    value: Decimal | int
    shown: str  # the value as people read it ("1,234.00 USD", "12")
    x: float
    y: float
    width: float
    height: float
    label_x: float
    labelled: bool  # labels skip some bars when there are many, so they never overlap


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: list[Bar]
    width: int = WIDTH
    height: int = HEIGHT + LABEL_SPACE
    baseline: int = HEIGHT

    @property
    def is_empty(self) -> bool:
        return not any(bar.value for bar in self.bars)


def bar_chart(title: str, points, show=str) -> BarChart:
    """`points` [(label, value)] in order, values >= 0; `show(value)` writes a value for people. Bars are
    scaled to the largest value; a chart of zeros draws only its baseline."""
    points = list(points)
    top = max((value for _label, value in points), default=0) or 1
    slot = WIDTH / max(len(points), 1)
    every = 1 if len(points) <= 12 else -(-len(points) // 8)  # at most ~8 labels under many bars
    bars = []
    for index, (label, value) in enumerate(points):
        height = round(float(value) / float(top) * (HEIGHT - 4), 1)
        bars.append(
            Bar(
                label=label,
                value=value,
                shown=show(value),
                x=round(index * slot + slot * GAP / 2, 1),
                y=round(HEIGHT - height, 1),
                width=round(slot * (1 - GAP), 1),
                height=height,
                label_x=round(index * slot + slot / 2, 1),
                labelled=(len(points) - 1 - index) % every == 0,
            )
        )
    return BarChart(title=title, bars=bars)
