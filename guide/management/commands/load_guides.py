from django.core.management.base import BaseCommand, CommandError

from guide import search
from guide.loader import ContentError, check_guides, load_guides


class Command(BaseCommand):
    help = (
        "Load the shipped career guides from guide/content/. Creates what was never loaded, "
        "as drafts unless --publish is given; never brings back what staff deleted, never "
        "publishes an existing guide, and overwrites staff edits only with --update."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--update",
            action="store_true",
            help="Also rewrite the content of existing guides, skills and categories from the "
            "files (never their slug, name or published status).",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help='Publish the guides created by this run whose file says status = "published".',
        )
        parser.add_argument(
            "--restore",
            action="append",
            default=[],
            metavar="KEY",
            help="Create again a guide, skill or category that staff deleted (its slug or "
            "name in the files). Repeat for several.",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Validate every file by loading it in a transaction that is rolled back.",
        )
        parser.add_argument("--only", metavar="SLUG", help="Load just the guide with this slug.")

    def handle(self, *args, update, publish, restore, check, only, **options):
        try:
            if check:
                report = check_guides()
                self.stdout.write(
                    f"Content OK: {len(report.created) + len(report.updated)} guides."
                )
                return
            report = load_guides(update=update, only=only, publish=publish, restore=restore)
        except ContentError as exc:
            raise CommandError(str(exc)) from None
        # The load indexed what it wrote; a database from before search gets the rest.
        search.index_missing()
        self.stdout.write(report.summary())
