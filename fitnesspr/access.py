"""The plumbing of the access rule that every app's access helpers share (shared/DESIGN.md, "Who may see what").

Each app decides *what* a user may see in its `selectors/access.py` (or `selectors.py`); these helpers make the
answer the same everywhere: a malformed id, a missing object and someone else's object all answer 404.
"""

from __future__ import annotations

import uuid
from typing import TypeVar

from django.db.models import Model, QuerySet

from fitnesspr.errors import NotFoundError

M = TypeVar("M", bound=Model)


def as_uuid(value: object) -> uuid.UUID:
    """A UUID from a URL or request value; anything malformed is a 404, like a missing object."""
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        raise NotFoundError("Not found.") from None


def get_visible_or_404(queryset: QuerySet[M], object_id: object) -> M:
    """The object `object_id` among `queryset` (already scoped to what the user may see), or 404."""
    found = queryset.filter(pk=as_uuid(object_id)).first()
    if found is None:
        raise NotFoundError("Not found.")
    return found
