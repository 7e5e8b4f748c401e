from django.apps import AppConfig


class FitnessPrConfig(AppConfig):
    name = "fitnesspr"
    verbose_name = "FitnessPr"
