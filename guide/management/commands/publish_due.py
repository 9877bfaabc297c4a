from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from guide.publishing import publish_due


class Command(BaseCommand):
    help = (
        "Publish every draft guide whose 'publish at' time has passed and whose figures "
        "pass the checks. Run it from cron every few minutes (docs/deploy.md). Exits with "
        "status 1 when a due guide could not be published, naming the reasons."
    )

    def handle(self, *args, **options):
        outcomes = publish_due(now=timezone.now())
        for outcome in outcomes:
            self.stdout.write(str(outcome))
        failed = [outcome for outcome in outcomes if not outcome.published]
        if failed:
            raise CommandError(f"{len(failed)} due guide(s) left as drafts; see above.")
        self.stdout.write(f"{len(outcomes)} guide(s) published.")
