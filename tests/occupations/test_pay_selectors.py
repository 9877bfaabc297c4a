"""The reads every official-pay figure on the site goes through (occupations.selectors)."""

import datetime

import pytest

from occupations import selectors
from occupations.models import Area
from tests.factory import (
    make_area,
    make_estimate,
    make_occupation,
    make_release,
    make_software_developer_pay,
)

pytestmark = pytest.mark.django_db


def test_summary_holds_the_nation_states_by_median_and_metros(django_assert_num_queries):
    occupation = make_software_developer_pay()

    # 1 every estimate of the occupation in the newest release, with area, release and
    # occupation (the release is a subquery, not a read of its own).
    with django_assert_num_queries(1):
        pay = selectors.occupation_pay(occupation)

    assert pay.release.name == "May 2025"
    assert pay.national.median.display == "$135,980"
    assert pay.national.employment.display == "1,687,890"
    assert [s.name for s in pay.states] == ["California", "Washington", "Maryland", "Alaska"]
    assert [m.name for m in pay.metros_best_paid] == [
        "San Jose-Sunnyvale-Santa Clara, CA",
        "Seattle-Tacoma-Bellevue, WA",
        "New York-Newark-Jersey City, NY-NJ",
    ]
    assert [m.name for m in pay.metros_largest][0] == "New York-Newark-Jersey City, NY-NJ"
    states, metros = pay.area_choices
    assert states == (
        "States",
        [("0200000", "Alaska"), ("0600000", "California"), ("2400000", "Maryland"),
         ("5300000", "Washington")],
    )  # fmt: skip
    assert len(metros[1]) == 3


def test_metro_lists_are_capped(django_assert_num_queries):
    release, occupation = make_release(), make_occupation()
    for i in range(5):
        area = make_area(code=f"00{10000 + i}", kind=Area.Kind.METRO, name=f"Metro {i}")
        make_estimate(
            release=release,
            occupation=occupation,
            area=area,
            median=100000 + i,
            employment=5000 - i,
        )
    with django_assert_num_queries(1):
        pay = selectors.occupation_pay(occupation, metro_count=2)
    assert [m.name for m in pay.metros_best_paid] == ["Metro 4", "Metro 3"]
    assert [m.name for m in pay.metros_largest] == ["Metro 0", "Metro 1"]


def test_a_top_coded_wage_reads_at_or_above_the_ceiling_and_ranks_first():
    release, occupation = make_release(), make_occupation(code="29-1215", title="Surgeons")
    capped = make_area(code="0600000", name="California")
    plain = make_area(code="5300000", name="Washington")
    withheld = make_area(code="0200000", name="Alaska")
    make_estimate(
        release=release,
        occupation=occupation,
        area=capped,
        p10=150000,
        p25=210000,
        median=None,
        mean=None,
        p75=None,
        p90=None,
        footnotes={
            "mean_annual": "5",
            "median_annual": "5",
            "p75_annual": "5",
            "p90_annual": "5",
        },  # fmt: skip
    )
    make_estimate(release=release, occupation=occupation, area=plain, median=230000)
    make_estimate(
        release=release,
        occupation=occupation,
        area=withheld,
        median=None,
        footnotes={"median_annual": "8"},
    )

    states = selectors.occupation_pay(occupation).states

    assert [s.name for s in states] == ["California", "Washington", "Alaska"]
    california, _, alaska = states
    assert california.median.display == "≥ $239,200"
    assert california.median.value is None and california.median.at_least == 239200
    assert california.p10.display == "$150,000"
    assert alaska.median.display == "not released"
    assert set(california.notes) == {"mean", "median", "p75", "p90"}


def test_only_the_newest_release_counts():
    old = make_release(code="2024A01", name="May 2024", reference_date=datetime.date(2024, 5, 1))
    new = make_release()
    occupation = make_occupation()
    nation = make_area(code="0000000", kind=Area.Kind.NATIONAL, state_fips="00", name="National")
    make_estimate(release=old, occupation=occupation, area=nation, median=130000)
    make_estimate(release=new, occupation=occupation, area=nation, median=135980)

    assert selectors.occupation_pay(occupation).national.median.value == 135980
    assert selectors.occupation_pay(occupation, release=old).national.median.value == 130000
    assert selectors.national_estimate(occupation).median_annual == 135980
    pays, release = selectors.national_pay([occupation.pk])
    assert release == new and pays[occupation.pk].median.value == 135980


def test_no_release_or_no_figures_is_none():
    occupation = make_occupation()
    assert selectors.occupation_pay(occupation) is None
    make_release()
    assert selectors.occupation_pay(occupation) is None
    assert selectors.national_pay([occupation.pk]) == ({}, None)


@pytest.mark.parametrize("code", ["0042660", "9999999", "abc", "", "٠٠٤٢٦٦٠", "0" * 200])
def test_one_area_by_code_is_one_query_or_none(code, django_assert_max_num_queries):
    occupation = make_software_developer_pay()
    with django_assert_max_num_queries(1):
        pay = selectors.area_pay(occupation.pk, code)
    if code == "0042660":
        assert pay.name == "Seattle-Tacoma-Bellevue, WA" and pay.median.display == "$167,280"
    else:
        assert pay is None
