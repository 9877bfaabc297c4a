from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from . import selectors, services


@receiver(user_logged_in, dispatch_uid="assessments-claim-visitor-results")
def claim_visitor_results(sender, request, user, **kwargs):
    """Results taken as a visitor become the user's when they sign up or log in."""
    if request is None or not hasattr(request, "session"):
        return
    ids = selectors.visitor_result_ids(request.session)
    if ids:
        services.results_claim(user=user, result_ids=ids)
        request.session.pop(selectors.VISITOR_SESSION_KEY, None)
