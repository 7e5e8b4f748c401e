"""The API's orjson renderer writes the same JSON as DRF's renderer."""

from __future__ import annotations

import datetime
import decimal
import uuid

from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer as DRFJSONRenderer

from fitnesspr.api.renderers import JSONRenderer

UTC = datetime.UTC


def test_the_same_bytes_as_drf_for_what_the_api_returns():
    data = {
        "id": uuid.UUID("0193a3f2-8c1e-7000-8000-000000000001"),
        "at": datetime.datetime(2026, 12, 4, 21, 5, 9, 120000, tzinfo=UTC),
        "whole_second": datetime.datetime(2026, 12, 4, 21, 5, 9, tzinfo=UTC),
        "offset": datetime.datetime(2026, 12, 4, 22, 5, tzinfo=datetime.timezone(datetime.timedelta(hours=1))),
        "day": datetime.date(2026, 12, 4),
        "weights": [decimal.Decimal("82.50"), decimal.Decimal("100"), decimal.Decimal("0.25")],
        "text": 'Crème brûlée ✓ "quoted" \n',
        "lazy": gettext_lazy("Workouts"),
        "nothing": None,
        "flags": [True, False],
        "nested": {"count": 3, "ratio": 0.5, "items": ({"a": 1},)},
        "rest": datetime.timedelta(seconds=90),
    }

    assert JSONRenderer().render(data) == DRFJSONRenderer().render(data)


def test_nothing_renders_as_an_empty_body():
    assert JSONRenderer().render(None) == b""
