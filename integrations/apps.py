from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    name = "integrations"
    verbose_name = "Integrations"

    def ready(self) -> None:
        from fitnesspr import slots
        from integrations import subscribers  # noqa: F401 - registers the event subscribers
        from integrations.selectors import hevy_connections_by_user

        # What Hevy adds to the domains' pages, without them naming it.
        slots.fill("accounts.client_row", "integrations/slots/client_hevy_status.html", hevy_connections_by_user)
        slots.fill("accounts.client_page", "integrations/slots/client_page_hevy.html", hevy_connections_by_user)
        slots.fill("accounts.connected_apps", "integrations/slots/settings_link.html")
        slots.fill("workouts.plan_actions", "integrations/slots/plan_push.html")
