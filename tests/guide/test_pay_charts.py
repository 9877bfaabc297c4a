"""The geometry behind the official-pay charts: every state on the map once, shades that
follow the medians, and a band that never draws a made-up end for a top-coded wage."""

from guide.pay_charts import MAP_COLUMNS, MAP_ROWS, SHADES, STATE_TILES, PercentileBand, StateMap
from occupations.selectors import AreaPay, Figure


def area(*, name="Somewhere", fips="53", kind="S", median=100000, p90=150000, p90_note=""):
    money = {"p10": 60000, "p25": 80000, "p75": 120000}
    return AreaPay(
        code=f"{fips}00000",
        name=name,
        kind=kind,
        state_fips=fips,
        employment=Figure(1000, money=False),
        mean=Figure(median),
        median=Figure(median, "" if median is not None else "8"),
        p90=Figure(p90, p90_note),
        **{key: Figure(value) for key, value in money.items()},
    )


def test_the_map_has_the_fifty_states_and_dc_each_on_its_own_tile():
    positions = [(row, column) for _, row, column in STATE_TILES.values()]
    assert len(STATE_TILES) == 51
    assert len(set(positions)) == 51
    assert all(0 <= row < MAP_ROWS and 0 <= column < MAP_COLUMNS for row, column in positions)
    assert len({abbr for abbr, _, _ in STATE_TILES.values()}) == 51


def test_tiles_are_shaded_by_median_and_the_legend_says_how():
    fips = sorted(STATE_TILES)[:10]
    states = [area(name=f"State {i}", fips=f, median=100000 + i * 1000) for i, f in enumerate(fips)]
    states.append(area(name="Withheld", fips=sorted(STATE_TILES)[10], median=None))
    states.append(area(name="Puerto Rico", fips="72", median=80000))  # table only

    chart = StateMap.build(states)

    shades = {tile.name: tile.shade for tile in chart.tiles}
    assert "Puerto Rico" not in shades
    assert shades["State 0"] == 0 and shades["State 9"] == SHADES - 1
    assert shades["Withheld"] is None
    assert [entry.label for entry in chart.legend][0] == "$100,000 to $101,000"
    assert chart.legend[-1].label == "median not released"


def test_the_band_spans_the_percentiles_with_the_median_inside():
    band = PercentileBand.build(area())
    assert band.x10 < band.x25 < band.x50 < band.x75 < band.x90
    assert not band.open_end
    assert [tick.label for tick in band.ticks] == ["$0", "$50k", "$100k", "$150k"]


def test_a_top_coded_band_is_open_ended_and_a_withheld_one_is_not_drawn():
    band = PercentileBand.build(area(p90=None, p90_note="5"))
    assert band.open_end and band.x90 > band.x75
    assert PercentileBand.build(area(median=None)) is None
    assert StateMap.build([area(median=None)]) is None
