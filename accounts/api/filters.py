from __future__ import annotations

import django_filters
from django.db.models import QuerySet

from accounts import selectors
from accounts.api.serializers import INVITATION_STATUSES
from accounts.models import CoachingLink, Invitation
from fitnesspr.api.filters import BooleanFilter


class CoachingLinkFilter(django_filters.FilterSet):
    active = BooleanFilter(
        field_name="ended_at",
        lookup_expr="isnull",
        label="true: links going on now; false: links that have ended.",
    )

    class Meta:
        model = CoachingLink
        fields = ("active",)


class InvitationFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=INVITATION_STATUSES,
        method="filter_status",
        label="pending (usable now), accepted, revoked, or expired (pending but past `expires_at`).",
    )

    class Meta:
        model = Invitation
        fields = ("status",)

    def filter_status(self, queryset: QuerySet[Invitation], name: str, value: str) -> QuerySet[Invitation]:
        # The selector owns what each status means (expired = pending and past its date).
        return queryset & selectors.invitation_list(trainer=self.request.user, status=value)
