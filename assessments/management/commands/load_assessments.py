from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from assessments.loader import ContentError, load_assessments


class Command(BaseCommand):
    help = (
        "Load readiness dimensions, questions and learning resources from "
        "assessments/content/readiness.toml. Creates what is missing; --update rewrites."
    )

    def add_arguments(self, parser):
        parser.add_argument("--update", action="store_true", help="Rewrite existing entries.")
        parser.add_argument("--check", action="store_true", help="Validate the file; save nothing.")

    def handle(self, *args, update, check, **options):
        try:
            with transaction.atomic():
                report = load_assessments(update=update or check)
                if check:
                    transaction.set_rollback(True)
        except ContentError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(("Content OK. " if check else "") + report.summary())
