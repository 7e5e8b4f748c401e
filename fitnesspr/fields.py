"""Model fields shared by every app."""

from __future__ import annotations

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


@lru_cache(maxsize=4)
def _fernet(key: str) -> Fernet:
    return Fernet(key.encode())


def encrypt(value: str) -> str:
    return _fernet(settings.FIELD_ENCRYPTION_KEY).encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet(settings.FIELD_ENCRYPTION_KEY).decrypt(token.encode()).decode()
    except InvalidToken:
        raise ImproperlyConfigured(
            "A stored secret cannot be decrypted: FIELD_ENCRYPTION_KEY is not the key it was saved with."
        ) from None


class EncryptedTextField(models.TextField):
    """Text stored encrypted with FIELD_ENCRYPTION_KEY (third-party API keys). It cannot be searched."""

    def get_prep_value(self, value: object) -> object:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(str(value))

    def from_db_value(self, value: str | None, expression, connection) -> str | None:
        if value is None or value == "":
            return value
        return decrypt(value)
