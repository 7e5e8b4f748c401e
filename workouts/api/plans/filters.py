from __future__ import annotations

import django_filters

from accounts.api.filters import ClientFilter
from fitnesspr.api.filters import BooleanFilter
from workouts.models import Plan, PlanSource, PlanStatus


class PlanFilter(django_filters.FilterSet):
    client = ClientFilter(field_name="client_id", label="Plans of this client (trainers: one of your current clients).")
    status = django_filters.ChoiceFilter(choices=PlanStatus.choices)
    is_template = BooleanFilter(field_name="is_template", label="true: templates only; false: client plans only.")
    source = django_filters.ChoiceFilter(choices=PlanSource.choices)

    class Meta:
        model = Plan
        fields = ("client", "status", "is_template", "source")
