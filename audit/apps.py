from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Audit of access"

    def ready(self):
        from audit import receivers

        receivers.connect()
