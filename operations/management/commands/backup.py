from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Write one .tar.gz archive holding a dump of the database, every uploaded file and report, and a "
        "manifest of row counts and checksums. Restore it with the restore command."
    )

    def add_arguments(self, parser):
        parser.add_argument("destination", help="a folder (the archive is named by the time) or a .tar.gz file name")

    def handle(self, *args, destination, **options):
        try:
            path, summary = create_backup(Path(destination))
        except BackupError as error:
            raise CommandError(str(error)) from None
        size_mb = path.stat().st_size / 1024 / 1024
        self.stdout.write(f"Backed up {summary.describe()} ({size_mb:.1f} MB) at {summary.created_at}.")
        self.stdout.write(str(path))
