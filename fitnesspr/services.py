"""Small helpers every app's services share: one way to update a model and to collect validation errors."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model

from fitnesspr.errors import ApplicationError

M = TypeVar("M", bound=Model)


class Errors:
    """Collects messages per field path; `raise_if_any` raises one ApplicationError with all of them."""

    def __init__(self) -> None:
        self.fields: dict[str, list[str]] = {}

    def add(self, path: str, message: str) -> None:
        self.fields.setdefault(path, []).append(message)

    def raise_if_any(self, message: str = "Please correct the errors below.") -> None:
        if self.fields:
            raise ApplicationError(message, code="invalid", fields=self.fields)


def full_clean(instance: Model, **kwargs: Any) -> None:
    """`full_clean()` that reports errors as an ApplicationError with per-field messages."""
    try:
        instance.full_clean(**kwargs)
    except ValidationError as error:
        raise ApplicationError("Please correct the errors below.", code="invalid", fields=error.message_dict) from None


def model_update(
    instance: M, *, fields: Iterable[str], data: dict[str, Any], clean: bool = True, **clean_options: Any
) -> tuple[M, list[str]]:
    """Set those of `fields` that are in `data` and differ, validate, and save only them (plus `updated_at` when
    the model has it). Answers the instance and the names of the fields that changed (nothing saved if none)."""
    changed = [field for field in fields if field in data and getattr(instance, field) != data[field]]
    for field in changed:
        setattr(instance, field, data[field])
    if changed:
        if clean:
            full_clean(instance, **clean_options)
        stamp = ["updated_at"] if any(f.name == "updated_at" for f in instance._meta.concrete_fields) else []
        instance.save(update_fields=[*changed, *stamp])
    return instance, changed
