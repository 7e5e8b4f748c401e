"""Viewset plumbing so that every API read goes through the selectors and access helpers of its app."""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet

import fitnesspr.api.converters  # noqa: F401  (registers the `object_id` path converter)


class ScopedViewSetMixin:
    """Lists come from a list selector scoped to the acting user; objects from the model's access helper.

    A viewset sets `model` and implements:
    - `scoped_queryset(user)`: e.g. `selectors.plan_list(user=user)`;
    - `scoped_object(user, pk)`: e.g. `selectors.plan_get_for_user(user, pk)`, raising Http404 for
      missing and not-yours alike.

    The schema generator has no user: it gets `model.objects.none()`.

    Object URLs use the `object_id` converter (fitnesspr.api.converters): any segment reaches the view,
    and the access helper answers the API's 404 for one that is not a UUID.
    """

    model: type[Model]
    lookup_value_converter = "object_id"

    def scoped_queryset(self, user: Any) -> QuerySet:
        raise NotImplementedError

    def scoped_object(self, user: Any, pk: Any) -> Model:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):
            return self.model._default_manager.none()
        return self.scoped_queryset(self.request.user)

    def get_object(self) -> Model:
        obj = self.scoped_object(self.request.user, self.kwargs[self.lookup_url_kwarg or self.lookup_field])
        self.check_object_permissions(self.request, obj)
        return obj
