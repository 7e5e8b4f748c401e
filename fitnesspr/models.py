"""Base model code shared by every app."""

from __future__ import annotations

import os
import time
import uuid

from django.db import models


def uuid7() -> uuid.UUID:
    """A time-ordered UUID (RFC 9562 version 7): random enough to be unguessable, ordered enough for indexes."""
    unix_ms = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    value = (unix_ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= ((rand >> 62) & 0xFFF) << 64
    value |= 0b10 << 62
    value |= rand & ((1 << 62) - 1)
    return uuid.UUID(int=value)


class BaseModel(models.Model):
    """Every model is addressed by a UUID, never by a sequential id, and knows when it changed."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
