"""Pages: logging."""

from __future__ import annotations

urlpatterns: list = []
