"""Pages: pushing plans to Hevy."""

from __future__ import annotations

urlpatterns: list = []
