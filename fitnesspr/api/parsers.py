"""Request parsers of the API: JSON by default (REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"]).

DRF reads JSON from the request stream, which skips Django's DATA_UPLOAD_MAX_MEMORY_SIZE check (that
check guards `request.body`); this parser applies the same limit, answering 413. The body is read by
`fitnesspr.jsonsafe.loads`, so hostile nesting, NUL characters and lone surrogates answer 400.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework import parsers
from rest_framework.exceptions import ParseError

from fitnesspr import jsonsafe
from fitnesspr.api.errors import PayloadTooLarge


class JSONParser(parsers.JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: dict | None = None) -> Any:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read() if limit is None else stream.read(limit + 1)
        if limit is not None and len(raw) > limit:
            raise PayloadTooLarge()
        encoding = (parser_context or {}).get("encoding") or settings.DEFAULT_CHARSET
        try:
            return jsonsafe.loads(raw.decode(encoding))
        except jsonsafe.UnsafeJSONError as error:
            raise ParseError(str(error)) from None
        except ValueError as error:  # JSONDecodeError, UnicodeDecodeError
            raise ParseError(f"JSON parse error - {error}") from None
