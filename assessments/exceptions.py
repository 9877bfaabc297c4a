"""Domain errors the assessments services raise. Views and API views translate them:
NotFound to a 404, PlanReadOnly (a ValidationError) to a message or a 400,
DailyResultsLimit to a 429 through assessments.limits."""

from django.core.exceptions import ValidationError


class NotFound(Exception):
    """The object is not there for this user (missing, or someone else's)."""


class PlanReadOnly(ValidationError):
    """The plan's guide is unpublished or removed: its steps are kept but not changed."""

    def __init__(self, plan):
        super().__init__(
            f"Your plan for {plan.title} is read-only while its guide is not published.",
            code="read_only",
        )
        self.plan = plan


class DailyResultsLimit(Exception):
    """The user saved settings.ASSESSMENT_DAILY_RESULTS_MAX results in the last 24 hours."""

    def __init__(self, *, maximum: int, retry_after: int):
        super().__init__(f"At most {maximum} results in 24 hours.")
        self.maximum = maximum
        self.retry_after = retry_after
