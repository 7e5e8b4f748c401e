"""`me/` and `me/avatar/`: the own account, profile and picture."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from fitnesspr.tests.api import assert_error

pytestmark = pytest.mark.django_db

ME = reverse("api:me")
AVATAR = reverse("api:me-avatar")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _png(size=(64, 48)) -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return SimpleUploadedFile("me.png", buffer.getvalue(), content_type="image/png")


def test_trainer_reads_their_account_with_the_trainer_profile(api, trainer):
    body = api(trainer).get(ME).json()

    assert body["id"] == str(trainer.pk)
    assert body["email"] == "trainer@example.com"
    assert body["role"] == "trainer"
    assert body["trainer_profile"] == {"bio": "Strength coach.", "certifications": "", "specialties": ""}
    assert body["client_profile"] is None
    assert body["avatar_url"] is None


def test_client_reads_their_account_with_the_client_profile(api, their_client):
    body = api(their_client).get(ME).json()

    assert body["role"] == "client"
    assert body["trainer_profile"] is None
    assert body["client_profile"]["goal"] == "build_muscle"
    assert body["client_profile"]["available_equipment"] == ["barbell", "dumbbell"]


def test_patch_updates_settings_and_profile_together(api, their_client):
    response = api(their_client).patch(
        ME,
        {
            "display_name": "  Cody C.  ",
            "units": "lb",
            "time_zone": "America/New_York",
            "client_profile": {"training_days_per_week": 5, "height_cm": "181.5", "available_equipment": ["none"]},
        },
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["display_name"] == "Cody C."
    assert body["units"] == "lb" and body["time_zone"] == "America/New_York"
    assert body["client_profile"]["training_days_per_week"] == 5
    assert body["client_profile"]["height_cm"] == 181.5
    assert body["client_profile"]["available_equipment"] == ["none"]
    assert body["client_profile"]["goal"] == "build_muscle"
    their_client.refresh_from_db()
    assert their_client.client_profile.training_days_per_week == 5


def test_patch_cannot_change_email_or_role(api, trainer):
    response = api(trainer).patch(ME, {"email": "new@example.com", "role": "client"})

    assert response.status_code == 200
    trainer.refresh_from_db()
    assert trainer.email == "trainer@example.com" and trainer.is_trainer


def test_patch_refuses_the_profile_of_the_other_role(api, trainer):
    error = assert_error(api(trainer).patch(ME, {"client_profile": {"goal": "sport"}}), 400, "invalid")
    assert "client_profile" in error["fields"]


def test_profile_errors_from_the_service_name_the_nested_field(api, their_client):
    response = api(their_client).patch(ME, {"client_profile": {"birth_date": "2999-01-01"}})

    error = assert_error(response, 400, "invalid")
    assert "client_profile.birth_date" in error["fields"]


def test_a_failing_profile_update_leaves_the_settings_unchanged(api, their_client):
    response = api(their_client).patch(ME, {"display_name": "Changed", "client_profile": {"birth_date": "2999-01-01"}})

    assert response.status_code == 400
    their_client.refresh_from_db()
    assert their_client.display_name == "Cody Client"


def test_serializer_errors_name_nested_fields(api, their_client):
    response = api(their_client).patch(ME, {"time_zone": "Mars/Base", "client_profile": {"goal": "fly"}})

    error = assert_error(response, 400)
    assert "client_profile.goal" in error["fields"]
    # the time zone is checked by the model (service), after the serializer's shape checks failed
    assert "time_zone" not in error["fields"]


def test_bad_time_zone_answers_400(api, trainer):
    error = assert_error(api(trainer).patch(ME, {"time_zone": "Mars/Base"}), 400, "invalid")
    assert "time_zone" in error["fields"]


def test_put_and_delete_on_me_answer_405(api, trainer):
    assert_error(api(trainer).delete(ME), 405, "method_not_allowed")
    assert_error(api(trainer).put(ME, {}), 405, "method_not_allowed")


def test_avatar_upload_and_removal(api, trainer):
    response = api(trainer).put(AVATAR, {"image": _png()}, format="multipart")

    assert response.status_code == 200, response.content
    body = response.json()
    trainer.refresh_from_db()
    assert trainer.avatar and trainer.avatar_thumbnail
    avatar_path = reverse("accounts:avatar", args=[trainer.pk])
    assert body["avatar_url"].startswith(f"http://testserver{avatar_path}?v=")
    assert "size=thumb" in body["avatar_thumbnail_url"]

    assert api(trainer).delete(AVATAR).status_code == 204
    trainer.refresh_from_db()
    assert not trainer.avatar
    assert api(trainer).get(ME).json()["avatar_url"] is None


def test_replacing_the_avatar_twice_keeps_each_new_picture_and_removes_the_old_files(
    api, trainer, settings, django_capture_on_commit_callbacks
):
    page = Client()
    page.force_login(trainer)
    stored = []
    for colour in [(200, 30, 30), (30, 200, 30), (30, 30, 200)]:
        buffer = BytesIO()
        Image.new("RGB", (64, 48), colour).save(buffer, format="PNG")
        upload = SimpleUploadedFile("me.png", buffer.getvalue(), content_type="image/png")
        with django_capture_on_commit_callbacks(execute=True):
            response = api(trainer).put(AVATAR, {"image": upload}, format="multipart")
        assert response.status_code == 200, response.content
        body = response.json()
        for url in (body["avatar_url"], body["avatar_thumbnail_url"]):
            fetched = page.get(url)
            assert fetched.status_code == 200, url
            pixel = Image.open(BytesIO(b"".join(fetched.streaming_content))).convert("RGB").getpixel((5, 5))
            assert all(abs(a - b) < 16 for a, b in zip(pixel, colour, strict=True)), (pixel, colour)
        trainer.refresh_from_db()
        stored.append({trainer.avatar.name, trainer.avatar_thumbnail.name})

    on_disk = {str(path.relative_to(settings.MEDIA_ROOT)) for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()}
    assert on_disk == stored[-1]

    with django_capture_on_commit_callbacks(execute=True):
        assert api(trainer).delete(AVATAR).status_code == 204
    assert not [path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()]


def test_avatar_upload_refuses_a_non_image(api, trainer):
    upload = SimpleUploadedFile("x.png", b"not an image", content_type="image/png")

    error = assert_error(api(trainer).put(AVATAR, {"image": upload}, format="multipart"), 400, "invalid_image")
    assert "image" in error["fields"]


def test_avatar_upload_needs_multipart(api, trainer):
    assert_error(api(trainer).put(AVATAR, {"image": "x"}, format="json"), 415, "unsupported_media_type")


def test_anonymous_gets_401(api):
    assert_error(api().get(ME), 401, "not_authenticated")
    assert_error(api().put(AVATAR, {}), 401, "not_authenticated")
