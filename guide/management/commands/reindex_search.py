from django.core.management.base import BaseCommand

from guide import search


class Command(BaseCommand):
    help = (
        "Rebuild the search index of every career guide and the vocabulary that typo "
        "correction uses. Edits keep it current on their own; run this after loading data "
        "by other means (loaddata, SQL) or to drop words no guide holds any more."
    )

    def handle(self, *args, **options):
        count = search.reindex_all()
        self.stdout.write(f"Search index rebuilt: {count} guide{'s' if count != 1 else ''}.")
