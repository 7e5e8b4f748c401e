"""The `object_id` path converter of API object URLs.

Objects are addressed by UUID. The converter takes any path segment and leaves the check to the
access helper (`<model>_get_for_user` answers 404 for an id that is not a UUID), so a malformed id
gets the API's JSON 404 instead of Django's page, in development too. The schema documents it as a
UUID (SPECTACULAR_SETTINGS["PATH_CONVERTER_OVERRIDES"]).
"""

from __future__ import annotations

from django.urls import register_converter


class ObjectIdConverter:
    regex = "[^/]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: object) -> str:
        return str(value)


register_converter(ObjectIdConverter, "object_id")
