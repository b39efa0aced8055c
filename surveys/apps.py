from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = "Practitioners' voice"

    def ready(self):
        from recommendations.signals import framework_loaded
        from surveys.loader import load_survey_templates

        framework_loaded.connect(load_survey_templates, dispatch_uid="surveys.load_survey_templates")
