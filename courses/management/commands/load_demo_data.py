from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = (
        "Load the demo programme (and, through DEMO_DATA_LOADERS, any other app's demo data). "
        "Safe to run again: existing records are left as they are."
    )

    def handle(self, *args, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("Demo data (with published passwords) is never loaded under production settings.")
        created: list[str] = []
        for path in settings.DEMO_DATA_LOADERS:
            created += import_string(path)().created
        if created:
            self.stdout.write(self.style.SUCCESS(f"Created {len(created)} demo records."))
        else:
            self.stdout.write("Demo data already loaded: nothing to do.")
