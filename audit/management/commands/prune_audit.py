"""Removes access events older than a number of days: the one way records leave the audit table."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from audit.models import AccessEvent


class Command(BaseCommand):
    help = "Delete access events older than --older-than-days days."

    def add_arguments(self, parser):
        parser.add_argument("--older-than-days", type=int, required=True, metavar="N")

    def handle(self, *args, older_than_days, **options):
        if older_than_days < 1:
            raise CommandError("--older-than-days must be at least 1.")
        cutoff = timezone.now() - timedelta(days=older_than_days)
        # The default manager refuses deletes so that no page can remove records; retention is the exception.
        deleted, _ = AccessEvent._base_manager.filter(at__lt=cutoff).delete()
        self.stdout.write(f"Deleted {deleted} access events before {cutoff:%Y-%m-%d %H:%M} UTC.")
