from django.core.management.base import BaseCommand, CommandError

from guide.selectors import figure_findings


class Command(BaseCommand):
    help = (
        "List every figure older than the newest imported OEWS release or projection "
        "edition, every contradiction between figures, and every figure without a source, "
        "in every guide (drafts included). Exits with status 1 when it lists anything."
    )

    def handle(self, *args, **options):
        findings = figure_findings()
        for finding in findings:
            self.stdout.write(str(finding))
        guides = len({finding.career.pk for finding in findings})
        if findings:
            raise CommandError(f"{len(findings)} figure problem(s) in {guides} guide(s).")
        self.stdout.write("Figures OK: nothing stale, contradictory or uncited.")
