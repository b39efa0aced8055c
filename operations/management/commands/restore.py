import sys
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from operations.backup import BackupError, check_restorable, read_backup, restore_backup

CONFIRMATION = "restore"


class Command(BaseCommand):
    help = (
        "Replace the database and put back the stored files from an archive the backup command wrote. "
        "Stop the web servers and Celery workers first."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the .tar.gz the backup command wrote")
        parser.add_argument("--yes", action="store_true", help="do not ask before replacing the database")

    def handle(self, *args, archive, yes, **options):
        archive = Path(archive)
        try:
            with tempfile.TemporaryDirectory(prefix="scrutiny-restore-") as work:
                summary, dump = read_backup(archive, Path(work))
                check_restorable(summary)
                database = connections[DEFAULT_DB_ALIAS].settings_dict["NAME"]
                self.stdout.write(
                    f"{archive} is intact: {summary.describe()}, backed up at {summary.created_at}.\n"
                    f"Restoring replaces everything in the database {database} and the stored files it names."
                )
                if not yes:
                    self._confirm()
                notes = restore_backup(archive, summary, dump)
        except BackupError as error:
            raise CommandError(str(error)) from None
        for note in notes:
            self.stdout.write(self.style.WARNING(note))
        self.stdout.write(
            self.style.SUCCESS(f"Restored {summary.describe()}: every row count and file checksum matches the backup.")
        )

    def _confirm(self):
        if not sys.stdin.isatty():
            raise CommandError("Nothing was changed. Run again with --yes to restore without being asked.")
        answer = input(f'Type "{CONFIRMATION}" to go on: ')
        if answer.strip() != CONFIRMATION:
            raise CommandError("Nothing was changed.")
