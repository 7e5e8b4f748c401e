from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and coaching"

    def ready(self) -> None:
        from accounts import signals  # noqa: F401 - publishes SessionEnded and UserDeactivated
