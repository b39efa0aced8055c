from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the service, apart from what it does: backup and restore (docs/backups.md)."""

    name = "operations"
