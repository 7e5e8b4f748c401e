"""Pages: the Hevy connection settings and sync runs."""

from __future__ import annotations

urlpatterns: list = []
