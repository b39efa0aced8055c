from django.apps import AppConfig


class CaseAuditsConfig(AppConfig):
    name = "case_audits"
    verbose_name = "Multi-agency case audits"

    def ready(self):
        from case_audits.loader import load_audit_tools
        from recommendations.signals import framework_loaded

        framework_loaded.connect(load_audit_tools, dispatch_uid="case_audits.load_audit_tools")
