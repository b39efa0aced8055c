from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from recommendations.loader import FrameworkFileError, framework_files, load_framework


class Command(BaseCommand):
    help = "Load review frameworks from YAML files, idempotently. With no path, loads every file in frameworks/."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", type=Path, help="Framework files (default: all bundled files)")

    def handle(self, *args, paths, **options):
        for path in paths or framework_files():
            try:
                result = load_framework(path)
            except FrameworkFileError as error:
                raise CommandError(str(error)) from None
            outcome = "changed" if result.changed else "already up to date"
            self.stdout.write(
                f"{result.framework.title} ({result.framework.code}): {outcome}; "
                f"{result.created} created, {result.updated} updated, {result.deleted} removed, "
                f"{result.unchanged} unchanged, {result.relinked} sets of links changed."
            )
