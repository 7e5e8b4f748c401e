"""The settings page (user settings, role profile, avatar) and the private avatar images."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image

from accounts.tests.factories import UserFactory
from fitnesspr.private_media import serve_private_file

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PRIVATE_MEDIA_SERVER = ""
    return tmp_path


def png_with_gps(size=(64, 48)) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneCam"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (48.0, 51.0, 24.0)
    buffer = BytesIO()
    image.save(buffer, format="PNG", exif=exif)
    data = buffer.getvalue()
    assert Image.open(BytesIO(data)).getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the test image really has GPS
    return data


def upload(user_client, data: bytes, name: str = "me.png", content_type: str = "image/png"):
    return user_client.post(
        reverse("accounts:avatar_upload"), {"image": SimpleUploadedFile(name, data, content_type=content_type)}
    )


CLIENT_SETTINGS = {
    "display_name": "  Cody C.  ",
    "time_zone": "America/New_York",
    "units": "lb",
    "goal": "get_stronger",
    "experience_level": "advanced",
    "available_equipment": ["barbell", "kettlebell"],
    "training_days_per_week": "4",
    "session_length_minutes": "75",
    "injuries": "Left knee: no deep lunges.",
    "birth_date": "1990-05-17",
    "sex": "male",
    "height_cm": "181.5",
}


# --- Settings ----------------------------------------------------------------------------------


def test_settings_page_shows_the_current_values(login, their_client):
    response = login(their_client).get(reverse("accounts:settings"))
    assert response.status_code == 200
    assert response.context["user_form"].initial["display_name"] == "Cody Client"
    assert response.context["profile_form"].initial["available_equipment"] == ["barbell", "dumbbell"]
    html = response.content.decode()
    assert 'name="available_equipment" value="barbell"' in html and "Equipment you can use" in html
    assert '<option value="Europe/Paris">Europe/Paris</option>' in html


def test_client_saves_settings_and_profile(login, their_client):
    client = login(their_client)
    response = client.post(reverse("accounts:settings"), CLIENT_SETTINGS)
    assert response.status_code == 302 and response.url == reverse("accounts:settings")
    their_client.refresh_from_db()
    assert (their_client.display_name, their_client.time_zone, their_client.units) == (
        "Cody C.",
        "America/New_York",
        "lb",
    )
    profile = their_client.client_profile
    profile.refresh_from_db()
    assert profile.goal == "get_stronger" and profile.experience_level == "advanced"
    assert profile.available_equipment == ["barbell", "kettlebell"]
    assert (profile.training_days_per_week, profile.session_length_minutes) == (4, 75)
    assert profile.injuries == "Left knee: no deep lunges." and str(profile.birth_date) == "1990-05-17"
    assert profile.height_cm == Decimal("181.5") and profile.sex == "male"
    assert "Your settings are saved." in client.get(reverse("accounts:settings")).content.decode()


def test_trainer_saves_their_profile(login, trainer):
    data = {
        "display_name": "Tara T.",
        "time_zone": "UTC",
        "units": "kg",
        "bio": "Ten years of coaching.",
        "certifications": "NSCA-CSCS\nPrecision Nutrition L1",
        "specialties": "strength, mobility",
    }
    response = login(trainer).post(reverse("accounts:settings"), data)
    assert response.status_code == 302
    trainer.trainer_profile.refresh_from_db()
    assert trainer.trainer_profile.certifications == "NSCA-CSCS\nPrecision Nutrition L1"
    assert trainer.trainer_profile.specialties == "strength, mobility"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"time_zone": "Mars/Olympus"}, "time_zone", "Select a valid choice."),
        ({"training_days_per_week": "9"}, "training_days_per_week", "less than or equal to 7"),
        ({"available_equipment": ["jetpack"]}, "available_equipment", "Select a valid choice."),
        ({"height_cm": "12"}, "height_cm", "greater than or equal to 50"),
        ({"display_name": ""}, "display_name", "This field is required."),
        # Refused by the service (the model's clean), shown on the field all the same.
        ({"birth_date": "2999-01-01"}, "birth_date", "The birth date cannot be in the future."),
    ],
)
def test_invalid_settings_show_errors_and_save_nothing(login, their_client, overrides, field, message):
    response = login(their_client).post(reverse("accounts:settings"), {**CLIENT_SETTINGS, **overrides})
    assert response.status_code == 200
    form = response.context["profile_form"] if field in response.context["profile_form"].fields else None
    form = form or response.context["user_form"]
    assert any(message in error for error in form.errors[field])
    html = response.content.decode()
    assert "Nothing was saved" in html and f'id="id_{field}_error"' in html and 'aria-invalid="true"' in html
    their_client.refresh_from_db()
    their_client.client_profile.refresh_from_db()
    assert their_client.display_name == "Cody Client" and their_client.units == "kg"
    assert their_client.client_profile.goal == "build_muscle"


def test_settings_need_login(client):
    response = client.get(reverse("accounts:settings"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


# --- Avatar upload ---------------------------------------------------------------------------


def test_avatar_upload_reencodes_and_drops_exif(login, their_client):
    client = login(their_client)
    response = upload(client, png_with_gps())
    assert response.status_code == 302
    their_client.refresh_from_db()
    assert their_client.avatar and their_client.avatar_thumbnail
    assert "me" not in their_client.avatar.name  # random, non-guessable names
    with their_client.avatar.open("rb") as stored:
        image = Image.open(stored)
        assert image.format == "JPEG" and image.size == (64, 48)
        assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert ExifTags.Base.Make not in image.getexif()
    assert "Your picture is updated." in client.get(reverse("accounts:settings")).content.decode()


def test_avatar_upload_refuses_a_file_that_is_not_an_image(login, their_client):
    response = upload(login(their_client), b"%PDF-1.4 not an image", name="cv.png")
    assert response.status_code == 200
    assert response.context["avatar_form"].errors["image"] == ["The file is not a valid image."]
    assert 'id="id_image_error"' in response.content.decode()
    their_client.refresh_from_db()
    assert not their_client.avatar


def test_avatar_upload_needs_a_file(login, their_client):
    response = login(their_client).post(reverse("accounts:avatar_upload"), {})
    assert response.status_code == 200 and "image" in response.context["avatar_form"].errors


def test_avatar_remove_deletes_the_files(login, their_client, media_root, django_capture_on_commit_callbacks):
    client = login(their_client)
    upload(client, png_with_gps())
    their_client.refresh_from_db()
    path = media_root / their_client.avatar.name
    assert path.exists()
    assert client.get(reverse("accounts:avatar_remove")).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:avatar_remove"))
    assert response.url == reverse("accounts:settings")
    their_client.refresh_from_db()
    assert not their_client.avatar and not their_client.avatar_thumbnail
    assert not path.exists()


# --- Serving the avatar ----------------------------------------------------------------------


@pytest.fixture
def client_with_avatar(login, their_client):
    upload(login(their_client), png_with_gps())
    their_client.refresh_from_db()
    return their_client


@pytest.mark.parametrize("viewer", ["their_client", "trainer"])
def test_avatar_is_served_to_the_owner_and_their_trainer(request, login, client_with_avatar, viewer):
    client = login(request.getfixturevalue(viewer))
    url = reverse("accounts:avatar", args=[client_with_avatar.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, max-age=3600"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert Image.open(BytesIO(b"".join(response.streaming_content))).size == (64, 48)
    thumb = client.get(url + "?size=thumb")
    assert thumb.status_code == 200
    assert b"".join(thumb.streaming_content) == client_with_avatar.avatar_thumbnail.read()


def test_clients_see_their_trainers_avatar(login, trainer, their_client):
    upload(login(trainer), png_with_gps())
    assert login(their_client).get(reverse("accounts:avatar", args=[trainer.pk])).status_code == 200


@pytest.mark.parametrize("stranger", ["other_trainer", "other_client"])
def test_avatar_is_hidden_from_strangers(request, login, client_with_avatar, stranger):
    response = login(request.getfixturevalue(stranger)).get(reverse("accounts:avatar", args=[client_with_avatar.pk]))
    assert response.status_code == 404


def test_avatar_of_a_former_client_is_hidden(login, trainer, client_with_avatar):
    link = client_with_avatar.trainer_links.get()
    login(trainer).post(reverse("accounts:link_end", args=[link.pk]))
    assert login(trainer).get(reverse("accounts:avatar", args=[client_with_avatar.pk])).status_code == 404


def test_avatar_of_a_user_without_one_is_404(login, their_client):
    assert login(their_client).get(reverse("accounts:avatar", args=[their_client.pk])).status_code == 404


def test_avatar_needs_login(client, client_with_avatar):
    client.logout()  # `client_with_avatar` logged this test client in
    response = client.get(reverse("accounts:avatar", args=[client_with_avatar.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_private_files_can_be_handed_to_the_proxy(settings, rf, client_with_avatar):
    settings.PRIVATE_MEDIA_SERVER = "x-accel"
    settings.PRIVATE_MEDIA_ACCEL_PREFIX = "/protected-media/"
    response = serve_private_file(rf.get("/"), client_with_avatar.avatar)
    assert response["X-Accel-Redirect"] == "/protected-media/" + client_with_avatar.avatar.name
    assert response.content == b"" and response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, max-age=3600"

    settings.PRIVATE_MEDIA_SERVER = "x-sendfile"
    response = serve_private_file(rf.get("/"), client_with_avatar.avatar)
    assert response["X-Sendfile"] == client_with_avatar.avatar.path
    assert response["X-Content-Type-Options"] == "nosniff"


def test_private_file_missing_on_disk_is_404(rf, media_root, client_with_avatar):
    from django.http import Http404

    (media_root / client_with_avatar.avatar.name).unlink()
    with pytest.raises(Http404):
        serve_private_file(rf.get("/"), client_with_avatar.avatar)
    with pytest.raises(Http404):
        serve_private_file(rf.get("/"), UserFactory().avatar)


def test_api_clients_fetch_avatars_with_a_bearer_token(client, client_with_avatar, trainer, other_trainer):
    from rest_framework_simplejwt.tokens import AccessToken

    client.logout()
    url = reverse("accounts:avatar", args=[client_with_avatar.pk])
    response = client.get(url, headers={"Authorization": f"Bearer {AccessToken.for_user(trainer)}"})
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    stranger = client.get(url, headers={"Authorization": f"Bearer {AccessToken.for_user(other_trainer)}"})
    assert stranger.status_code == 404
    bad = client.get(url, headers={"Authorization": "Bearer not-a-token"})
    assert bad.status_code == 401 and bad.json()["error"]["code"] == "token_not_valid"
