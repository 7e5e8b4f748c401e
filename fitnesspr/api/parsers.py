"""Request parsers of the API: JSON by default (REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"]).

DRF reads JSON from the request stream, which skips Django's DATA_UPLOAD_MAX_MEMORY_SIZE check (that
check guards `request.body`); this parser applies the same limit, answering 413.
"""

from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from rest_framework import parsers

from fitnesspr.api.errors import PayloadTooLarge


class JSONParser(parsers.JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: dict | None = None) -> Any:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is None:
            return super().parse(stream, media_type, parser_context)
        raw = stream.read(limit + 1)
        if len(raw) > limit:
            raise PayloadTooLarge()
        return super().parse(io.BytesIO(raw), media_type, parser_context)
