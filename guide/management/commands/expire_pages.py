from django.core.management.base import BaseCommand

from core.pagecache import content_changed, content_version


class Command(BaseCommand):
    help = (
        "Start a new content version: every instance renders its public pages afresh from "
        "the database on their next request. Edits, publishes and imports do this on their "
        "own; run it after changing data by other means (a restore, loaddata, SQL)."
    )

    def handle(self, *args, **options):
        before = content_version()
        content_changed()
        self.stdout.write(f"Content version {before} -> {content_version()}: cached pages expired.")
