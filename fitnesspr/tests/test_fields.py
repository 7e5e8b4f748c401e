from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from fitnesspr.fields import EncryptedTextField


def test_encrypted_text_round_trips_and_hides_the_secret():
    field = EncryptedTextField()
    stored = field.get_prep_value("hevy-api-key-1234")
    assert "hevy-api-key" not in stored
    assert field.from_db_value(stored, None, None) == "hevy-api-key-1234"
    assert field.get_prep_value("") == "" and field.get_prep_value(None) is None


def test_a_wrong_key_fails_loudly_instead_of_returning_garbage(settings):
    field = EncryptedTextField()
    stored = field.get_prep_value("secret")
    settings.FIELD_ENCRYPTION_KEY = Fernet.generate_key().decode()
    with pytest.raises(ImproperlyConfigured, match="FIELD_ENCRYPTION_KEY"):
        field.from_db_value(stored, None, None)
