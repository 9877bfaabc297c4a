from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from guide.models import Career

from . import services, visitor
from .models import Plan


@receiver(user_logged_in, dispatch_uid="assessments-claim-visitor-results")
def claim_visitor_results(sender, request, user, **kwargs):
    """Results taken as a visitor become the user's when they sign up or log in."""
    if request is None or not hasattr(request, "session"):
        return
    ids = visitor.result_ids(request.session)
    if ids:
        moved = services.results_claim(user=user, result_ids=ids)
        visitor.forget_all(request.session)
        if moved:
            messages.success(
                request,
                f"{moved} result{'s' if moved != 1 else ''} you took before signing in "
                f"{'were' if moved != 1 else 'was'} moved into your history.",
                fail_silently=True,
            )


@receiver(pre_delete, sender=Career, dispatch_uid="assessments-keep-plans-of-deleted-guide")
def keep_plans_of_deleted_guide(sender, instance, **kwargs):
    """Plans outlive their guide: note its title and address as they are at deletion."""
    Plan.objects.filter(career=instance).update(
        career_title=instance.title, career_slug=instance.slug
    )
