"""The admin writes images through the one pipeline (fitnesspr.images.process_image), like the API and pages.

Every test goes through the real admin change view, logged in as staff, with a real multipart POST.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from io import BytesIO

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from PIL import ExifTags, Image

from accounts import services
from accounts.models import User
from accounts.tests.factories import UserFactory
from fitnesspr.admin_images import PipelineImage

pytestmark = pytest.mark.django_db

XMP_PACKET = (
    b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
    b"<rdf:RDF><rdf:Description>xmp-secret-location</rdf:Description></rdf:RDF></x:xmpmeta>"
    b'<?xpacket end="w"?>'
)
COMMENT = b"com-secret-comment"
PAYLOAD = b"polyglot-payload"
ORIGINAL_NAME = "home-of-jane-doe.jpg"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PRIVATE_MEDIA_SERVER = ""
    return tmp_path


def stored_files(media_root) -> list:
    return [path for path in media_root.rglob("*") if path.is_file()]


def noisy_jpeg(size=(320, 240), **save_kwargs) -> bytes:
    """A JPEG with real entropy-coded data, so cutting it short really truncates the scan."""
    buffer = BytesIO()
    Image.effect_noise(size, 64).convert("RGB").save(buffer, format="JPEG", quality=90, **save_kwargs)
    return buffer.getvalue()


def jpeg_with_metadata() -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneCam"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (48.0, 51.0, 24.0)
    data = noisy_jpeg(exif=exif, xmp=XMP_PACKET, comment=COMMENT)
    with Image.open(BytesIO(data)) as original:  # the test file really carries all three
        assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert original.info["comment"] == COMMENT and b"xmp-secret-location" in original.info["xmp"]
    return data


def png_header_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width` x `height` pixels: a decompression bomb's first bytes."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    )


def solid_png(size) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def form_data(form) -> dict:
    """What the browser would send back for `form` unchanged (file fields left empty)."""
    data = {}
    for name, field in form.fields.items():
        if field.disabled or getattr(field.widget, "input_type", None) == "file":
            continue
        value = form[name].value()
        if value is None or isinstance(value, FieldFile):
            continue
        key = form.add_prefix(name)
        if isinstance(value, bool):
            if value:
                data[key] = "on"
        elif isinstance(value, (list, tuple)):
            data[key] = [str(item) for item in value]
        else:
            data[key] = str(value)
    return data


def change_url(user: User) -> str:
    return reverse("admin:accounts_user_change", args=[user.pk])


def post_change(client, user: User, **files):
    """GET the change page, then POST it back unchanged except for `files` (field name -> upload)."""
    page = client.get(change_url(user))
    assert page.status_code == 200
    data = form_data(page.context["adminform"].form)
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(form_data(formset.management_form))
        for form in formset.forms:
            data.update(form_data(form))
    data.update(files)
    return client.post(change_url(user), data)


def upload(data: bytes, name: str = ORIGINAL_NAME, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def avatar_errors(response) -> list[str]:
    assert response.status_code == 200, "the form should be shown again with an error"
    return response.context["adminform"].form.errors.get("avatar", [])


@pytest.fixture
def person(db):
    return UserFactory(email="person@example.com", display_name="Pat Person")


@pytest.fixture
def admin_client(login, staff_user):
    return login(staff_user)


def test_an_admin_avatar_upload_is_re_encoded_stripped_and_renamed(admin_client, person):
    response = post_change(admin_client, person, avatar=upload(jpeg_with_metadata()))
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    person.refresh_from_db()
    assert person.avatar
    assert "home" not in person.avatar.name and "jane" not in person.avatar.name
    assert len(person.avatar.name.rsplit("/", 1)[-1]) > 30  # random, not guessable
    with person.avatar.open("rb") as stored:
        raw = stored.read()
    assert COMMENT not in raw and b"xmp-secret-location" not in raw and b"xpacket" not in raw
    assert b"Exif" not in raw and b"PhoneCam" not in raw
    with Image.open(BytesIO(raw)) as image:
        assert image.format == "JPEG"
        assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert ExifTags.Base.Make not in image.getexif()
        assert not {"comment", "xmp", "exif", "icc_profile"} & set(image.info)


def test_the_thumbnail_is_derived_from_an_admin_upload(admin_client, person, settings):
    response = post_change(admin_client, person, avatar=upload(solid_png((600, 400)), "me.png", "image/png"))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.avatar and person.avatar_thumbnail
    assert person.avatar_thumbnail.name != person.avatar.name
    with Image.open(person.avatar_thumbnail.path) as thumbnail:
        assert max(thumbnail.size) == settings.IMAGE_THUMBNAIL_SIDE
        assert thumbnail.size[0] > thumbnail.size[1]  # same shape as the avatar
        red, green, blue = thumbnail.getpixel((10, 10))
        assert abs(red - 200) < 10 and green < 50 and blue < 50


def test_the_thumbnail_cannot_be_set_through_the_admin(admin_client, person, media_root):
    response = post_change(admin_client, person, avatar_thumbnail=upload(jpeg_with_metadata()))
    assert response.status_code == 302
    person.refresh_from_db()
    assert not person.avatar_thumbnail
    assert stored_files(media_root) == []


def test_a_posted_thumbnail_is_ignored_next_to_an_avatar(admin_client, person):
    avatar = solid_png((300, 300))
    posted_thumbnail = jpeg_with_metadata()
    response = post_change(
        admin_client,
        person,
        avatar=upload(avatar, "me.png", "image/png"),
        avatar_thumbnail=upload(posted_thumbnail, "thumb.jpg"),
    )
    assert response.status_code == 302
    person.refresh_from_db()
    with person.avatar_thumbnail.open("rb") as stored:
        raw = stored.read()
    assert raw != posted_thumbnail and COMMENT not in raw
    with Image.open(BytesIO(raw)) as thumbnail:
        red, green, blue = thumbnail.getpixel((10, 10))
        assert abs(red - 200) < 10 and green < 50 and blue < 50  # the avatar's pixels, not the posted noise


def test_the_change_page_shows_the_thumbnail_read_only(admin_client, person):
    post_change(admin_client, person, avatar=upload(solid_png((300, 300)), "me.png", "image/png"))
    person.refresh_from_db()
    page = admin_client.get(change_url(person)).content.decode()
    assert 'name="avatar_thumbnail"' not in page
    assert 'type="file" name="avatar"' in page
    thumb_url = reverse("admin:accounts_user_image", args=[person.pk, "avatar_thumbnail"])
    assert f'src="{thumb_url}' in page
    assert person.avatar.url not in page and person.avatar_thumbnail.url not in page  # private media


def test_staff_can_view_the_stored_images(admin_client, person, trainer, login):
    post_change(admin_client, person, avatar=upload(solid_png((300, 300)), "me.png", "image/png"))
    for field in ("avatar", "avatar_thumbnail"):
        response = admin_client.get(reverse("admin:accounts_user_image", args=[person.pk, field]))
        assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert admin_client.get(reverse("admin:accounts_user_image", args=[person.pk, "password"])).status_code == 404
    response = login(trainer).get(reverse("admin:accounts_user_image", args=[person.pk, "avatar"]))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_view_only_staff_see_the_images_but_no_upload(login, person, admin_client):
    post_change(admin_client, person, avatar=upload(solid_png((300, 300)), "me.png", "image/png"))
    viewer = UserFactory(email="viewer@example.com", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_user"))
    client = login(viewer)
    page = client.get(change_url(person))
    assert page.status_code == 200
    assert 'type="file"' not in page.content.decode()
    response = client.get(reverse("admin:accounts_user_image", args=[person.pk, "avatar_thumbnail"]))
    assert response.status_code == 200
    assert client.post(change_url(person), {"avatar-clear": "on"}).status_code == 403


@pytest.mark.parametrize(
    "image",
    [
        pytest.param("lowered_limit", id="over-IMAGE_MAX_PIXELS"),
        pytest.param("header_45mp", id="png-header-claiming-45-megapixels"),
    ],
)
def test_an_image_with_too_many_pixels_is_refused(admin_client, person, media_root, settings, image):
    if image == "lowered_limit":
        settings.IMAGE_MAX_PIXELS = 10_000
        data = solid_png((200, 200))
    else:
        data = png_header_claiming(7800, 5800)
        assert settings.IMAGE_MAX_PIXELS < 7800 * 5800
    response = post_change(admin_client, person, avatar=upload(data, "big.png", "image/png"))
    assert any("too many pixels" in error for error in avatar_errors(response))
    person.refresh_from_db()
    assert not person.avatar and not person.avatar_thumbnail
    assert stored_files(media_root) == []


def test_a_file_over_the_upload_limit_is_refused(admin_client, person, media_root, settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 4096
    data = noisy_jpeg()
    assert len(data) > 4096
    response = post_change(admin_client, person, avatar=upload(data))
    assert any("too large" in error for error in avatar_errors(response))
    person.refresh_from_db()
    assert not person.avatar
    assert stored_files(media_root) == []


def test_a_truncated_jpeg_is_refused(admin_client, person, media_root):
    data = noisy_jpeg()
    response = post_change(admin_client, person, avatar=upload(data[: len(data) * 2 // 3]))
    assert avatar_errors(response) == ["The file is not a valid image."]
    person.refresh_from_db()
    assert not person.avatar
    assert stored_files(media_root) == []


@pytest.mark.parametrize("kind", ["html", "zip"])
def test_a_polyglot_is_stored_only_as_re_encoded_pixels(admin_client, person, kind):
    if kind == "zip":
        archive = BytesIO()
        with zipfile.ZipFile(archive, "w") as zipped:
            zipped.writestr("payload.html", b"<script>alert(1)</script>" + PAYLOAD)
        payload = archive.getvalue()
    else:
        payload = b"<html><script>alert(document.cookie)</script>" + PAYLOAD + b"</html>"
    response = post_change(admin_client, person, avatar=upload(noisy_jpeg() + payload, "cat.jpg"))
    assert response.status_code == 302
    person.refresh_from_db()
    for stored in (person.avatar, person.avatar_thumbnail):
        with stored.open("rb") as handle:
            raw = handle.read()
        assert PAYLOAD not in raw and b"<script" not in raw and b"PK\x03\x04" not in raw
        assert raw.endswith(b"\xff\xd9")


def test_a_non_image_is_refused(admin_client, person, media_root):
    response = post_change(admin_client, person, avatar=upload(b"<svg onload=alert(1)>", "x.svg", "image/svg+xml"))
    assert avatar_errors(response)
    assert stored_files(media_root) == []


def test_clearing_the_avatar_in_the_admin_removes_both_files(admin_client, person):
    post_change(admin_client, person, avatar=upload(solid_png((300, 300)), "me.png", "image/png"))
    person.refresh_from_db()
    assert person.avatar and person.avatar_thumbnail
    response = post_change(admin_client, person, **{"avatar-clear": "on"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert not person.avatar and not person.avatar_thumbnail


def test_replacing_the_avatar_deletes_the_old_files_once_committed(
    admin_client, person, media_root, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_change(admin_client, person, avatar=upload(solid_png((300, 300)), "me.png", "image/png"))
    person.refresh_from_db()
    old = {media_root / person.avatar.name, media_root / person.avatar_thumbnail.name}
    with django_capture_on_commit_callbacks(execute=True):
        response = post_change(admin_client, person, avatar=upload(noisy_jpeg(), "new.jpg"))
    assert response.status_code == 302
    person.refresh_from_db()
    new = {media_root / person.avatar.name, media_root / person.avatar_thumbnail.name}
    assert not old & new
    assert set(stored_files(media_root)) == new


def test_without_a_service_the_mixin_stores_the_pipeline_output_itself(
    admin_client, person, media_root, monkeypatch, django_capture_on_commit_callbacks
):
    """What a future admin (meal photos, progress photos) gets when it names no service."""
    monkeypatch.setattr(admin.site._registry[User], "pipeline_images", {"avatar": PipelineImage("avatar_thumbnail")})
    monkeypatch.setattr(services, "user_avatar_set", None)  # not called
    monkeypatch.setattr(services, "user_avatar_remove", None)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_change(admin_client, person, avatar=upload(jpeg_with_metadata()))
    assert response.status_code == 302
    person.refresh_from_db()
    assert "home" not in person.avatar.name
    with person.avatar.open("rb") as stored:
        raw = stored.read()
    assert COMMENT not in raw and b"xmp-secret-location" not in raw and b"Exif" not in raw
    first = {media_root / person.avatar.name, media_root / person.avatar_thumbnail.name}
    assert set(stored_files(media_root)) == first
    with django_capture_on_commit_callbacks(execute=True):
        post_change(admin_client, person, avatar=upload(solid_png((300, 300)), "me.png", "image/png"))
    person.refresh_from_db()
    second = {media_root / person.avatar.name, media_root / person.avatar_thumbnail.name}
    assert not first & second and set(stored_files(media_root)) == second
    with django_capture_on_commit_callbacks(execute=True):
        post_change(admin_client, person, **{"avatar-clear": "on"})
    person.refresh_from_db()
    assert not person.avatar and not person.avatar_thumbnail and stored_files(media_root) == []


def test_saving_other_fields_keeps_the_avatar(admin_client, person):
    post_change(admin_client, person, avatar=upload(solid_png((300, 300)), "me.png", "image/png"))
    person.refresh_from_db()
    avatar, thumbnail = person.avatar.name, person.avatar_thumbnail.name
    response = post_change(admin_client, person, display_name="Pat Renamed")
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.display_name == "Pat Renamed"
    assert (person.avatar.name, person.avatar_thumbnail.name) == (avatar, thumbnail)


def test_an_admin_upload_runs_the_image_pipeline_once(admin_client, person, monkeypatch):
    """The form's clean runs the pipeline (a bad image is a form error); the save stores that output."""
    from fitnesspr import admin_images
    from fitnesspr.images import process_image

    calls = []

    def counting(upload, **kwargs):
        calls.append(upload.name)
        return process_image(upload, **kwargs)

    monkeypatch.setattr(admin_images, "process_image", counting)
    monkeypatch.setattr(services, "process_image", counting)
    response = post_change(admin_client, person, avatar=upload(solid_png((300, 300)), "me.png", "image/png"))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.avatar and person.avatar_thumbnail
    assert calls == ["me.png"]
