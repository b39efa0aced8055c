from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = "Indicators"

    def ready(self):
        from indicators.loader import load_suggested_indicators
        from recommendations.signals import framework_loaded

        framework_loaded.connect(load_suggested_indicators, dispatch_uid="indicators.load_suggested_indicators")
