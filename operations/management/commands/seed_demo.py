import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from operations.demo import DemoDataError, load_content, seed_demo
from recommendations.models import Framework

DEFAULT_DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 - the documented demo password, for fictional users


class Command(BaseCommand):
    help = (
        "Create fictional demo partnerships and users from operations/demo.toml (idempotent). "
        "Password from DEMO_PASSWORD."
    )

    def handle(self, *args, **options):
        try:
            content = load_content()
            if not Framework.objects.filter(code=content.framework).exists():
                raise CommandError("Load the framework first: python manage.py load_framework")
            password = os.environ.get("DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD
            usernames = seed_demo(password=password)
        except DemoDataError as error:
            raise CommandError(str(error)) from None
        # SITE_URL follows PORT unless set: the address `make run` serves.
        self.stdout.write(f"Demo data ready. Sign in at {settings.SITE_URL}/ as any of:")
        for username in usernames:
            self.stdout.write(f"  {username}")
        shown = "the password in DEMO_PASSWORD" if os.environ.get("DEMO_PASSWORD") else DEFAULT_DEMO_PASSWORD
        self.stdout.write(f"with password: {shown}")
