"""Ordering convention: every list names the fields it can be ordered by; results have a stable order.

REST_FRAMEWORK["DEFAULT_FILTER_BACKENDS"] uses this `OrderingFilter` instead of DRF's: a view must list
`ordering_fields` explicitly (never `"__all__"`, which would let anyone sort by any column, hidden ones
included), and the primary key is appended to every ordering so that pages never overlap or skip rows.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db.models import QuerySet
from rest_framework import filters
from rest_framework.request import Request


class OrderingFilter(filters.OrderingFilter):
    def get_valid_fields(self, queryset: QuerySet, view: Any, context: dict | None = None) -> list[tuple[str, str]]:
        fields = getattr(view, "ordering_fields", None)
        if fields == "__all__":
            raise ImproperlyConfigured(f"{view.__class__.__name__}: list `ordering_fields` explicitly, not '__all__'.")
        if fields is None:
            return []
        return super().get_valid_fields(queryset, view, context or {})

    def filter_queryset(self, request: Request, queryset: QuerySet, view: Any) -> QuerySet:
        ordering = self.get_ordering(request, queryset, view)
        if not ordering:
            ordering = list(queryset.query.order_by) or list(queryset.model._meta.ordering)
        ordering = list(ordering)
        if not any(isinstance(term, str) and term.lstrip("-") in ("pk", "id") for term in ordering):
            ordering.append("pk")
        return queryset.order_by(*ordering)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        fields = [name for name, _label in self.get_valid_fields(view.get_queryset(), view, {"request": None})]
        if not fields:
            return []
        alternatives = "|".join(fields)
        default = ", ".join(f"`{term}`" for term in (self.get_default_ordering(view) or ()))
        description = (
            f"Sort by {', '.join(f'`{name}`' for name in fields)}; prefix `-` for descending, separate several "
            "with commas." + (f" Default: {default}." if default else "")
        )
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": description,
                "schema": {"type": "string", "pattern": rf"^-?({alternatives})(,-?({alternatives}))*$"},
            }
        ]


class _StrictBooleanField(forms.NullBooleanField):
    widget = forms.TextInput

    def to_python(self, value: Any) -> bool | None:
        if value in (None, ""):
            return None
        if str(value).lower() in ("true", "1"):
            return True
        if str(value).lower() in ("false", "0"):
            return False
        raise ValidationError("Enter true or false.", code="invalid")

    def validate(self, value: bool | None) -> None:
        pass


class BooleanFilter(django_filters.BooleanFilter):
    """`?x=true` / `?x=false`; anything else is a 400 (django-filter's own silently ignores it)."""

    field_class = _StrictBooleanField
