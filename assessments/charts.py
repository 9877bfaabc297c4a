"""Geometry for the small server-rendered SVG charts. Templates draw; this computes."""

from dataclasses import dataclass, field
from datetime import date

WIDTH, HEIGHT = 640, 220
# Room for the axis labels, which the stylesheet enlarges on narrow screens so that they
# stay at least 11 px tall when the chart is scaled down to a phone's width.
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 52, 16, 12, 40
X_LABEL_BASELINE = HEIGHT - 8  # where the dates under the x axis sit


@dataclass
class Point:
    x: float
    y: float
    value: float
    label: str
    note: str = ""  # e.g. the new target level, where it changed at this point

    @property
    def note_anchor(self) -> str:
        """Where the note's text hangs from its point, so it stays inside the chart."""
        if self.x > WIDTH * 0.7:
            return "end"
        return "start" if self.x < WIDTH * 0.3 else "middle"


@dataclass
class LineChart:
    width: int
    height: int
    points: list[Point]
    gridlines: list[tuple[float, int]]  # (y, value)
    pace: tuple[Point, Point] | None = None
    x_labels: list[tuple[float, str, str]] = field(default_factory=list)  # (x, anchor, text)

    plot_left = PAD_LEFT
    y_label_x = PAD_LEFT - 6
    x_label_y = X_LABEL_BASELINE

    @property
    def plot_right(self) -> int:
        return self.width - PAD_RIGHT

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


def _y(value: float) -> float:
    inner = HEIGHT - PAD_TOP - PAD_BOTTOM
    return PAD_TOP + inner * (1 - max(0.0, min(100.0, value)) / 100)


def _gridlines():
    return [(_y(v), v) for v in (0, 25, 50, 75, 100)]


def trend_chart(values: list[tuple[str, float]], notes: list[str] | None = None) -> LineChart:
    """Scores (label, 0–100) oldest first, evenly spaced left to right. `notes` marks
    points (e.g. where the target level changed); empty strings mark none."""
    notes = notes or [""] * len(values)
    inner = WIDTH - PAD_LEFT - PAD_RIGHT
    step = inner / (len(values) - 1) if len(values) > 1 else 0
    points = [
        Point(
            x=PAD_LEFT + (i * step if len(values) > 1 else inner / 2),
            y=_y(value),
            value=value,
            label=label,
            note=notes[i],
        )
        for i, (label, value) in enumerate(values)
    ]
    return LineChart(
        width=WIDTH,
        height=HEIGHT,
        points=points,
        gridlines=_gridlines(),
        x_labels=_date_labels(points),
    )


def _date_labels(points: list[Point]) -> list[tuple[float, str, str]]:
    """The dates under the x axis: the first and the last attempt, and the middle one when
    there are three or more (more would not fit on a phone)."""
    if not points:
        return []
    if len(points) == 1:
        return [(points[0].x, "middle", points[0].label)]
    labels = [(points[0].x, "start", points[0].label)]
    if len(points) >= 3:
        middle = points[len(points) // 2]
        labels.append((middle.x, "middle", middle.label))
    return labels + [(points[-1].x, "end", points[-1].label)]


def pace_chart(*, start: date, target: date, today: date, progress: float) -> LineChart:
    """The straight line from 0 % at the start to 100 % on the target date, and today's dot."""
    inner = WIDTH - PAD_LEFT - PAD_RIGHT
    span = max((target - start).days, 1)

    def x(day: date) -> float:
        return PAD_LEFT + inner * max(0.0, min(1.0, (day - start).days / span))

    begin = Point(x=x(start), y=_y(0), value=0, label=start.isoformat())
    end = Point(x=x(target), y=_y(100), value=100, label=target.isoformat())
    now = Point(x=x(today), y=_y(progress), value=progress, label=today.isoformat())
    labels = [(begin.x, "start", _day(start)), (end.x, "end", _day(target))]
    return LineChart(
        width=WIDTH,
        height=HEIGHT,
        points=[now],
        gridlines=_gridlines(),
        pace=(begin, end),
        x_labels=labels,
    )


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def expected_progress(*, start: date, target: date, today: date) -> float:
    """Where a steady pace would be today, 0–100."""
    span = (target - start).days
    if span <= 0:
        return 100.0
    return round(100 * max(0.0, min(1.0, (today - start).days / span)), 1)
