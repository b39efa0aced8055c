from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Signing in: two-factor, throttling and session limits"

    def ready(self):
        from accounts import sessions  # noqa: F401 - connects the sign-in and deactivation receivers
