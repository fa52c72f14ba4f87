import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from accounts.demo_data import DEMO_TOTP_SECRET, current_demo_totp_code
from schools.demo_data import demo_logins


class Command(BaseCommand):
    help = "Print the demo logins: staff emails and passwords, and a pupil's codes for each class."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print a JSON list instead of a table.")
        parser.add_argument("--all", action="store_true", help="Every demo pupil, not one per class (load tests).")

    def handle(self, *args, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("There are no demo logins under production settings.")
        logins = demo_logins(all_pupils=options["all"])
        if options["json"]:
            self.stdout.write(json.dumps([login.as_dict() for login in logins], indent=2))
            return
        if not logins:
            self.stdout.write("No demo logins: run `python manage.py load_demo_data` first.")
            return
        roles = [entry for entry in logins if entry.totp_secret]
        if roles:
            self.stdout.write("Commissioner and evaluator (sign in at /accounts/login/, then an authenticator code):")
            for login in roles:
                self.stdout.write(f"  {login.role:<12} {login.email:<42} {login.password}")
            self.stdout.write(
                f"  Demo authenticator secret (also the platform admin's): {DEMO_TOTP_SECRET}"
                f"  (code now: {current_demo_totp_code()}; run this command again for a fresh one)"
            )
        self.stdout.write("Staff (sign in at /accounts/login/):")
        for login in (entry for entry in logins if entry.email and not entry.totp_secret):
            self.stdout.write(f"  {login.role:<12} URN {login.school_urn}  {login.email:<42} {login.password}")
        for line in import_string("classroom.demo_data.finished_live_lessons")():
            self.stdout.write(line)
        self.stdout.write("Pupils (sign in at /pupil/login/):")
        for login in (entry for entry in logins if not entry.email):
            self.stdout.write(
                f"  URN {login.school_urn} class {login.school_class:<4} class code {login.class_code}"
                f"  pupil code {login.pupil_code}  ({login.name})"
            )
