from datetime import date

from django.core.management.base import BaseCommand, CommandError

from occupations.oews import OEWSFormatError
from occupations.services import ImportRefused, release_import


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--published: {text!r} is not a date like 2026-05-15") from None


class Command(BaseCommand):
    help = (
        "Import a BLS OEWS release from a directory of BLS's time-series files "
        "(oe.data.0.Current, oe.area, oe.occupation, oe.footnote, oe.release): national, "
        "state and metro estimates for the occupations careers link to. All or nothing; a "
        "newer release replaces the figures of older ones. See docs/data.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The directory holding the BLS files.")
        parser.add_argument(
            "--all",
            action="store_true",
            dest="every_occupation",
            help="Import every occupation in the files, not only those careers link to.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Import a release older than the current one (rolls back to it: the newer "
            "releases are deleted).",
        )
        parser.add_argument(
            "--published",
            type=_date,
            metavar="YYYY-MM-DD",
            help="The day BLS published the release, when the importer does not know it "
            "(occupations.oews.PUBLISHED lists the known ones).",
        )
        parser.add_argument(
            "--skip-loaded",
            action="store_true",
            help="Do nothing when this release is already current and holds every occupation "
            "careers link to (make run uses this on every start).",
        )

    def handle(self, *args, path, every_occupation, force, published, skip_loaded, **options):
        try:
            report = release_import(
                directory=path,
                every_occupation=every_occupation,
                force=force,
                published=published,
                skip_loaded=skip_loaded,
            )
        except (OEWSFormatError, ImportRefused) as exc:
            raise CommandError(f"{str(exc).rstrip('.')}. Nothing was imported.") from None
        self.stdout.write(report.summary())
