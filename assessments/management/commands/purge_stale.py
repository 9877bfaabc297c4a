from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management.base import BaseCommand
from django.template.defaultfilters import pluralize
from django.utils import timezone

from assessments.services import results_purge_unclaimed

DATABASE_SESSION_ENGINES = {
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cached_db",
}


class Command(BaseCommand):
    help = (
        "Delete visitors' results never claimed after VISITOR_RESULT_RETENTION_DAYS days "
        "and sessions that have expired. Safe to run at any time; run it daily from cron."
    )

    def handle(self, *args, **options):
        days = settings.VISITOR_RESULT_RETENTION_DAYS
        results = results_purge_unclaimed(created_before=timezone.now() - timedelta(days=days))
        sessions = self._clear_expired_sessions()
        self.stdout.write(
            f"Deleted {results} unclaimed visitor result{pluralize(results)} older than "
            f"{days} days and {sessions} expired session{pluralize(sessions)}."
        )

    def _clear_expired_sessions(self) -> int:
        """What `manage.py clearsessions` does, counting the rows when sessions are in
        the database (other engines expire their own sessions and report 0)."""
        in_database = settings.SESSION_ENGINE in DATABASE_SESSION_ENGINES
        expired = (
            Session.objects.filter(expire_date__lt=timezone.now()).count() if in_database else 0
        )
        import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
        return expired
