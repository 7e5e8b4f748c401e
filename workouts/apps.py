from django.apps import AppConfig


class WorkoutsConfig(AppConfig):
    name = "workouts"
    verbose_name = "Workouts"

    def ready(self) -> None:
        from fitnesspr import slots
        from workouts.selectors.client_page import client_training

        # The training sections of a trainer's page of a client (accounts names no workouts code).
        slots.fill("accounts.client_page", "workouts/slots/client_training.html", client_training)
        # The weight steps (training preferences) on the settings page.
        slots.fill("accounts.settings_sections", "workouts/slots/settings_weights.html")
