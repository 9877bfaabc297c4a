"""The domain layer answers in domain terms: selectors give None, services raise
domain errors, and only the views turn those into a 404."""

import pytest
from django.test import Client
from django.urls import reverse

from assessments import exceptions, selectors, services
from assessments.models import PlanStep, Result
from guide.models import Career, Step
from tests.assessments.helpers import rate_all
from tests.factory import make_assessable_career

pytestmark = pytest.mark.django_db


@pytest.fixture
def career():
    career = make_assessable_career(title="Data Engineer")
    Step.objects.create(career=career, title="Learn SQL", body="Text.", order=0)
    return career


def _skills_result(*, user, career):
    result, _ = services.result_create_skills(
        user=user,
        career=career,
        level=career.levels.all()[1],
        ratings=rate_all(career, 2),
        submission_key=__import__("uuid").uuid4(),
    )
    return result


def test_a_draft_career_is_not_found_by_the_assessment_selector(career):
    Career.objects.filter(pk=career.pk).update(status=Career.Status.DRAFT)
    assert selectors.career_for_assessment(slug=career.slug) is None


def test_result_for_viewer_is_the_owners_and_none_for_anyone_else(owner, outsider, career):
    result = _skills_result(user=owner, career=career)
    assert selectors.result_for_viewer(user=owner, visitor_result_ids=(), pk=result.pk) == result
    assert selectors.result_for_viewer(user=outsider, visitor_result_ids=(), pk=result.pk) is None
    # Knowing the id of a result that has an owner is not enough for a visitor.
    assert (
        selectors.result_for_viewer(user=None, visitor_result_ids=[result.pk], pk=result.pk) is None
    )


def test_a_visitor_sees_only_results_their_session_holds(career):
    result = _skills_result(user=None, career=career)
    assert Result.objects.get(pk=result.pk).user_id is None
    assert (
        selectors.result_for_viewer(user=None, visitor_result_ids=[result.pk], pk=result.pk)
        == result
    )
    assert selectors.result_for_viewer(user=None, visitor_result_ids=(), pk=result.pk) is None


def test_updating_a_step_of_someone_elses_plan_is_a_domain_error(owner, outsider, career):
    plan, _ = services.plan_start(user=owner, career=career)
    step = PlanStep.objects.get(plan=plan)
    with pytest.raises(exceptions.NotFound):
        services.plan_step_update(user=outsider, plan_step_id=step.pk, status="done", note="")
    with pytest.raises(exceptions.NotFound):
        services.plan_set_target_date(user=outsider, plan_id=plan.pk, target_date=None)
    step.refresh_from_db()
    assert step.status == PlanStep.Status.TODO


def test_the_views_still_answer_404_to_an_outsider(owner, outsider, career):
    result = _skills_result(user=owner, career=career)
    client = Client()
    client.force_login(outsider)
    assert client.get(result.get_absolute_url()).status_code == 404
    assert client.get(reverse("api:result-detail", args=[result.pk])).status_code == 404
