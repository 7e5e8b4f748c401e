from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django_filters.constants import EMPTY_VALUES

from accounts import selectors
from accounts.api.serializers import INVITATION_STATUSES
from accounts.models import CoachingLink, Invitation
from fitnesspr.api.filters import BooleanFilter
from fitnesspr.api.schema import CLIENT_NOT_YOURS


class ClientFilter(django_filters.UUIDFilter):
    """`?client=<user id>`: the rows of yourself or of one of your current clients (`field_name` is the owner's id).

    Someone who is not yours, an unknown id and a malformed one answer 404 (selectors.client_get_for_user), never
    an empty list. Documented as a UUID (a UUIDFilter to the schema), but read as text so that a malformed id
    reaches the access helper and answers 404 like the other endpoints; the label gets CLIENT_NOT_YOURS.
    """

    field_class = forms.CharField

    def __init__(self, *args: Any, label: str, **kwargs: Any) -> None:
        super().__init__(*args, label=f"{label} {CLIENT_NOT_YOURS}", **kwargs)

    def filter(self, qs: QuerySet, value: Any) -> QuerySet:
        if value in EMPTY_VALUES:
            return qs
        client = selectors.client_get_for_user(self.parent.request.user, value)
        return qs.filter(**{self.field_name: client.pk})


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
