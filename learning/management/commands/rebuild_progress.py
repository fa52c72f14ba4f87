from django.core.management.base import BaseCommand

from learning.services.progress import rebuild_progress


class Command(BaseCommand):
    help = "Recompute every pupil's module progress summary from the recorded lessons and quiz attempts."

    def handle(self, *args, **options):
        count = rebuild_progress()
        self.stdout.write(self.style.SUCCESS(f"Rebuilt {count} progress summaries."))
