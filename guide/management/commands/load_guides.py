from django.core.management.base import BaseCommand, CommandError

from guide.loader import ContentError, check_guides, load_guides


class Command(BaseCommand):
    help = (
        "Load the shipped career guides from guide/content/. Creates what is missing and "
        "never overwrites staff edits unless --update is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--update",
            action="store_true",
            help="Also rewrite existing careers, skills and categories from the files.",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Validate every file by loading it in a transaction that is rolled back.",
        )
        parser.add_argument("--only", metavar="SLUG", help="Load just the guide with this slug.")

    def handle(self, *args, update, check, only, **options):
        try:
            if check:
                report = check_guides()
                self.stdout.write(
                    f"Content OK: {len(report.created) + len(report.updated)} guides."
                )
                return
            report = load_guides(update=update, only=only)
        except ContentError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(report.summary())
