"""Geometry for the official-pay charts, drawn as server-rendered SVG by the templates.

Two charts: the percentile band (10th to 90th percentile, 25th to 75th darker, the median
marked) and the tile map of the states, each state a square shaded by its median. Both
have a text equivalent on the page (a table of the same figures); the geometry here is
plain numbers so the templates type none.
"""

import math
from dataclasses import dataclass

from occupations.selectors import TOP_CODED_ANNUAL_WAGE, AreaPay

# --- Percentile band ------------------------------------------------------------------------

BAND_WIDTH = 480
BAND_HEIGHT = 112
BAND_MARGIN = 24
AXIS_STEP = 50_000  # a tick every $50,000
# How far past the ceiling an open-ended (top-coded) band is drawn, as a share of the ceiling.
OPEN_END_OVERSHOOT = 0.06


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class PercentileBand:
    x10: float
    x25: float
    x50: float
    x75: float
    x90: float
    open_end: bool  # the 90th percentile (or more) is top-coded: the band has no drawn end
    median_label_x: float
    ticks: list[Tick]
    width: int = BAND_WIDTH
    height: int = BAND_HEIGHT
    axis_start: int = BAND_MARGIN
    axis_end: int = BAND_WIDTH - BAND_MARGIN

    @property
    def outer_width(self) -> float:
        return round(self.x90 - self.x10, 1)

    @property
    def inner_width(self) -> float:
        return round(self.x75 - self.x25, 1)

    @classmethod
    def build(cls, pay: AreaPay | None, *, scale_max: int | None = None) -> "PercentileBand | None":
        """The band for one area's percentiles; None when any of them was not released
        (the table beside it still says which)."""
        if pay is None:
            return None
        figures = [pay.p10, pay.p25, pay.median, pay.p75, pay.p90]
        if any(f.status == "not_released" for f in figures):
            return None
        open_end = pay.p90.top_coded
        top = TOP_CODED_ANNUAL_WAGE * (1 + OPEN_END_OVERSHOOT) if open_end else pay.p90.rank
        scale_max = scale_max or math.ceil(top / AXIS_STEP) * AXIS_STEP
        span = BAND_WIDTH - 2 * BAND_MARGIN

        def x(value):
            return round(BAND_MARGIN + span * min(value, scale_max) / scale_max, 1)

        xs = [x(f.rank) for f in figures]
        if open_end:
            xs[4] = x(top)
        ticks = [
            Tick(x(step), f"${step // 1000}k" if step else "$0")
            for step in range(0, scale_max + 1, AXIS_STEP)
        ]
        # Keep the median's label inside the drawing.
        label_x = min(max(xs[2], BAND_MARGIN + 64), BAND_WIDTH - BAND_MARGIN - 64)
        return cls(*xs, open_end=open_end, median_label_x=label_x, ticks=ticks)


# --- Tile map of the states -----------------------------------------------------------------

TILE = 44
TILE_GAP = 4
MAP_COLUMNS = 11
MAP_ROWS = 8
SHADES = 5  # how many shades of the median the map uses (fifths of the states)

# State FIPS code -> (postal abbreviation, row, column) on an 11 × 8 grid that keeps each
# state near its neighbours. The 50 states and DC; territories appear in the table only.
STATE_TILES = {
    "02": ("AK", 0, 0), "23": ("ME", 0, 10),
    "55": ("WI", 1, 5), "50": ("VT", 1, 9), "33": ("NH", 1, 10),
    "53": ("WA", 2, 0), "16": ("ID", 2, 1), "30": ("MT", 2, 2), "38": ("ND", 2, 3),
    "27": ("MN", 2, 4), "17": ("IL", 2, 5), "26": ("MI", 2, 6), "36": ("NY", 2, 8),
    "25": ("MA", 2, 9),
    "41": ("OR", 3, 0), "32": ("NV", 3, 1), "56": ("WY", 3, 2), "46": ("SD", 3, 3),
    "19": ("IA", 3, 4), "18": ("IN", 3, 5), "39": ("OH", 3, 6), "42": ("PA", 3, 7),
    "34": ("NJ", 3, 8), "09": ("CT", 3, 9), "44": ("RI", 3, 10),
    "06": ("CA", 4, 0), "49": ("UT", 4, 1), "08": ("CO", 4, 2), "31": ("NE", 4, 3),
    "29": ("MO", 4, 4), "21": ("KY", 4, 5), "54": ("WV", 4, 6), "51": ("VA", 4, 7),
    "24": ("MD", 4, 8), "10": ("DE", 4, 9),
    "04": ("AZ", 5, 1), "35": ("NM", 5, 2), "20": ("KS", 5, 3), "05": ("AR", 5, 4),
    "47": ("TN", 5, 5), "37": ("NC", 5, 6), "45": ("SC", 5, 7), "11": ("DC", 5, 8),
    "40": ("OK", 6, 3), "22": ("LA", 6, 4), "28": ("MS", 6, 5), "01": ("AL", 6, 6),
    "13": ("GA", 6, 7),
    "15": ("HI", 7, 0), "48": ("TX", 7, 3), "12": ("FL", 7, 8),
}  # fmt: skip


@dataclass(frozen=True)
class Tile:
    abbr: str
    name: str
    x: int
    y: int
    shade: int | None  # 0 (lowest fifth) … SHADES-1 (highest); None: no median released
    median: str

    @property
    def cx(self) -> float:
        return self.x + TILE / 2

    @property
    def cy(self) -> float:
        return self.y + TILE / 2


@dataclass(frozen=True)
class LegendEntry:
    shade: int | None
    label: str


@dataclass(frozen=True)
class StateMap:
    tiles: list[Tile]
    legend: list[LegendEntry]
    width: int = MAP_COLUMNS * (TILE + TILE_GAP) - TILE_GAP
    height: int = MAP_ROWS * (TILE + TILE_GAP) - TILE_GAP
    tile: int = TILE

    @classmethod
    def build(cls, states: list[AreaPay]) -> "StateMap | None":
        """Shade each state by which fifth of the states its median falls in; None when
        no state on the map has a median."""
        on_map = [s for s in states if s.state_fips in STATE_TILES]
        ranked = sorted((s for s in on_map if s.median.rank >= 0), key=lambda s: s.median.rank)
        if not ranked:
            return None
        shades = min(SHADES, len(ranked))
        shade_of = {s.code: i * shades // len(ranked) for i, s in enumerate(ranked)}
        legend = []
        for shade in range(shades):
            members = [s for s in ranked if shade_of[s.code] == shade]
            low, high = members[0].median, members[-1].median
            label = low.display if low == high else f"{low.display} to {high.display}"
            legend.append(LegendEntry(shade, label))
        tiles = []
        for state in on_map:
            abbr, row, column = STATE_TILES[state.state_fips]
            tiles.append(
                Tile(
                    abbr=abbr,
                    name=state.name,
                    x=column * (TILE + TILE_GAP),
                    y=row * (TILE + TILE_GAP),
                    shade=shade_of.get(state.code),
                    median=state.median.display,
                )
            )
        if any(t.shade is None for t in tiles):
            legend.append(LegendEntry(None, "median not released"))
        return cls(tiles=sorted(tiles, key=lambda t: (t.y, t.x)), legend=legend)
